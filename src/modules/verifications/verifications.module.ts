import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../../common/clock/clock.js';
import { SharedRedis, SharedRedisModule } from '../../common/redis/shared-redis.js';
import type { GatewayConfig, VerificationConfig } from '../../config/configuration.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { RedisVerificationStore } from './redis-verification.store.js';
import { MemoryVerificationStore, VerificationStore, type CodeLimits } from './verification.store.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';

const MINUTE_MS = 60_000;

function codeLimits(config: VerificationConfig): CodeLimits {
  return {
    maxSends: config.maxStarts,
    windowMs: config.windowMinutes * MINUTE_MS,
    maxAttempts: config.maxAttempts,
    codeLifetimeMs: config.maxValidityMinutes * MINUTE_MS,
  };
}

/** Exports the store: `POST /v1/otp` and `POST /v1/otp/verify` keep the same per-destination rules in it. */
@Module({
  imports: [SharedRedisModule, LedgerModule],
  controllers: [VerificationsController],
  providers: [
    VerificationsService,
    {
      provide: VerificationStore,
      inject: [ConfigService, SharedRedis, Clock],
      // With REDIS_URL every instance sees the same verifications and limits; otherwise they stay in process.
      useFactory: (config: ConfigService<GatewayConfig, true>, redis: SharedRedis, clock: Clock) => {
        const settings = config.get('verification', { infer: true });
        return redis.client === undefined
          ? new MemoryVerificationStore(settings.maxEntries, codeLimits(settings), clock)
          : new RedisVerificationStore(redis.client, codeLimits(settings), clock);
      },
    },
  ],
  exports: [VerificationStore],
})
export class VerificationsModule {}
