import { LRUCache } from 'lru-cache';
import type { DestinationType } from '../../common/validation/destination.validators.js';

/** `expired` is stored only when Afilnet itself says so; a pending one past `expiresAt` is read as expired. */
export type StoredVerificationStatus =
  'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';

export interface VerificationRecord {
  readonly id: string;
  /** As given by the caller: Afilnet checks codes by destination. Never returned unmasked. */
  readonly destination: string;
  readonly type: DestinationType;
  readonly status: StoredVerificationStatus;
  /** Codes checked so far (each check upstream counts, whatever Afilnet answers). */
  readonly attempts: number;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The API key that started it; null when the gateway runs without keys, or for the sandbox demo. */
  readonly apiKeyName: string | null;
}

export type AttemptResult =
  /** The attempt is counted and may be checked upstream. */
  | { readonly outcome: 'counted'; readonly record: VerificationRecord }
  /** Not pending, or out of attempts: answered from the record, never checked upstream. */
  | { readonly outcome: 'refused'; readonly record: VerificationRecord }
  | { readonly outcome: 'missing' };

export type StartAllowance =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** After its expiry a verification is kept this much longer, so that it answers `expired` rather than 404. */
export const EXPIRED_RETENTION_MS = 10 * 60_000;

/**
 * Verifications and per-destination start counters. An abstract class (the DI token) so that a shared store
 * can replace the in-process one: every operation is async, and the ones that decide limits (`recordAttempt`,
 * `countStart`, `settle`) are single atomic steps — a Lua script or WATCH/MULTI in Redis — so that concurrent
 * checks cannot exceed the attempt limit between a read and a write.
 */
export abstract class VerificationStore {
  /** Stores a new verification until `expiresAt` plus `EXPIRED_RETENTION_MS`. */
  abstract create(record: VerificationRecord): Promise<void>;
  abstract find(id: string): Promise<VerificationRecord | undefined>;
  /** Counts one check if the verification is pending, unexpired at `now` and has attempts left. */
  abstract recordAttempt(id: string, maxAttempts: number, now: number): Promise<AttemptResult>;
  /** Moves a pending verification to `status`; answers the record as it is afterwards (unchanged if not pending). */
  abstract settle(
    id: string,
    status: Exclude<StoredVerificationStatus, 'pending'>,
  ): Promise<VerificationRecord | undefined>;
  /** Counts a start for `destinationKey` in a fixed window, unless `limit` starts already happened in it. */
  abstract countStart(
    destinationKey: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<StartAllowance>;
}

interface StartWindow {
  readonly count: number;
  readonly endsAt: number;
}

/** In-process store, bounded in entries; each verification and window disappears when its time is up. */
export class MemoryVerificationStore extends VerificationStore {
  private readonly verifications: LRUCache<string, VerificationRecord>;
  private readonly starts: LRUCache<string, StartWindow>;

  constructor(maxEntries: number) {
    super();
    this.verifications = new LRUCache<string, VerificationRecord>({ max: maxEntries });
    this.starts = new LRUCache<string, StartWindow>({ max: maxEntries });
  }

  create(record: VerificationRecord): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - Date.now() + EXPIRED_RETENTION_MS);
    this.verifications.set(record.id, record, { ttl });
    return Promise.resolve();
  }

  find(id: string): Promise<VerificationRecord | undefined> {
    return Promise.resolve(this.verifications.get(id));
  }

  recordAttempt(id: string, maxAttempts: number, now: number): Promise<AttemptResult> {
    const record = this.verifications.get(id);
    if (record === undefined) return Promise.resolve({ outcome: 'missing' });
    if (record.status !== 'pending' || now >= record.expiresAt || record.attempts >= maxAttempts) {
      return Promise.resolve({ outcome: 'refused', record });
    }
    const counted = { ...record, attempts: record.attempts + 1 };
    this.replace(counted);
    return Promise.resolve({ outcome: 'counted', record: counted });
  }

  settle(
    id: string,
    status: Exclude<StoredVerificationStatus, 'pending'>,
  ): Promise<VerificationRecord | undefined> {
    const record = this.verifications.get(id);
    if (record === undefined || record.status !== 'pending') return Promise.resolve(record);
    const settled = { ...record, status };
    this.replace(settled);
    return Promise.resolve(settled);
  }

  countStart(destinationKey: string, limit: number, windowMs: number, now: number): Promise<StartAllowance> {
    const window = this.starts.get(destinationKey);
    if (window === undefined || now >= window.endsAt) {
      this.starts.set(destinationKey, { count: 1, endsAt: now + windowMs }, { ttl: windowMs });
      return Promise.resolve({ allowed: true });
    }
    if (window.count >= limit) return Promise.resolve({ allowed: false, retryAfterMs: window.endsAt - now });
    this.starts.set(destinationKey, { ...window, count: window.count + 1 }, { ttl: window.endsAt - now });
    return Promise.resolve({ allowed: true });
  }

  /** Keeps the entry's remaining time to live: an update never extends a verification's life. */
  private replace(record: VerificationRecord): void {
    const ttl = Math.max(1, this.verifications.getRemainingTTL(record.id));
    this.verifications.set(record.id, record, { ttl });
  }
}
