import { Module } from '@nestjs/common';
import { UsageController } from './usage.controller.js';
import { UsageService } from './usage.service.js';

/** `GET /v1/usage`: the ledger's accounting per caller, channel and day. */
@Module({ controllers: [UsageController], providers: [UsageService] })
export class UsageModule {}
