import { Module } from '@nestjs/common';
import { SandboxInspectionController } from './sandbox-inspection.controller.js';
import { SandboxInspectionService } from './sandbox-inspection.service.js';

/**
 * `GET /v1/sandbox/messages`, `GET /v1/sandbox/addresses` and `POST /v1/sandbox/reset`; AppModule registers it in
 * sandbox mode only.
 */
@Module({ controllers: [SandboxInspectionController], providers: [SandboxInspectionService] })
export class SandboxInspectionModule {}
