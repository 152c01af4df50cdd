import type { Redis } from 'ioredis';
import type { Clock } from '../../common/clock/clock.js';
import { askRedis } from '../../common/redis/shared-redis.js';
import type { CodeDestination } from '../otp/code-destination.js';
import {
  destinationOf,
  EXPIRED_RETENTION_MS,
  resolveRecord,
  VerificationStore,
  type CodeCheck,
  type CodeLimits,
  type CodeSend,
  type DestinationState,
  type SendAdmission,
  type StoredVerificationStatus,
  type VerificationCheck,
  type VerificationRecord,
} from './verification.store.js';

/*
 * The scripts mirror MemoryVerificationStore step for step; each is atomic, so no request on any instance sees a
 * half-made decision. A destination state is JSON {sentTo, failures, lastSend, holder, previous?}; a verification
 * is the JSON of its record. KEEPTTL: an update never extends a record's or a state's life.
 */

/** `resolveRecord` in Lua: a pending verification that is not its destination's holder is superseded. */
const RESOLVE = `
local function resolve(record, state)
  if record.status ~= 'pending' then return record, false end
  if not state or state.holder ~= record.id then
    record.status = 'canceled'
    record.reason = 'superseded'
    return record, true
  end
  record.attempts = state.failures
  return record, false
end
local function load(key)
  local raw = redis.call('GET', key)
  if raw then return cjson.decode(raw) end
  return nil
end
`;

/**
 * KEYS: the destination's send window (a sorted set of send ids scored by time), its state, [the verification].
 * ARGV: now, window ms, max sends, send id, exact destination, state ttl ms, [record JSON, record ttl ms].
 * Answers -1 when admitted, else the milliseconds until the oldest send leaves the window.
 */
const BEGIN_SEND = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
local raw = redis.call('GET', KEYS[2])
local state = {sentTo = '', failures = 0, lastSend = '', holder = ''}
if raw then state = cjson.decode(raw) end
state.previous = {sentTo = state.sentTo, lastSend = state.lastSend, holder = state.holder}
state.sentTo = ARGV[5]
state.lastSend = ARGV[4]
state.holder = ''
if #KEYS > 2 then
  state.holder = ARGV[4]
  redis.call('SET', KEYS[3], ARGV[7], 'PX', ARGV[8])
end
redis.call('SET', KEYS[2], cjson.encode(state), 'PX', ARGV[6])
return -1
`;

/** KEYS: the state, [the verification]. ARGV: send id. Answers the verification afterwards (or false). */
const COMPLETE_SEND = `
local raw = redis.call('GET', KEYS[1])
local state = nil
if raw then state = cjson.decode(raw) end
local latest = state ~= nil and state.lastSend == ARGV[1]
if latest then
  state.failures = 0
  state.previous = nil
  redis.call('SET', KEYS[1], cjson.encode(state), 'KEEPTTL')
end
if #KEYS < 2 then return false end
local stored = redis.call('GET', KEYS[2])
if not stored then return false end
local record = cjson.decode(stored)
if record.status ~= 'sending' then return stored end
if latest and state.holder == record.id then
  record.status = 'pending'
  record.attempts = 0
else
  record.status = 'canceled'
  record.reason = 'superseded'
end
local updated = cjson.encode(record)
redis.call('SET', KEYS[2], updated, 'KEEPTTL')
return updated
`;

/** KEYS: the state, [the verification]. ARGV: send id. */
const CANCEL_SEND = `
local raw = redis.call('GET', KEYS[1])
if raw then
  local state = cjson.decode(raw)
  if state.lastSend == ARGV[1] and state.previous then
    state.sentTo = state.previous.sentTo
    state.lastSend = state.previous.lastSend
    state.holder = state.previous.holder
    state.previous = nil
    redis.call('SET', KEYS[1], cjson.encode(state), 'KEEPTTL')
  end
end
if #KEYS > 1 then redis.call('DEL', KEYS[2]) end
return 1
`;

/** KEYS: the state. ARGV: max attempts, exact destination, state ttl ms. Answers {outcome, attempts}. */
const RESERVE_CODE_CHECK = `
local raw = redis.call('GET', KEYS[1])
if not raw then
  redis.call('SET', KEYS[1], cjson.encode({sentTo = '', failures = 1, lastSend = '', holder = ''}), 'PX', ARGV[3])
  return {'counted', 1}
end
local state = cjson.decode(raw)
if state.failures >= tonumber(ARGV[1]) then return {'exhausted', state.failures} end
if state.sentTo ~= '' and state.sentTo ~= ARGV[2] then return {'superseded', state.failures} end
state.failures = state.failures + 1
redis.call('SET', KEYS[1], cjson.encode(state), 'KEEPTTL')
return {'counted', state.failures}
`;

/** KEYS: the verification, its destination's state. ARGV: max attempts, now. Answers {outcome, record JSON}. */
const RESERVE_VERIFICATION_CHECK = `${RESOLVE}
local record = load(KEYS[1])
if not record then return {'missing'} end
local state = load(KEYS[2])
local superseded
record, superseded = resolve(record, state)
if superseded then redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL') end
if record.status ~= 'pending' or tonumber(ARGV[2]) >= record.expiresAt then
  return {'refused', cjson.encode(record)}
end
if state.failures >= tonumber(ARGV[1]) then
  record.status = 'max_attempts_reached'
  local exhausted = cjson.encode(record)
  redis.call('SET', KEYS[1], exhausted, 'KEEPTTL')
  return {'refused', exhausted}
end
state.failures = state.failures + 1
redis.call('SET', KEYS[2], cjson.encode(state), 'KEEPTTL')
record.attempts = state.failures
local counted = cjson.encode(record)
redis.call('SET', KEYS[1], counted, 'KEEPTTL')
return {'counted', counted}
`;

/** KEYS: the verification, its destination's state. ARGV: the new status. Answers the record afterwards. */
const SETTLE = `${RESOLVE}
local record = load(KEYS[1])
if not record then return false end
local status = record.status
record = resolve(record, load(KEYS[2]))
if record.status == 'pending' then record.status = ARGV[1] end
local updated = cjson.encode(record)
if record.status ~= status then redis.call('SET', KEYS[1], updated, 'KEEPTTL') end
return updated
`;

/** KEYS: the verification, its destination's state. ARGV: record JSON, record ttl ms, state JSON, state ttl ms. */
const CREATE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 1
`;

/**
 * Verifications and destination states in Redis, shared by every instance: a check counted on one instance
 * counts on all, a code sent through one supersedes verifications started on another, and the send window holds
 * across them. When Redis cannot answer, the request fails closed (503).
 */
export class RedisVerificationStore extends VerificationStore {
  constructor(
    private readonly redis: Redis,
    private readonly limits: CodeLimits,
    private readonly clock: Clock,
  ) {
    super();
  }

  async beginSend({ id, destination, verification }: CodeSend): Promise<SendAdmission> {
    const { maxSends, windowMs, codeLifetimeMs } = this.limits;
    const keys = [sendsKey(destination), stateKey(destination)];
    const args: (string | number)[] = [
      this.clock.now(),
      windowMs,
      maxSends,
      id,
      destination.exact,
      codeLifetimeMs,
    ];
    if (verification !== undefined) {
      keys.push(recordKey(verification.id));
      args.push(JSON.stringify(verification), this.recordTtl(verification));
    }
    const retryAfterMs = (await this.ask(() =>
      this.redis.eval(BEGIN_SEND, keys.length, ...keys, ...args),
    )) as number;
    return retryAfterMs < 0 ? { admitted: true } : { admitted: false, retryAfterMs };
  }

  async completeSend({ id, destination, verification }: CodeSend): Promise<VerificationRecord | undefined> {
    const keys = [stateKey(destination), ...(verification === undefined ? [] : [recordKey(verification.id)])];
    const raw = (await this.ask(() => this.redis.eval(COMPLETE_SEND, keys.length, ...keys, id))) as
      string | null;
    return raw === null ? undefined : parseRecord(raw);
  }

  async cancelSend({ id, destination, verification }: CodeSend): Promise<void> {
    const keys = [stateKey(destination), ...(verification === undefined ? [] : [recordKey(verification.id)])];
    await this.ask(() => this.redis.eval(CANCEL_SEND, keys.length, ...keys, id));
  }

  async reserveCodeCheck(destination: CodeDestination): Promise<CodeCheck> {
    const { maxAttempts, codeLifetimeMs } = this.limits;
    const [outcome, attempts] = (await this.ask(() =>
      this.redis.eval(
        RESERVE_CODE_CHECK,
        1,
        stateKey(destination),
        maxAttempts,
        destination.exact,
        codeLifetimeMs,
      ),
    )) as [CodeCheck['outcome'], number];
    return outcome === 'counted' ? { outcome, attempts } : { outcome };
  }

  async reserveVerificationCheck(read: VerificationRecord): Promise<VerificationCheck> {
    const [outcome, raw] = (await this.ask(() =>
      this.redis.eval(
        RESERVE_VERIFICATION_CHECK,
        2,
        recordKey(read.id),
        stateKey(destinationOf(read)),
        this.limits.maxAttempts,
        this.clock.now(),
      ),
    )) as [VerificationCheck['outcome'], string?];
    if (outcome === 'missing' || raw === undefined) return { outcome: 'missing' };
    return { outcome, record: parseRecord(raw) };
  }

  /** Two reads, not atomic: a read only shows what the atomic steps decided. */
  async find(id: string): Promise<VerificationRecord | undefined> {
    const raw = await this.ask(() => this.redis.get(recordKey(id)));
    if (raw === null) return undefined;
    const record = parseRecord(raw);
    if (record.status !== 'pending') return record;
    const state = await this.ask(() => this.redis.get(stateKey(destinationOf(record))));
    return resolveRecord(record, state === null ? undefined : (JSON.parse(state) as DestinationState));
  }

  async settle(
    read: VerificationRecord,
    status: Exclude<StoredVerificationStatus, 'pending' | 'sending'>,
  ): Promise<VerificationRecord | undefined> {
    const raw = (await this.ask(() =>
      this.redis.eval(SETTLE, 2, recordKey(read.id), stateKey(destinationOf(read)), status),
    )) as string | null;
    return raw === null ? undefined : parseRecord(raw);
  }

  async create(record: VerificationRecord): Promise<void> {
    const state: DestinationState = {
      sentTo: record.destination,
      failures: 0,
      lastSend: record.id,
      holder: record.id,
    };
    await this.ask(() =>
      this.redis.eval(
        CREATE,
        2,
        recordKey(record.id),
        stateKey(destinationOf(record)),
        JSON.stringify(record),
        this.recordTtl(record),
        JSON.stringify(state),
        this.limits.codeLifetimeMs,
      ),
    );
  }

  private recordTtl(record: VerificationRecord): number {
    return Math.max(1, record.expiresAt - this.clock.now() + EXPIRED_RETENTION_MS);
  }

  private ask<T>(command: () => Promise<T>): Promise<T> {
    return askRedis('verification store', command);
  }
}

function recordKey(id: string): string {
  return `verification:${id}`;
}

function stateKey(destination: CodeDestination): string {
  return `otp-destination:${destination.key}`;
}

function sendsKey(destination: CodeDestination): string {
  return `otp-sends:${destination.key}`;
}

/** cjson writes JSON null as `null` and keeps the record's fields; the shape is the one `beginSend` wrote. */
function parseRecord(raw: string): VerificationRecord {
  return JSON.parse(raw) as VerificationRecord;
}
