import type { Redis } from 'ioredis';
import { askRedis } from '../../common/redis/shared-redis.js';
import {
  EXPIRED_RETENTION_MS,
  VerificationStore,
  type AttemptResult,
  type StartAllowance,
  type StoredVerificationStatus,
  type VerificationRecord,
} from './verification.store.js';

/**
 * Counts one check, atomically: refused unless the verification is pending, unexpired and has attempts left.
 * KEYS[1] the record; ARGV max attempts, now (epoch ms). KEEPTTL: an update never extends a record's life.
 */
const RECORD_ATTEMPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return {'missing'} end
local record = cjson.decode(raw)
if record.status ~= 'pending' or tonumber(ARGV[2]) >= record.expiresAt or record.attempts >= tonumber(ARGV[1]) then
  return {'refused', raw}
end
record.attempts = record.attempts + 1
local updated = cjson.encode(record)
redis.call('SET', KEYS[1], updated, 'KEEPTTL')
return {'counted', updated}
`;

/** Moves a pending verification to ARGV[1]; answers the record as it is afterwards. */
const SETTLE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local record = cjson.decode(raw)
if record.status ~= 'pending' then return raw end
record.status = ARGV[1]
local updated = cjson.encode(record)
redis.call('SET', KEYS[1], updated, 'KEEPTTL')
return updated
`;

/** A fixed window per destination: the first start sets its end; past the limit, answers the time left. */
const COUNT_START = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if count > tonumber(ARGV[1]) then return {0, redis.call('PTTL', KEYS[1])} end
return {1, 0}
`;

type ScriptResult = [string, string?];

/**
 * Verifications in Redis, shared by every instance: a check counted on one instance counts on all, and the
 * per-destination start limit holds across them. Limits are decided inside Lua scripts, so concurrent checks
 * on different instances cannot exceed them. When Redis cannot answer, the request fails closed (503).
 */
export class RedisVerificationStore extends VerificationStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async create(record: VerificationRecord): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - Date.now() + EXPIRED_RETENTION_MS);
    await this.ask(() => this.redis.set(recordKey(record.id), JSON.stringify(record), 'PX', ttl));
  }

  async find(id: string): Promise<VerificationRecord | undefined> {
    const raw = await this.ask(() => this.redis.get(recordKey(id)));
    return raw === null ? undefined : parse(raw);
  }

  async recordAttempt(id: string, maxAttempts: number, now: number): Promise<AttemptResult> {
    const [outcome, raw] = (await this.ask(() =>
      this.redis.eval(RECORD_ATTEMPT, 1, recordKey(id), maxAttempts, now),
    )) as ScriptResult;
    if (outcome === 'missing' || raw === undefined) return { outcome: 'missing' };
    return { outcome: outcome === 'counted' ? 'counted' : 'refused', record: parse(raw) };
  }

  async settle(
    id: string,
    status: Exclude<StoredVerificationStatus, 'pending'>,
  ): Promise<VerificationRecord | undefined> {
    const raw = (await this.ask(() => this.redis.eval(SETTLE, 1, recordKey(id), status))) as string | null;
    return raw === null ? undefined : parse(raw);
  }

  async countStart(destinationKey: string, limit: number, windowMs: number): Promise<StartAllowance> {
    const [allowed, remainingMs] = (await this.ask(() =>
      this.redis.eval(COUNT_START, 1, `verification-starts:${destinationKey}`, limit, windowMs),
    )) as [number, number];
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(0, remainingMs) };
  }

  private ask<T>(command: () => Promise<T>): Promise<T> {
    return askRedis('verification store', command);
  }
}

function recordKey(id: string): string {
  return `verification:${id}`;
}

/** cjson writes JSON null as `null` and keeps the record's fields; the shape is the one `create` wrote. */
function parse(raw: string): VerificationRecord {
  return JSON.parse(raw) as VerificationRecord;
}
