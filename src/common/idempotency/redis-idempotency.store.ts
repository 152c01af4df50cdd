import type { Redis } from 'ioredis';
import { askRedis } from '../redis/shared-redis.js';
import { CLAIM_TTL_MS, IdempotencyStore, type Claim, type StoredOutcome } from './idempotency.store.js';

type Entry = { readonly fingerprint: string; readonly outcome?: StoredOutcome };

/**
 * Idempotency records in Redis, shared by every instance. A claim is `SET … NX PX`: of two instances claiming a
 * new key at once exactly one wins, and a holder that crashes mid-send stops blocking retries when the claim
 * expires. When Redis cannot answer, the request fails closed (503) rather than risk a second send.
 */
export class RedisIdempotencyStore extends IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {
    super();
  }

  async claim(key: string, fingerprint: string): Promise<Claim> {
    const claimed = await this.ask(() =>
      this.redis.set(recordKey(key), JSON.stringify({ fingerprint }), 'PX', CLAIM_TTL_MS, 'NX'),
    );
    if (claimed === 'OK') return { state: 'claimed' };
    const stored = await this.ask(() => this.redis.get(recordKey(key)));
    // The holder's record expired between the two commands: the key is free again, so claim it anew.
    if (stored === null) return this.claim(key, fingerprint);
    const entry = JSON.parse(stored) as Entry;
    if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (entry.outcome === undefined) return { state: 'in_progress' };
    return { state: 'completed', outcome: entry.outcome };
  }

  async complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    await this.ask(() =>
      this.redis.set(recordKey(key), JSON.stringify({ fingerprint, outcome }), 'PX', this.ttlMs),
    );
  }

  /** A plain delete is enough: only the claim's holder releases, and only while its request is running. */
  async release(key: string): Promise<void> {
    await this.ask(() => this.redis.del(recordKey(key)));
  }

  private ask<T>(command: () => Promise<T>): Promise<T> {
    return askRedis('idempotency store', command);
  }
}

function recordKey(key: string): string {
  return `idempotency:${key}`;
}
