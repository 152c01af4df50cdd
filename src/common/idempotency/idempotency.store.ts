import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock/clock.js';
import type { Problem } from '../errors/problem.js';

/** What a first request ended in, kept so a retry gets the same answer without a second upstream call. */
export type StoredOutcome =
  | { readonly kind: 'success'; readonly status: number; readonly body: unknown }
  | {
      readonly kind: 'problem';
      readonly problem: Omit<Problem, 'requestId'>;
      readonly retryAfterSeconds?: number;
    };

export type Claim =
  | { readonly state: 'claimed' }
  | { readonly state: 'in_progress' }
  | { readonly state: 'mismatch' }
  | { readonly state: 'completed'; readonly outcome: StoredOutcome };

/**
 * Idempotency records by `<api key name>:<Idempotency-Key>`. `claim` is atomic: of two concurrent claims of
 * a new key exactly one gets `claimed`. An abstract class so that a shared store (Redis) can replace the
 * in-process one without touching the policy.
 */
export abstract class IdempotencyStore {
  /** Claims the key for a request with this fingerprint, or reports what is already known about it. */
  abstract claim(key: string, fingerprint: string): Promise<Claim>;
  /** Records the outcome of a claimed key, for the configured time to live. */
  abstract complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void>;
  /** Forgets a claim whose request was rejected before it did anything, so it may be sent again. */
  abstract release(key: string): Promise<void>;
}

type Entry = { readonly fingerprint: string; readonly outcome?: StoredOutcome };

/** A claim whose request never finishes (a hung handler) stops blocking retries after this long. */
export const CLAIM_TTL_MS = 5 * 60_000;

/**
 * In-process store, bounded in entries: the least recently used records go first when it is full. Claims and
 * records expire on the injected clock.
 */
export class MemoryIdempotencyStore extends IdempotencyStore {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly ttlMs: number,
    maxEntries: number,
    clock: Clock,
  ) {
    super();
    // No resolution cache: a moved clock counts at once.
    this.entries = new LRUCache<string, Entry>({
      max: maxEntries,
      ttl: ttlMs,
      perf: { now: () => clock.now() },
      ttlResolution: 0,
    });
  }

  claim(key: string, fingerprint: string): Promise<Claim> {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.entries.set(key, { fingerprint }, { ttl: CLAIM_TTL_MS });
      return Promise.resolve({ state: 'claimed' });
    }
    if (entry.fingerprint !== fingerprint) return Promise.resolve({ state: 'mismatch' });
    if (entry.outcome === undefined) return Promise.resolve({ state: 'in_progress' });
    return Promise.resolve({ state: 'completed', outcome: entry.outcome });
  }

  complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    this.entries.set(key, { fingerprint, outcome }, { ttl: this.ttlMs });
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
}
