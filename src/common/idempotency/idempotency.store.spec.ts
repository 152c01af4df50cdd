import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWithRedis, TEST_REDIS_URL } from '../../../test/support/redis.js';
import { ManualClock } from '../clock/clock.js';
import { GatewayError } from '../errors/gateway.error.js';
import {
  CLAIM_TTL_MS,
  IdempotencyStore,
  MemoryIdempotencyStore,
  type StoredOutcome,
} from './idempotency.store.js';
import { RedisIdempotencyStore } from './redis-idempotency.store.js';

const TTL_MS = 24 * 60 * 60_000;
const SUCCESS: StoredOutcome = { kind: 'success', status: 201, body: { messageId: '7', credits: 1 } };
const NO_CREDITS: StoredOutcome = {
  kind: 'problem',
  problem: {
    type: 'urn:afilnet-gateway:problem:no-credits',
    title: 'The Afilnet account has too few credits',
    status: 402,
    detail: 'Afilnet sms.sendsms answered NO_CREDITS.',
    code: 'NO_CREDITS',
    upstream: { class: 'sms', method: 'sendsms', error: 'NO_CREDITS' },
  },
};

/** What both stores must do; `key(n)` names records no earlier run has used (a shared Redis keeps them). */
function idempotencyStoreContract(make: () => IdempotencyStore, key: (n: number) => string): void {
  let store: IdempotencyStore;
  let serial = 0;
  const fresh = () => key((serial += 1));

  beforeEach(() => {
    store = make();
  });

  it('lets exactly one of two claims of a new key win; the other sees it in progress', async () => {
    const name = fresh();

    const claims = await Promise.all([store.claim(name, 'fp-a'), store.claim(name, 'fp-a')]);

    expect(claims.map((claim) => claim.state).sort()).toEqual(['claimed', 'in_progress']);
  });

  it('reports another fingerprint as a mismatch, before and after completion', async () => {
    const name = fresh();
    await store.claim(name, 'fp-a');

    expect(await store.claim(name, 'fp-b')).toEqual({ state: 'mismatch' });
    await store.complete(name, 'fp-a', SUCCESS);
    expect(await store.claim(name, 'fp-b')).toEqual({ state: 'mismatch' });
  });

  it('answers a completed success or problem with its outcome, as often as asked', async () => {
    const sent = fresh();
    const refused = fresh();
    await store.claim(sent, 'fp-a');
    await store.claim(refused, 'fp-a');
    await store.complete(sent, 'fp-a', SUCCESS);
    await store.complete(refused, 'fp-a', NO_CREDITS);

    expect(await store.claim(sent, 'fp-a')).toEqual({ state: 'completed', outcome: SUCCESS });
    expect(await store.claim(sent, 'fp-a')).toEqual({ state: 'completed', outcome: SUCCESS });
    expect(await store.claim(refused, 'fp-a')).toEqual({ state: 'completed', outcome: NO_CREDITS });
  });

  it('forgets a released claim, so the key can be claimed again, with any body', async () => {
    const name = fresh();
    await store.claim(name, 'fp-a');

    await store.release(name);

    expect(await store.claim(name, 'fp-b')).toEqual({ state: 'claimed' });
  });

  it('keeps keys apart', async () => {
    const [one, two] = [fresh(), fresh()];
    await store.claim(one, 'fp-a');

    expect(await store.claim(two, 'fp-a')).toEqual({ state: 'claimed' });
  });
}

describe('MemoryIdempotencyStore', () => {
  idempotencyStoreContract(
    () => new MemoryIdempotencyStore(TTL_MS, 100, new ManualClock()),
    (n) => `ops:key-${n}`,
  );

  it('lets a claim that never completes (a hung request) expire once CLAIM_TTL_MS has passed', async () => {
    const clock = new ManualClock();
    const store = new MemoryIdempotencyStore(TTL_MS, 100, clock);
    await store.claim('ops:hung', 'fp-a');

    clock.advance(CLAIM_TTL_MS);
    expect(await store.claim('ops:hung', 'fp-a')).toEqual({ state: 'in_progress' });
    clock.advance(1);
    expect(await store.claim('ops:hung', 'fp-a')).toEqual({ state: 'claimed' });
  });

  it("keeps a completed outcome for the configured time to live, not the claim's", async () => {
    const clock = new ManualClock();
    const store = new MemoryIdempotencyStore(TTL_MS, 100, clock);
    await store.claim('ops:done', 'fp-a');
    await store.complete('ops:done', 'fp-a', SUCCESS);

    clock.advance(TTL_MS);
    expect((await store.claim('ops:done', 'fp-a')).state).toBe('completed');
    clock.advance(1);
    expect((await store.claim('ops:done', 'fp-a')).state).toBe('claimed');
  });

  it('drops the least recently used kept outcome when full', async () => {
    const store = new MemoryIdempotencyStore(TTL_MS, 2, new ManualClock());
    for (const key of ['ops:a', 'ops:b']) {
      await store.claim(key, 'fp');
      await store.complete(key, 'fp', SUCCESS);
    }
    await store.claim('ops:a', 'fp');

    await store.claim('ops:c', 'fp');
    await store.complete('ops:c', 'fp', SUCCESS);

    expect((await store.claim('ops:a', 'fp')).state).toBe('completed');
    expect((await store.claim('ops:b', 'fp')).state).toBe('claimed');
  });

  it('never evicts a claim still in flight, however many other keys come and go', async () => {
    const store = new MemoryIdempotencyStore(TTL_MS, 2, new ManualClock());
    await store.claim('ops:running', 'fp');

    for (let n = 0; n < 10; n += 1) {
      await store.claim(`ops:other-${n}`, 'fp');
      await store.complete(`ops:other-${n}`, 'fp', SUCCESS);
    }

    expect(await store.claim('ops:running', 'fp')).toEqual({ state: 'in_progress' });
    expect(await store.claim('ops:running', 'fp-other')).toEqual({ state: 'mismatch' });
  });
});

const RUN = randomUUID().slice(0, 8);

describeWithRedis(
  TEST_REDIS_URL !== undefined,
  'TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)',
  'RedisIdempotencyStore against a real Redis',
  () => {
    const prefix = `afilnet-gateway-test:${RUN}:`;
    const clients: Redis[] = [];
    const client = () => {
      const redis = new Redis(TEST_REDIS_URL!, { keyPrefix: prefix });
      clients.push(redis);
      return redis;
    };

    afterAll(async () => {
      const cleaner = new Redis(TEST_REDIS_URL!);
      const written = await cleaner.keys(`${prefix}*`);
      if (written.length > 0) await cleaner.del(...written);
      cleaner.disconnect();
      for (const redis of clients) redis.disconnect();
    });

    idempotencyStoreContract(
      () => new RedisIdempotencyStore(client(), TTL_MS),
      (n) => `ops:key-${n}`,
    );

    it('sees a claim made by another instance (another connection)', async () => {
      const first = new RedisIdempotencyStore(client(), TTL_MS);
      const second = new RedisIdempotencyStore(client(), TTL_MS);

      expect(await first.claim('ops:shared', 'fp-a')).toEqual({ state: 'claimed' });
      expect(await second.claim('ops:shared', 'fp-a')).toEqual({ state: 'in_progress' });
      await first.complete('ops:shared', 'fp-a', SUCCESS);
      expect(await second.claim('ops:shared', 'fp-a')).toEqual({ state: 'completed', outcome: SUCCESS });
    });

    it('sets the claim to expire after CLAIM_TTL_MS and the outcome after the configured TTL', async () => {
      const redis = client();
      const store = new RedisIdempotencyStore(redis, TTL_MS);

      await store.claim('ops:expiring', 'fp-a');
      const claimTtl = await redis.pttl('idempotency:ops:expiring');
      await store.complete('ops:expiring', 'fp-a', SUCCESS);
      const outcomeTtl = await redis.pttl('idempotency:ops:expiring');

      expect(claimTtl).toBeGreaterThan(CLAIM_TTL_MS - 5_000);
      expect(claimTtl).toBeLessThanOrEqual(CLAIM_TTL_MS);
      expect(outcomeTtl).toBeGreaterThan(TTL_MS - 5_000);
      expect(outcomeTtl).toBeLessThanOrEqual(TTL_MS);
    });
  },
);

describe('RedisIdempotencyStore when Redis cannot be asked', () => {
  it('fails closed with 503 STATE_STORE_UNAVAILABLE on every command', async () => {
    // No server on port 1, no offline queue and no reconnection: every command fails at once.
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const store = new RedisIdempotencyStore(redis, TTL_MS);
    const failures = await Promise.all(
      [
        () => store.claim('ops:any', 'fp'),
        () => store.complete('ops:any', 'fp', SUCCESS),
        () => store.release('ops:any'),
      ].map((command) =>
        command().then(
          () => undefined,
          (error: unknown) => error,
        ),
      ),
    );
    redis.disconnect();

    for (const failure of failures) {
      expect(failure).toBeInstanceOf(GatewayError);
      expect(failure).toMatchObject({ code: 'STATE_STORE_UNAVAILABLE', retryAfterSeconds: 2 });
    }
  });
});
