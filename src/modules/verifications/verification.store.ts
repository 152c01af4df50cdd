import { LRUCache } from 'lru-cache';
import type { Clock } from '../../common/clock/clock.js';
import type { DestinationType } from '../../common/validation/destination.validators.js';
import { codeDestination, type CodeDestination } from '../otp/code-destination.js';

/**
 * `sending`: recorded before Afilnet is called, not yet usable (never shown). `expired` is stored only when
 * Afilnet itself says so; a pending one past `expiresAt` is read as expired.
 */
export type StoredVerificationStatus =
  'sending' | 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';

/** Why a verification was canceled when the caller did not cancel it. */
export type CancelReason = 'superseded';

export interface VerificationRecord {
  readonly id: string;
  /** As given by the caller: Afilnet checks codes by destination. Never returned unmasked. */
  readonly destination: string;
  readonly type: DestinationType;
  readonly status: StoredVerificationStatus;
  /** `superseded`: a newer code was sent to the destination, so this one's can no longer be approved. */
  readonly reason?: CancelReason;
  /** Codes checked with Afilnet for the destination's code (from either route), as of this read. */
  readonly attempts: number;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The API key that started it; null when the gateway runs without keys, or for the sandbox demo. */
  readonly apiKeyName: string | null;
}

/** One code going out: a verification start (its id is the verification's) or a `POST /v1/otp`. */
export interface CodeSend {
  readonly id: string;
  readonly destination: CodeDestination;
  /** The verification the code is for, recorded `sending` before Afilnet is called. */
  readonly verification?: VerificationRecord;
}

export interface CodeLimits {
  /** Codes one destination may be sent in any window of `windowMs` (a sliding window). */
  readonly maxSends: number;
  readonly windowMs: number;
  /** Checks that reach Afilnet for one destination's code, until a new code is sent to it. */
  readonly maxAttempts: number;
  /** How long a destination's attempt count is kept after a code is sent: the longest a code can be valid. */
  readonly codeLifetimeMs: number;
}

export type SendAdmission =
  { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/** A check of a destination's code without a verification (`POST /v1/otp/verify`). */
export type CodeCheck =
  /** Counted against the destination's budget: it may be checked upstream. */
  | { readonly outcome: 'counted'; readonly attempts: number }
  /** The budget is spent: only a new code for the destination opens it again. */
  | { readonly outcome: 'exhausted' }
  /** The destination's latest code went to another spelling of it (another +tag): this one is not checked. */
  | { readonly outcome: 'superseded' };

export type VerificationCheck =
  /** The attempt is counted and may be checked upstream. */
  | { readonly outcome: 'counted'; readonly record: VerificationRecord }
  /** Not pending, superseded or out of attempts: answered from the record, never checked upstream. */
  | { readonly outcome: 'refused'; readonly record: VerificationRecord }
  | { readonly outcome: 'missing' };

/**
 * What the store keeps per destination (by its `CodeDestination.key`): Afilnet keeps one code per destination,
 * so the attempt budget and the right to be approved belong to the destination's latest code, not to a caller.
 */
export interface DestinationState {
  /** The exact destination the latest code went to; '' when no send was seen (the budget still counts). */
  readonly sentTo: string;
  /** Checks that reached Afilnet since the latest code was sent. */
  readonly failures: number;
  /** The id of the latest send (it alone resets `failures` when it completes). */
  readonly lastSend: string;
  /** The verification holding the latest code; '' when it came from `POST /v1/otp`. Any other one is superseded. */
  readonly holder: string;
  /** The state before the latest send began, restored if Afilnet refuses that send (nothing went out). */
  readonly previous?: Pick<DestinationState, 'sentTo' | 'lastSend' | 'holder'>;
}

const UNSEEN: DestinationState = { sentTo: '', failures: 0, lastSend: '', holder: '' };

/** After its expiry a verification is kept this much longer, so that it answers `expired` rather than 404. */
export const EXPIRED_RETENTION_MS = 10 * 60_000;

/**
 * A verification as its destination's state makes it: a pending one that no longer holds the destination's
 * latest code is canceled (superseded); one that does shows the destination's attempt count.
 */
export function resolveRecord(
  record: VerificationRecord,
  state: DestinationState | undefined,
): VerificationRecord {
  if (record.status !== 'pending') return record;
  if (state?.holder !== record.id) return { ...record, status: 'canceled', reason: 'superseded' };
  return { ...record, attempts: state.failures };
}

export function destinationOf(record: VerificationRecord): CodeDestination {
  return codeDestination(record.destination, record.type);
}

/**
 * Verifications and the one-time-code state of each destination, which `POST /v1/otp`, `POST /v1/otp/verify`
 * and verifications share: the sliding window of sends, the attempt budget, and which send holds the latest
 * code. An abstract class (the DI token) so that a shared store can replace the in-process one: every operation
 * that decides a limit or a status is one atomic step (a Lua script in Redis), so concurrent requests on any
 * instance cannot exceed a limit or approve a superseded verification between a read and a write.
 */
export abstract class VerificationStore {
  /**
   * Counts a send in the destination's sliding window unless the window is full; if admitted, the send becomes
   * the destination's latest (every earlier verification for it is superseded from now on) and its verification
   * is recorded `sending`. Called before Afilnet is, so a failing upstream cannot be used to bypass the limit.
   */
  abstract beginSend(send: CodeSend): Promise<SendAdmission>;
  /**
   * Afilnet accepted the send: if it is still the destination's latest, the attempt budget starts again and its
   * verification becomes pending; a verification overtaken meanwhile by a newer send is canceled (superseded).
   */
  abstract completeSend(send: CodeSend): Promise<VerificationRecord | undefined>;
  /** Afilnet refused the send (nothing went out): the destination's previous state comes back, the record goes. */
  abstract cancelSend(send: CodeSend): Promise<void>;
  /** Counts one check of `destination`'s code against its budget, atomically, before Afilnet is asked. */
  abstract reserveCodeCheck(destination: CodeDestination): Promise<CodeCheck>;
  /**
   * Counts one check of a verification against its destination's budget, atomically: refused unless the
   * verification is pending, still holds the destination's latest code, is unexpired and attempts are left.
   */
  abstract reserveVerificationCheck(record: VerificationRecord): Promise<VerificationCheck>;
  /** The verification as its destination's state makes it (see `resolveRecord`). */
  abstract find(id: string): Promise<VerificationRecord | undefined>;
  /**
   * Moves a pending verification to `status` if it still holds its destination's latest code (otherwise it is
   * canceled, superseded); answers the record as it is afterwards (unchanged if it was not pending).
   */
  abstract settle(
    record: VerificationRecord,
    status: Exclude<StoredVerificationStatus, 'pending' | 'sending'>,
  ): Promise<VerificationRecord | undefined>;
  /** Stores a pending verification as the holder of its destination's code, without a send (the sandbox demo). */
  abstract create(record: VerificationRecord): Promise<void>;
}

/**
 * In-process store, bounded in entries; every entry disappears when its time is up, on the injected clock. An
 * evicted destination state fails closed: its pending verification reads as superseded.
 */
export class MemoryVerificationStore extends VerificationStore {
  private readonly verifications: LRUCache<string, VerificationRecord>;
  private readonly destinations: LRUCache<string, DestinationState>;
  private readonly sends: LRUCache<string, readonly number[]>;

  constructor(
    maxEntries: number,
    private readonly limits: CodeLimits,
    private readonly clock: Clock,
  ) {
    super();
    // The caches measure time to live on the gateway's clock; no resolution cache, so a moved clock counts at once.
    const timing = { max: maxEntries, perf: { now: () => clock.now() }, ttlResolution: 0 };
    this.verifications = new LRUCache<string, VerificationRecord>(timing);
    this.destinations = new LRUCache<string, DestinationState>(timing);
    this.sends = new LRUCache<string, readonly number[]>(timing);
  }

  beginSend({ id, destination, verification }: CodeSend): Promise<SendAdmission> {
    const now = this.clock.now();
    const { maxSends, windowMs, codeLifetimeMs } = this.limits;
    const recent = (this.sends.get(destination.key) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= maxSends) {
      return Promise.resolve({ admitted: false, retryAfterMs: recent[0] + windowMs - now });
    }
    this.sends.set(destination.key, [...recent, now], { ttl: windowMs });
    const { sentTo, lastSend, holder, failures } = this.destinations.get(destination.key) ?? UNSEEN;
    this.destinations.set(
      destination.key,
      {
        sentTo: destination.exact,
        failures,
        lastSend: id,
        holder: verification === undefined ? '' : id,
        previous: { sentTo, lastSend, holder },
      },
      { ttl: codeLifetimeMs },
    );
    if (verification !== undefined) this.put(verification);
    return Promise.resolve({ admitted: true });
  }

  completeSend({ id, destination, verification }: CodeSend): Promise<VerificationRecord | undefined> {
    const state = this.destinations.get(destination.key);
    const latest = state?.lastSend === id;
    if (latest) this.replaceState(destination.key, { ...state, failures: 0, previous: undefined });
    if (verification === undefined) return Promise.resolve(undefined);
    const record = this.verifications.get(verification.id);
    if (record?.status !== 'sending') return Promise.resolve(record);
    const completed: VerificationRecord =
      latest && state.holder === record.id
        ? { ...record, status: 'pending', attempts: 0 }
        : { ...record, status: 'canceled', reason: 'superseded' };
    this.replace(completed);
    return Promise.resolve(completed);
  }

  cancelSend({ id, destination, verification }: CodeSend): Promise<void> {
    const state = this.destinations.get(destination.key);
    if (state?.lastSend === id && state.previous !== undefined) {
      this.replaceState(destination.key, { ...state, ...state.previous, previous: undefined });
    }
    if (verification !== undefined) this.verifications.delete(verification.id);
    return Promise.resolve();
  }

  reserveCodeCheck({ key, exact }: CodeDestination): Promise<CodeCheck> {
    const state = this.destinations.get(key);
    if (state === undefined) {
      this.destinations.set(key, { ...UNSEEN, failures: 1 }, { ttl: this.limits.codeLifetimeMs });
      return Promise.resolve({ outcome: 'counted', attempts: 1 });
    }
    if (state.failures >= this.limits.maxAttempts) return Promise.resolve({ outcome: 'exhausted' });
    if (state.sentTo !== '' && state.sentTo !== exact) return Promise.resolve({ outcome: 'superseded' });
    const attempts = state.failures + 1;
    this.replaceState(key, { ...state, failures: attempts });
    return Promise.resolve({ outcome: 'counted', attempts });
  }

  reserveVerificationCheck(read: VerificationRecord): Promise<VerificationCheck> {
    const stored = this.verifications.get(read.id);
    if (stored === undefined) return Promise.resolve({ outcome: 'missing' });
    const { key } = destinationOf(stored);
    const state = this.destinations.get(key);
    const record = this.materialise(stored, resolveRecord(stored, state));
    if (record.status !== 'pending' || state === undefined || this.clock.now() >= record.expiresAt) {
      return Promise.resolve({ outcome: 'refused', record });
    }
    if (state.failures >= this.limits.maxAttempts) {
      const exhausted: VerificationRecord = { ...record, status: 'max_attempts_reached' };
      this.replace(exhausted);
      return Promise.resolve({ outcome: 'refused', record: exhausted });
    }
    const counted: VerificationRecord = { ...record, attempts: state.failures + 1 };
    this.replaceState(key, { ...state, failures: counted.attempts });
    this.replace(counted);
    return Promise.resolve({ outcome: 'counted', record: counted });
  }

  find(id: string): Promise<VerificationRecord | undefined> {
    const record = this.verifications.get(id);
    if (record === undefined) return Promise.resolve(undefined);
    return Promise.resolve(resolveRecord(record, this.destinations.get(destinationOf(record).key)));
  }

  settle(
    read: VerificationRecord,
    status: Exclude<StoredVerificationStatus, 'pending' | 'sending'>,
  ): Promise<VerificationRecord | undefined> {
    const stored = this.verifications.get(read.id);
    if (stored === undefined) return Promise.resolve(undefined);
    const record = this.materialise(
      stored,
      resolveRecord(stored, this.destinations.get(destinationOf(stored).key)),
    );
    if (record.status !== 'pending') return Promise.resolve(record);
    const settled: VerificationRecord = { ...record, status };
    this.replace(settled);
    return Promise.resolve(settled);
  }

  create(record: VerificationRecord): Promise<void> {
    this.put(record);
    this.destinations.set(
      destinationOf(record).key,
      { sentTo: record.destination, failures: 0, lastSend: record.id, holder: record.id },
      { ttl: this.limits.codeLifetimeMs },
    );
    return Promise.resolve();
  }

  private put(record: VerificationRecord): void {
    const ttl = Math.max(1, record.expiresAt - this.clock.now() + EXPIRED_RETENTION_MS);
    this.verifications.set(record.id, record, { ttl });
  }

  /** Writes a superseded verification's new status, so that it stays canceled whatever happens later. */
  private materialise(stored: VerificationRecord, resolved: VerificationRecord): VerificationRecord {
    if (resolved.status !== stored.status) this.replace(resolved);
    return resolved;
  }

  /** Keeps the entry's remaining time to live: an update never extends a verification's life. */
  private replace(record: VerificationRecord): void {
    const ttl = Math.max(1, this.verifications.getRemainingTTL(record.id));
    this.verifications.set(record.id, record, { ttl });
  }

  private replaceState(key: string, state: DestinationState): void {
    const ttl = Math.max(1, this.destinations.getRemainingTTL(key));
    this.destinations.set(key, state, { ttl });
  }
}
