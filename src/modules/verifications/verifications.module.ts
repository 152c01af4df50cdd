import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SharedRedis, SharedRedisModule } from '../../common/redis/shared-redis.js';
import type { VerificationConfig } from '../../config/configuration.js';
import { RedisVerificationStore } from './redis-verification.store.js';
import { MemoryVerificationStore, VerificationStore } from './verification.store.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';

@Module({
  imports: [SharedRedisModule],
  controllers: [VerificationsController],
  providers: [
    VerificationsService,
    {
      provide: VerificationStore,
      inject: [ConfigService, SharedRedis],
      // With REDIS_URL every instance sees the same verifications and limits; otherwise they stay in process.
      useFactory: (config: ConfigService, redis: SharedRedis) =>
        redis.client === undefined
          ? new MemoryVerificationStore(config.getOrThrow<VerificationConfig>('verification').maxEntries)
          : new RedisVerificationStore(redis.client),
    },
  ],
})
export class VerificationsModule {}
