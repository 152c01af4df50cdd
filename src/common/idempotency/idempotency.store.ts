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
  /** Forgets a claim whose request was refused before it did its work, so it may be sent again. */
  abstract release(key: string): Promise<void>;
}

type Entry = { readonly fingerprint: string; readonly outcome: StoredOutcome };
type InFlight = { readonly fingerprint: string; readonly expiresAt: number };

/** A claim whose request never finishes (a hung handler) stops blocking retries after this long. */
export const CLAIM_TTL_MS = 5 * 60_000;

/**
 * In-process store. Recorded outcomes are bounded in entries (the least recently used go first when it is full);
 * claims of requests still running are kept apart and never evicted — evicting one would let a retry send a
 * second time while the first is still in flight. Their number is bounded by the requests in flight. Claims and
 * records expire on the injected clock.
 */
export class MemoryIdempotencyStore extends IdempotencyStore {
  private readonly outcomes: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, InFlight>();

  constructor(
    ttlMs: number,
    maxEntries: number,
    private readonly clock: Clock,
  ) {
    super();
    // No resolution cache: a moved clock counts at once.
    this.outcomes = new LRUCache<string, Entry>({
      max: maxEntries,
      ttl: ttlMs,
      perf: { now: () => clock.now() },
      ttlResolution: 0,
    });
  }

  claim(key: string, fingerprint: string): Promise<Claim> {
    const now = this.clock.now();
    const running = this.inFlight.get(key);
    if (running !== undefined && running.expiresAt >= now) {
      return Promise.resolve({ state: running.fingerprint === fingerprint ? 'in_progress' : 'mismatch' });
    }
    const entry = this.outcomes.get(key);
    if (entry !== undefined) {
      return Promise.resolve(
        entry.fingerprint === fingerprint
          ? { state: 'completed', outcome: entry.outcome }
          : { state: 'mismatch' },
      );
    }
    this.inFlight.set(key, { fingerprint, expiresAt: now + CLAIM_TTL_MS });
    return Promise.resolve({ state: 'claimed' });
  }

  complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    this.inFlight.delete(key);
    this.outcomes.set(key, { fingerprint, outcome });
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.inFlight.delete(key);
    return Promise.resolve();
  }
}
