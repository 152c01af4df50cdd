import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { VerificationConfig } from '../../config/configuration.js';
import { MemoryVerificationStore, VerificationStore } from './verification.store.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';

@Module({
  controllers: [VerificationsController],
  providers: [
    VerificationsService,
    {
      provide: VerificationStore,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new MemoryVerificationStore(config.getOrThrow<VerificationConfig>('verification').maxEntries),
    },
  ],
})
export class VerificationsModule {}
