import type { Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeyGuard } from '../../src/common/auth/api-key.guard.js';
import { ApiKeyRegistry } from '../../src/common/auth/api-key.registry.js';
import { Clock } from '../../src/common/clock/clock.js';
import { IdempotencyInterceptor } from '../../src/common/idempotency/idempotency.interceptor.js';
import { IdempotencyStore, MemoryIdempotencyStore } from '../../src/common/idempotency/idempotency.store.js';

/**
 * The policy providers of `PoliciesModule` that jest can load: the API-key guard and the idempotency interceptor,
 * registered globally as the module registers them, with an in-process idempotency store on the slice's clock.
 * The module itself is not importable in the unit project: it imports `@nestjs/throttler`, a CommonJS package
 * that `require()`s the ESM-only NestJS 12 packages, which jest's module registry cannot do on Node 20. The
 * throttler guard is tested against the built code in Node's own loader instead
 * (test/api-key-throttler.guard.built-spec.ts).
 */
export function policyProviders(): Provider[] {
  return [
    ApiKeyRegistry,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    {
      provide: IdempotencyStore,
      inject: [Clock],
      useFactory: (clock: Clock) => new MemoryIdempotencyStore(3_600_000, 1000, clock),
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ];
}
