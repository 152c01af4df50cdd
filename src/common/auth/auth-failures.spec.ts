import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWithRedis, TEST_REDIS_URL } from '../../../test/support/redis.js';
import { ManualClock } from '../clock/clock.js';
import { AUTH_FAILURE_WINDOW_MS, MemoryAuthFailures, RedisAuthFailures } from './auth-failures.js';

describe('MemoryAuthFailures', () => {
  it('refuses an address from its limit-th failure in a window, for a window from that failure', async () => {
    const clock = new ManualClock();
    const failures = new MemoryAuthFailures(3, clock);

    await failures.count('203.0.113.7');
    clock.advance(10_000);
    await failures.count('203.0.113.7');
    expect(await failures.blockedFor('203.0.113.7')).toBe(0);
    clock.advance(10_000);
    await failures.count('203.0.113.7');

    expect(await failures.blockedFor('203.0.113.7')).toBe(AUTH_FAILURE_WINDOW_MS);
    expect(await failures.blockedFor('203.0.113.8')).toBe(0);
    clock.advance(AUTH_FAILURE_WINDOW_MS - 1);
    expect(await failures.blockedFor('203.0.113.7')).toBe(1);
    clock.advance(1);
    expect(await failures.blockedFor('203.0.113.7')).toBe(0);
  });

  it('starts counting again once the window of the first failure has passed', async () => {
    const clock = new ManualClock();
    const failures = new MemoryAuthFailures(2, clock);

    await failures.count('203.0.113.7');
    clock.advance(AUTH_FAILURE_WINDOW_MS);
    await failures.count('203.0.113.7');

    expect(await failures.blockedFor('203.0.113.7')).toBe(0);
  });
});

describeWithRedis(
  TEST_REDIS_URL !== undefined,
  'TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)',
  'RedisAuthFailures against a real Redis',
  () => {
    const prefix = `afilnet-gateway-test:${randomUUID().slice(0, 8)}:`;
    // Connected in beforeAll, not here: a skipped suite's body still runs, and would leave a client reconnecting.
    let redis: Redis;

    beforeAll(() => {
      redis = new Redis(TEST_REDIS_URL!, { keyPrefix: prefix });
    });

    afterAll(async () => {
      const cleaner = new Redis(TEST_REDIS_URL!);
      const written = await cleaner.keys(`${prefix}*`);
      if (written.length > 0) await cleaner.del(...written);
      cleaner.disconnect();
      redis.disconnect();
    });

    it('refuses an address from its limit-th failure for about a window, counted once for every instance', async () => {
      const [one, two] = [new RedisAuthFailures(redis, 3), new RedisAuthFailures(redis, 3)];

      await one.count('203.0.113.7');
      await two.count('203.0.113.7');
      const before = await one.blockedFor('203.0.113.7');
      await one.count('203.0.113.7');

      expect(before).toBe(0);
      expect(await two.blockedFor('203.0.113.7')).toBeGreaterThan(AUTH_FAILURE_WINDOW_MS - 5000);
      expect(await two.blockedFor('203.0.113.7')).toBeLessThanOrEqual(AUTH_FAILURE_WINDOW_MS);
      expect(await one.blockedFor('203.0.113.8')).toBe(0);
    });
  },
);
