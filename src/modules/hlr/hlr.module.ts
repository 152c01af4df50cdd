import { Module } from '@nestjs/common';
import { HlrController } from './hlr.controller.js';
import { HlrService } from './hlr.service.js';

@Module({ controllers: [HlrController], providers: [HlrService] })
export class HlrModule {}
