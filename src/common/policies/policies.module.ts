import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule } from '@nestjs/throttler';
import type { GatewayConfig } from '../../config/configuration.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { ApiKeyRegistry } from '../auth/api-key.registry.js';
import { AuthFailureGuard } from '../auth/auth-failure.guard.js';
import { AuthFailures, MemoryAuthFailures, RedisAuthFailures } from '../auth/auth-failures.js';
import { Clock } from '../clock/clock.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { IdempotencyStore, MemoryIdempotencyStore } from '../idempotency/idempotency.store.js';
import { RedisIdempotencyStore } from '../idempotency/redis-idempotency.store.js';
import { ApiKeyThrottlerGuard, NO_LIMIT } from '../rate-limit/api-key-throttler.guard.js';
import { SharedRedis, SharedRedisModule } from '../redis/shared-redis.js';
import { RoutePolicyCheck } from './route-policy.check.js';

/**
 * The policies every route gets, in the order they run: whether the client's address may present keys at all (too
 * many failed authentications), who is calling (API key and scope), how often (rate limit, counted per key), and
 * whether this POST was already answered (idempotency). With `REDIS_URL` the failure counts, rate-limit counters and
 * idempotency records live in Redis, shared by every instance.
 */
@Module({
  imports: [
    DiscoveryModule,
    SharedRedisModule,
    ThrottlerModule.forRootAsync({
      imports: [SharedRedisModule],
      inject: [ConfigService, SharedRedis],
      useFactory: (config: ConfigService<GatewayConfig, true>, redis: SharedRedis) => {
        const { perMinute } = config.get('rateLimit', { infer: true });
        return {
          throttlers: [
            {
              name: 'default',
              ttl: 60_000,
              limit: perMinute === 0 ? NO_LIMIT : perMinute,
              setHeaders: perMinute > 0,
            },
          ],
          storage: redis.client === undefined ? undefined : new ThrottlerStorageRedisService(redis.client),
        };
      },
    }),
  ],
  providers: [
    RoutePolicyCheck,
    ApiKeyRegistry,
    {
      provide: AuthFailures,
      inject: [ConfigService, SharedRedis, Clock],
      useFactory: (config: ConfigService<GatewayConfig, true>, redis: SharedRedis, clock: Clock) => {
        const { authFailuresPerMinute } = config.get('rateLimit', { infer: true });
        return redis.client === undefined
          ? new MemoryAuthFailures(authFailuresPerMinute, clock)
          : new RedisAuthFailures(redis.client, authFailuresPerMinute);
      },
    },
    { provide: APP_GUARD, useClass: AuthFailureGuard },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: ApiKeyThrottlerGuard },
    {
      provide: IdempotencyStore,
      inject: [ConfigService, SharedRedis, Clock],
      useFactory: (config: ConfigService<GatewayConfig, true>, redis: SharedRedis, clock: Clock) => {
        const { ttlSeconds, maxEntries } = config.get('idempotency', { infer: true });
        return redis.client === undefined
          ? new MemoryIdempotencyStore(ttlSeconds * 1000, maxEntries, clock)
          : new RedisIdempotencyStore(redis.client, ttlSeconds * 1000);
      },
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class PoliciesModule {}
