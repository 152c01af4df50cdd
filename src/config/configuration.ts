import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { parseApiKeys, type ApiKeyConfig } from './api-keys.js';
import { parseCreditBudgets, type CreditBudgetConfig } from './credit-budgets.js';
import {
  ConfigurationError,
  gatewayMode,
  validateEnvironment,
  type EnvironmentVariables,
  type LogLevel,
} from './environment.js';

export interface AfilnetConfig {
  /** `sandbox`: the embedded simulator answers instead of Afilnet (see `gatewayMode`). */
  readonly mode: 'live' | 'sandbox';
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  /** The one deadline of each call, retries included. */
  readonly timeoutMs: number;
  readonly maxSockets: number;
  /** Calls that may wait for a free connection; past that they are refused (503 `UPSTREAM_BUSY`). */
  readonly maxQueued: number;
  /** The zone Afilnet reads `scheduledatetime` in (its docs do not say; Afilnet is in Spain). */
  readonly timeZone: string;
  /** Extra attempts for read operations after a transport failure (sends are never repeated). */
  readonly readRetries: number;
  /** Consecutive transport failures that open the circuit breaker. */
  readonly breakerFailures: number;
  /** How long an open breaker fails fast before letting one trial call through. */
  readonly breakerCooldownMs: number;
}

export interface AuthConfig {
  /** `keys`: every API route needs a known `X-API-Key`; `open`: no key is asked for. */
  readonly mode: 'keys' | 'open';
  /** The callers' keys (`GATEWAY_API_KEYS`); empty when none are configured. */
  readonly keys: readonly ApiKeyConfig[];
  /** `open`: health and metrics answer without a key, for probes and scrapers. */
  readonly probes: 'open' | 'protected';
  /** Set when GATEWAY_AUTH=disabled was needed to run without keys: the start-up log warns about it. */
  readonly explicitlyDisabled: boolean;
}

export interface RateLimitConfig {
  /** Requests per minute per API key (per client address without one); 0 disables the limit. */
  readonly perMinute: number;
  /** Failed authentications (401s) per minute per client address before it is refused (429); 0: no limit. */
  readonly authFailuresPerMinute: number;
}

export interface IdempotencyConfig {
  readonly ttlSeconds: number;
  readonly maxEntries: number;
}

export interface VerificationConfig {
  /**
   * Checks that reach Afilnet for one destination's code (from `POST /v1/otp/verify` and verifications alike)
   * until a new code is sent to it.
   */
  readonly maxAttempts: number;
  /** Codes (`POST /v1/otp` and verification starts together) one destination may be sent in any `windowMinutes`. */
  readonly maxStarts: number;
  readonly windowMinutes: number;
  /** The longest validity a one-time code may be given; also how long a destination's attempt count is kept. */
  readonly maxValidityMinutes: number;
  /** Most verifications and counters kept in process memory (least recently used go first). */
  readonly maxEntries: number;
}

export interface CacheConfig {
  /** How long the country list is served from memory; 0 disables the cache. */
  readonly countriesTtlSeconds: number;
}

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  /** Origins allowed by CORS; empty: CORS stays off. */
  readonly corsOrigins: readonly string[];
  /** Which proxies' `X-Forwarded-For` names the client (a hop count or addresses); undefined: none is trusted. */
  readonly trustProxy?: number | readonly string[];
  /** How long a client has to send its whole request, headers and body. */
  readonly requestTimeoutMs: number;
  /** How long a connection may stay silent (no byte either way) before it is closed. */
  readonly connectionTimeoutMs: number;
  /** How long SIGTERM waits for in-flight requests before the process exits anyway: at least `longestRequestMs`. */
  readonly shutdownDrainMs: number;
  /** The longest a request can take: received within `requestTimeoutMs`, answered within the Afilnet deadline. */
  readonly longestRequestMs: number;
}

export interface LoggingConfig {
  readonly level: LogLevel;
}

/**
 * Where the ledger, webhooks and batches live: PostgreSQL when `DATABASE_URL` is set (required for several
 * instances), otherwise the embedded SQLite file — or, in sandbox mode without `DATA_DIR`, SQLite in memory.
 */
export type DatabaseConfig =
  | {
      readonly dialect: 'postgres';
      /** A secret (it may hold a password): never logged, never put in an error. */
      readonly url: string;
    }
  | {
      readonly dialect: 'sqlite';
      /** `DATA_DIR/gateway.sqlite`, or `:memory:`. */
      readonly file: string;
    };

/** The SQLite file's name inside `DATA_DIR`. */
export const SQLITE_FILE_NAME = 'gateway.sqlite';
/** `DATA_DIR` when it is not set (except in sandbox mode, which then keeps the database in memory). */
export const DEFAULT_DATA_DIR = './data';

export interface LedgerConfig {
  /** Messages, their history and webhook deliveries older than this are deleted. */
  readonly retentionDays: number;
  /** Whether message texts and template params are stored (otherwise only length, segments and SHA-256). */
  readonly storeContent: boolean;
}

export interface TrackingConfig {
  /** The first delivery-status check comes this long after the send (or after `scheduledAt`). */
  readonly firstCheckSeconds: number;
  /** A message not final this long after its send (or its `scheduledAt`) becomes `expired`. */
  readonly maxHours: number;
}

export interface WebhookConfig {
  /** Deadline of one delivery attempt. */
  readonly timeoutMs: number;
  /** Attempts before a delivery is marked `failed`. */
  readonly maxAttempts: number;
}

export interface BudgetConfig {
  /** Daily (UTC) credit budgets per API key name; a caller without one has no budget. */
  readonly perDay: readonly CreditBudgetConfig[];
}

export interface BatchConfig {
  /** Batch recipients sent per second, for the whole deployment. */
  readonly sendsPerSecond: number;
}

export interface GatewayConfig {
  readonly http: HttpConfig;
  readonly afilnet: AfilnetConfig;
  readonly logging: LoggingConfig;
  readonly cache: CacheConfig;
  readonly auth: AuthConfig;
  readonly rateLimit: RateLimitConfig;
  readonly idempotency: IdempotencyConfig;
  readonly verification: VerificationConfig;
  readonly redisUrl?: string;
  readonly database: DatabaseConfig;
  readonly ledger: LedgerConfig;
  readonly tracking: TrackingConfig;
  readonly webhooks: WebhookConfig;
  readonly budgets: BudgetConfig;
  readonly batches: BatchConfig;
}

/**
 * What the gateway's own work may add to a request on top of the Afilnet deadline: milliseconds normally; with a
 * Redis that answers slowly, each of a request's few commands may take up to its 1 s command timeout.
 */
export const OWN_WORK_MARGIN_MS = 5000;

/**
 * How long an idle keep-alive connection is kept: longer than the 60 s idle timeout common balancers use, so the
 * gateway never closes a connection a balancer is about to reuse.
 */
export const KEEP_ALIVE_MS = 72_000;

/**
 * The timings that must fit together: a request is received within `HTTP_REQUEST_TIMEOUT_MS` and answered within
 * `AFILNET_TIMEOUT_MS` (one deadline per call) plus the gateway's own work, so that is the longest a request can
 * take. A connection must not be cut for silence while its request is being answered, and shutdown must wait for
 * the longest request. Unset, both are derived; set, a value that breaks this is refused at boot.
 */
function httpTimings(
  env: EnvironmentVariables,
): Pick<HttpConfig, 'requestTimeoutMs' | 'connectionTimeoutMs' | 'shutdownDrainMs' | 'longestRequestMs'> {
  const answeredWithinMs = env.AFILNET_TIMEOUT_MS + OWN_WORK_MARGIN_MS;
  const longestRequestMs = env.HTTP_REQUEST_TIMEOUT_MS + answeredWithinMs;
  const connectionTimeoutMs =
    env.HTTP_CONNECTION_TIMEOUT_MS ?? Math.max(KEEP_ALIVE_MS + 3000, answeredWithinMs + 5000);
  if (connectionTimeoutMs <= answeredWithinMs) {
    throw new ConfigurationError(
      `Invalid configuration: HTTP_CONNECTION_TIMEOUT_MS (${connectionTimeoutMs}) must be more than ${answeredWithinMs} ms, ` +
        `the longest a request may wait for its answer (AFILNET_TIMEOUT_MS ${env.AFILNET_TIMEOUT_MS} + ${OWN_WORK_MARGIN_MS} for the gateway's own work); raise it or leave it unset`,
    );
  }
  const shutdownDrainMs = env.SHUTDOWN_DRAIN_TIMEOUT_MS ?? longestRequestMs;
  if (shutdownDrainMs < longestRequestMs) {
    throw new ConfigurationError(
      `Invalid configuration: SHUTDOWN_DRAIN_TIMEOUT_MS (${shutdownDrainMs}) must be at least ${longestRequestMs} ms, ` +
        `the longest a request can take (HTTP_REQUEST_TIMEOUT_MS ${env.HTTP_REQUEST_TIMEOUT_MS} + AFILNET_TIMEOUT_MS ${env.AFILNET_TIMEOUT_MS} + ${OWN_WORK_MARGIN_MS} for the gateway's own work); raise it or leave it unset`,
    );
  }
  return {
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeoutMs,
    shutdownDrainMs,
    longestRequestMs,
  };
}

/** `TRUST_PROXY`: a number of proxy hops (1–10), or the proxies' addresses or CIDR ranges, comma-separated. */
function trustedProxies(setting: string | undefined): number | readonly string[] | undefined {
  if (setting === undefined) return undefined;
  if (/^\d+$/.test(setting.trim())) {
    const hops = Number(setting);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = setting.split(',').map((entry) => entry.trim());
    const valid = entries.every((entry) => {
      const [address, prefix, extra] = entry.split('/');
      const family = isIP(address);
      const bits = family === 4 ? 32 : 128;
      return (
        family !== 0 &&
        extra === undefined &&
        (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))
      );
    });
    if (valid) return entries;
  }
  throw new ConfigurationError(
    `Invalid configuration: TRUST_PROXY must be a number of proxy hops (1 to 10) or comma-separated addresses or CIDR ranges (got ${JSON.stringify(setting)})`,
  );
}

/** Turns validated environment variables into the typed namespaces the modules read. */
export function buildConfiguration(raw: Record<string, string | undefined>): GatewayConfig {
  const env = validateEnvironment(raw);
  const live = gatewayMode(env) === 'live';
  const keys = parseApiKeys(env.GATEWAY_API_KEYS);
  const disabled = env.GATEWAY_AUTH === 'disabled';
  if (live && keys.length === 0 && !disabled) {
    throw new ConfigurationError(
      'Invalid configuration: GATEWAY_API_KEYS is required in live mode (or set GATEWAY_AUTH=disabled to run without keys)',
    );
  }
  return {
    http: {
      port: env.PORT,
      host: env.HOST,
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      trustProxy: trustedProxies(env.TRUST_PROXY),
      ...httpTimings(env),
    },
    afilnet: {
      mode: live ? 'live' : 'sandbox',
      baseUrl: env.AFILNET_BASE_URL,
      user: env.AFILNET_USER ?? '',
      password: env.AFILNET_PASSWORD ?? '',
      timeoutMs: env.AFILNET_TIMEOUT_MS,
      maxSockets: env.AFILNET_MAX_SOCKETS,
      maxQueued: env.AFILNET_MAX_QUEUED,
      timeZone: env.AFILNET_TIMEZONE,
      readRetries: env.AFILNET_READ_RETRIES,
      breakerFailures: env.AFILNET_BREAKER_FAILURES,
      breakerCooldownMs: env.AFILNET_BREAKER_COOLDOWN_MS,
    },
    logging: { level: env.LOG_LEVEL },
    cache: { countriesTtlSeconds: env.COUNTRIES_CACHE_TTL_SECONDS },
    auth: {
      mode: keys.length > 0 && !disabled ? 'keys' : 'open',
      keys,
      probes: env.PROBES_ACCESS,
      explicitlyDisabled: disabled,
    },
    rateLimit: { perMinute: env.RATE_LIMIT_PER_MINUTE, authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE },
    idempotency: { ttlSeconds: env.IDEMPOTENCY_TTL_SECONDS, maxEntries: env.IDEMPOTENCY_MAX_ENTRIES },
    verification: {
      maxAttempts: env.VERIFICATION_MAX_ATTEMPTS,
      maxStarts: env.VERIFICATION_MAX_STARTS,
      windowMinutes: env.VERIFICATION_WINDOW_MINUTES,
      maxValidityMinutes: env.OTP_MAX_VALIDITY_MINUTES,
      maxEntries: env.VERIFICATION_MAX_ENTRIES,
    },
    redisUrl: env.REDIS_URL,
    database: databaseConfig(env.DATABASE_URL, env.DATA_DIR, live),
    ledger: { retentionDays: env.LEDGER_RETENTION_DAYS, storeContent: env.LEDGER_STORE_CONTENT === 'true' },
    tracking: { firstCheckSeconds: env.TRACKING_FIRST_CHECK_SECONDS, maxHours: env.TRACKING_MAX_HOURS },
    webhooks: { timeoutMs: env.WEBHOOK_TIMEOUT_MS, maxAttempts: env.WEBHOOK_MAX_ATTEMPTS },
    budgets: { perDay: parseCreditBudgets(env.CREDIT_BUDGETS) },
    batches: { sendsPerSecond: env.AFILNET_SENDS_PER_SECOND },
  };
}

function databaseConfig(url: string | undefined, dataDir: string | undefined, live: boolean): DatabaseConfig {
  if (url !== undefined) {
    // pg would throw a TypeError carrying the whole URL (a password with it) at the first connection.
    if (!URL.canParse(url)) {
      throw new ConfigurationError(
        'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL',
      );
    }
    return { dialect: 'postgres', url };
  }
  // Like the simulator's own state, a sandbox ledger lasts as long as the process unless asked to persist.
  if (!live && dataDir === undefined) return { dialect: 'sqlite', file: ':memory:' };
  return { dialect: 'sqlite', file: join(dataDir ?? DEFAULT_DATA_DIR, SQLITE_FILE_NAME) };
}

/** The process environment, with a `.env` file in the working directory applied first if there is one. */
export function readProcessEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
