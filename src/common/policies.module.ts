import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { IdempotencyConfig, RateLimitConfig } from '../config/configuration.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeyRegistry } from './auth/api-key.registry.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyStore, MemoryIdempotencyStore } from './idempotency/idempotency.store.js';
import { ApiKeyThrottlerGuard } from './rate-limit/api-key-throttler.guard.js';

/** Effectively unlimited, and without headers: how `RATE_LIMIT_PER_MINUTE=0` switches the limit off. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The policies every route gets, in the order they run: who is calling (API key and scope), how often
 * (rate limit, counted per key), and whether this POST was already answered (idempotency).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const { perMinute } = config.getOrThrow<RateLimitConfig>('rateLimit');
        return [
          {
            name: 'default',
            ttl: 60_000,
            limit: perMinute === 0 ? NO_LIMIT : perMinute,
            setHeaders: perMinute > 0,
          },
        ];
      },
    }),
  ],
  providers: [
    ApiKeyRegistry,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: ApiKeyThrottlerGuard },
    {
      provide: IdempotencyStore,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const { ttlSeconds, maxEntries } = config.getOrThrow<IdempotencyConfig>('idempotency');
        return new MemoryIdempotencyStore(ttlSeconds * 1000, maxEntries);
      },
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class PoliciesModule {}
