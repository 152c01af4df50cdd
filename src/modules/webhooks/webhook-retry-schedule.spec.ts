import { afterFailure, retryDelayMs } from './webhook-retry-schedule.js';

const SECOND_MS = 1000;
const HOUR_MS = 3600 * SECOND_MS;

describe('the webhook retry schedule', () => {
  it('retries the first failure within 10 seconds and passes through every step of Svix', () => {
    const delays = Array.from({ length: 11 }, (_, index) => retryDelayMs(index + 1));

    expect(delays[0]).toBeLessThanOrEqual(10 * SECOND_MS);
    expect(delays).toEqual(
      expect.arrayContaining([5, 300, 1800, 7200, 18000, 36000].map((s) => s * SECOND_MS)),
    );
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('spreads the default 12 attempts over about a day, and waits 10 h between any further ones', () => {
    let at = 0;
    for (let attempt = 1; attempt < 12; attempt += 1) {
      const next = afterFailure(attempt, 12, at);
      if (next.outcome !== 'retry') throw new Error(`attempt ${attempt} should be retried`);
      at = next.nextAttemptAt;
    }

    expect(at).toBeGreaterThan(20 * HOUR_MS);
    expect(at).toBeLessThan(26 * HOUR_MS);
    expect(retryDelayMs(30)).toBe(10 * HOUR_MS);
  });

  it('gives up after the last attempt allowed', () => {
    expect(afterFailure(12, 12, 0)).toEqual({ outcome: 'failed' });
    expect(afterFailure(13, 12, 0)).toEqual({ outcome: 'failed' });
    expect(afterFailure(1, 1, 0)).toEqual({ outcome: 'failed' });
    expect(afterFailure(1, 2, 1000)).toEqual({ outcome: 'retry', nextAttemptAt: 6000 });
  });
});
