import type { ExecutionContext } from '@nestjs/common';
import type * as NestCore from '@nestjs/core';
import type * as Throttler from '@nestjs/throttler';
import type * as GatewayErrorModule from '../src/common/errors/gateway.error.js';
import type * as PolicyDecorators from '../src/common/policies/policy.decorators.js';
import type * as ThrottlerGuardModule from '../src/common/rate-limit/api-key-throttler.guard.js';
import { built, builtPackage } from './support/built.js';
import { fakeRequest, FakeReply, httpContext, type FakeRequest } from './unit/execution-context.js';

/*
 * A unit test of the throttler guard, run against the built code in Node's own loader (the e2e project): the guard
 * extends @nestjs/throttler's, a CommonJS package that require()s the ESM-only NestJS 12 packages, which jest's
 * module registry cannot load on Node 20 (the unit project's slices leave it out for the same reason).
 */
const { ApiKeyThrottlerGuard, NO_LIMIT } = built<typeof ThrottlerGuardModule>(
  'common/rate-limit/api-key-throttler.guard.js',
);
const { Probe, Scopes } = built<typeof PolicyDecorators>('common/policies/policy.decorators.js');
const { GatewayError } = built<typeof GatewayErrorModule>('common/errors/gateway.error.js');
const { Reflector } = builtPackage<typeof NestCore>('@nestjs/core');
const { ThrottlerException, ThrottlerStorageService } = builtPackage<typeof Throttler>('@nestjs/throttler');

class Routes {
  @Scopes('sms')
  send(): void {}

  @Scopes('sms')
  segments(): void {}

  @Probe()
  live(): void {}
}

/** The in-process throttler storage, counting the calls the guard makes to it. */
class CountingStorage extends ThrottlerStorageService {
  increments: string[] = [];

  override increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): ReturnType<Throttler.ThrottlerStorageService['increment']> {
    this.increments.push(key);
    return super.increment(key, ttl, limit, blockDuration, name);
  }
}

describe('ApiKeyThrottlerGuard (built, in Node’s own loader)', () => {
  const storages: CountingStorage[] = [];

  afterAll(() => {
    for (const storage of storages) storage.onApplicationShutdown();
  });

  async function guardWith(limit: number, storage: Throttler.ThrottlerStorage = new CountingStorage()) {
    if (storage instanceof CountingStorage) storages.push(storage);
    const guard = new ApiKeyThrottlerGuard(
      { throttlers: [{ name: 'default', ttl: 60_000, limit, setHeaders: limit !== NO_LIMIT }] },
      storage,
      new Reflector(),
    );
    await guard.onModuleInit();
    return guard;
  }

  const call = (handler: keyof Routes, request: FakeRequest, reply = new FakeReply()): ExecutionContext =>
    httpContext(Routes, handler, request, reply);

  async function outcome(guard: Throttler.ThrottlerGuard, context: ExecutionContext): Promise<unknown> {
    try {
      return await guard.canActivate(context);
    } catch (error) {
      return error;
    }
  }

  it('counts per API key across routes, with the IETF RateLimit-* headers, and answers 429 past the limit', async () => {
    const guard = await guardWith(2);
    const replies = [new FakeReply(), new FakeReply()];

    const first = await outcome(guard, call('send', fakeRequest({ apiKeyName: 'ops' }), replies[0]));
    const second = await outcome(guard, call('segments', fakeRequest({ apiKeyName: 'ops' }), replies[1]));
    const third = await outcome(guard, call('send', fakeRequest({ apiKeyName: 'ops' })));
    const otherKey = await outcome(guard, call('send', fakeRequest({ apiKeyName: 'billing' })));

    expect([first, second, otherKey]).toEqual([true, true, true]);
    expect(third).toBeInstanceOf(ThrottlerException);
    expect((third as Throttler.ThrottlerException).getStatus()).toBe(429);
    expect(
      replies.map((reply) => [reply.headers['ratelimit-limit'], reply.headers['ratelimit-remaining']]),
    ).toEqual([
      ['2', '1'],
      ['2', '0'],
    ]);
    expect(Number(replies[0].headers['ratelimit-reset'])).toBeGreaterThan(0);
  });

  it('counts callers without a key by client address, apart from keyed callers', async () => {
    const storage = new CountingStorage();
    const guard = await guardWith(1, storage);

    const anonymous = await outcome(guard, call('send', fakeRequest({ ip: '192.0.2.1' })));
    const sameAddress = await outcome(guard, call('send', fakeRequest({ ip: '192.0.2.1' })));
    const otherAddress = await outcome(guard, call('send', fakeRequest({ ip: '192.0.2.2' })));
    const keyed = await outcome(guard, call('send', fakeRequest({ ip: '192.0.2.1', apiKeyName: 'ops' })));

    expect([anonymous, otherAddress, keyed]).toEqual([true, true, true]);
    expect(sameAddress).toBeInstanceOf(ThrottlerException);
    expect(new Set(storage.increments)).toEqual(
      new Set(['default:ip:192.0.2.1', 'default:ip:192.0.2.2', 'default:key:ops']),
    );
  });

  it('never limits probes, nor counts them', async () => {
    const storage = new CountingStorage();
    const guard = await guardWith(1, storage);

    const answers = [];
    for (let i = 0; i < 5; i += 1)
      answers.push(await outcome(guard, call('live', fakeRequest({ apiKeyName: 'ops' }))));

    expect(answers).toEqual([true, true, true, true, true]);
    expect(storage.increments).toEqual([]);
  });

  it('with the limit off (RATE_LIMIT_PER_MINUTE=0) never asks the store and sets no header', async () => {
    const storage = new CountingStorage();
    const guard = await guardWith(NO_LIMIT, storage);
    const reply = new FakeReply();

    expect(await outcome(guard, call('send', fakeRequest({ apiKeyName: 'ops' }), reply))).toBe(true);
    expect(storage.increments).toEqual([]);
    expect(reply.headers).toEqual({});
  });

  it('refuses the request (503 STATE_STORE_UNAVAILABLE) when the counters cannot be asked', async () => {
    const unreachable: Throttler.ThrottlerStorage = {
      increment: () => Promise.reject(new Error('Connection is closed.')),
    };
    const guard = await guardWith(10, unreachable);

    const refused = await outcome(guard, call('send', fakeRequest({ apiKeyName: 'ops' })));

    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ code: 'STATE_STORE_UNAVAILABLE', retryAfterSeconds: 2 });
  });
});
