import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock/clock.js';
import { askRedis } from '../redis/shared-redis.js';

/** The window failures are counted in, and how long an address is refused once it has too many. */
export const AUTH_FAILURE_WINDOW_MS = 60_000;

/**
 * Failed authentications (401s) per client address. Once an address has `limit` failures within a window it is
 * refused for a window from its last counted failure; the count starts again after that.
 */
export abstract class AuthFailures {
  /** Milliseconds until the address may present keys again; 0 when it may now. */
  abstract blockedFor(address: string): Promise<number>;
  /** Counts one failed authentication of the address. */
  abstract count(address: string): Promise<void>;
}

type Entry = { readonly failures: number; readonly until: number };

/** In-process counts, bounded in addresses (the least recently seen go first). */
export class MemoryAuthFailures extends AuthFailures {
  private readonly entries = new LRUCache<string, Entry>({ max: 100_000 });

  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
  ) {
    super();
  }

  blockedFor(address: string): Promise<number> {
    const entry = this.entries.get(address);
    const now = this.clock.now();
    const blocked = entry !== undefined && entry.failures >= this.limit && entry.until > now;
    return Promise.resolve(blocked ? entry.until - now : 0);
  }

  count(address: string): Promise<void> {
    const now = this.clock.now();
    const entry = this.entries.get(address);
    const failures = entry === undefined || entry.until <= now ? 1 : entry.failures + 1;
    const until =
      failures === 1 || failures >= this.limit ? now + AUTH_FAILURE_WINDOW_MS : (entry?.until ?? now);
    this.entries.set(address, { failures, until });
    return Promise.resolve();
  }
}

/** The count, and the window it expires with; the window starts again from the failure that reaches the limit. */
const COUNT = `
local failures = redis.call('INCR', KEYS[1])
if failures == 1 or failures >= tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return failures
`;

const BLOCKED_FOR = `
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures < tonumber(ARGV[1]) then return 0 end
return math.max(redis.call('PTTL', KEYS[1]), 0)
`;

/** Counts in Redis, shared by every instance: an address gets one budget of failures, not one per instance. */
export class RedisAuthFailures extends AuthFailures {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
  ) {
    super();
  }

  async blockedFor(address: string): Promise<number> {
    const ms = await askRedis('authentication-failure count', () =>
      this.redis.eval(BLOCKED_FOR, 1, failuresKey(address), this.limit),
    );
    return Number(ms);
  }

  async count(address: string): Promise<void> {
    await askRedis('authentication-failure count', () =>
      this.redis.eval(COUNT, 1, failuresKey(address), AUTH_FAILURE_WINDOW_MS, this.limit),
    );
  }
}

function failuresKey(address: string): string {
  return `auth-failures:${address}`;
}
