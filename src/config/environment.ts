import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** An integer variable within bounds, read from its string form, with one message for every way it can be wrong. */
function IntegerBetween(min: number, max: number, what = 'an integer'): PropertyDecorator {
  const message = `must be ${what} between ${min} and ${max}`;
  return (target, property) => {
    for (const decorator of [
      Transform(toInteger),
      IsInt({ message }),
      Min(min, { message }),
      Max(max, { message }),
    ]) {
      decorator(target, property);
    }
  };
}

const ON_OFF = ['enabled', 'disabled'] as const;
const GATEWAY_MODES = ['live', 'sandbox'] as const;

/**
 * Every environment variable the gateway reads (API.md §7), with its rules. The class is the single
 * list: `.env.example` and the README table document exactly these names.
 */
export class EnvironmentVariables {
  /** Only `production` changes anything: sandbox mode then needs `GATEWAY_MODE=sandbox`. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(GATEWAY_MODES, { message: 'must be live or sandbox' })
  GATEWAY_MODE?: (typeof GATEWAY_MODES)[number];

  @IntegerBetween(0, 65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  AFILNET_BASE_URL = 'https://www.afilnet.com/api/http/';

  @IsOptional()
  @IsString()
  AFILNET_USER?: string;

  @IsOptional()
  @IsString()
  AFILNET_PASSWORD?: string;

  @IntegerBetween(100, 120000, 'an integer number of milliseconds')
  AFILNET_TIMEOUT_MS = 10000;

  @IntegerBetween(1, 1024)
  AFILNET_MAX_SOCKETS = 64;

  @IntegerBetween(0, 100000, 'a number of calls')
  AFILNET_MAX_QUEUED = 256;

  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Madrid' })
  AFILNET_TIMEZONE = 'Europe/Madrid';

  @IntegerBetween(0, 10, 'a number of retries')
  AFILNET_READ_RETRIES = 2;

  @IntegerBetween(1, 1000, 'a number of consecutive failures')
  AFILNET_BREAKER_FAILURES = 5;

  @IntegerBetween(100, 3600000, 'an integer number of milliseconds')
  AFILNET_BREAKER_COOLDOWN_MS = 30000;

  @IntegerBetween(0, 604800, 'an integer number of seconds')
  COUNTRIES_CACHE_TTL_SECONDS = 86400;

  @IsOptional()
  @IsString()
  GATEWAY_API_KEYS?: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(ON_OFF, { message: 'must be enabled or disabled' })
  GATEWAY_AUTH: (typeof ON_OFF)[number] = 'enabled';

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['open', 'protected'], { message: 'must be open or protected' })
  PROBES_ACCESS: 'open' | 'protected' = 'open';

  @IntegerBetween(0, 1000000, 'a number of requests')
  RATE_LIMIT_PER_MINUTE = 600;

  @IntegerBetween(0, 10000, 'a number of failures')
  AUTH_FAILURES_PER_MINUTE = 10;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IntegerBetween(1, 86400 * 7, 'an integer number of seconds')
  IDEMPOTENCY_TTL_SECONDS = 86400;

  @IntegerBetween(100, 10000000, 'a number of entries')
  IDEMPOTENCY_MAX_ENTRIES = 100000;

  @IntegerBetween(1, 100, 'a number of attempts')
  VERIFICATION_MAX_ATTEMPTS = 5;

  @IntegerBetween(1, 1000, 'a number of verifications')
  VERIFICATION_MAX_STARTS = 5;

  @IntegerBetween(1, 1440, 'an integer number of minutes')
  VERIFICATION_WINDOW_MINUTES = 10;

  @IntegerBetween(100, 10000000, 'a number of entries')
  VERIFICATION_MAX_ENTRIES = 100000;

  /** At least an hour: a verification's code lives up to 60 minutes. */
  @IntegerBetween(60, 525600, 'an integer number of minutes')
  OTP_MAX_VALIDITY_MINUTES = 1440;

  @IntegerBetween(1000, 600000, 'an integer number of milliseconds')
  HTTP_REQUEST_TIMEOUT_MS = 10000;

  /** Derived from the longest request when unset (see `buildConfiguration`). */
  @IsOptional()
  @IntegerBetween(1000, 3600000, 'an integer number of milliseconds')
  HTTP_CONNECTION_TIMEOUT_MS?: number;

  /** Derived from the longest request when unset (see `buildConfiguration`). */
  @IsOptional()
  @IntegerBetween(0, 600000, 'an integer number of milliseconds')
  SHUTDOWN_DRAIN_TIMEOUT_MS?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false },
    { message: 'must be a redis:// or rediss:// URL' },
  )
  REDIS_URL?: string;

  // Only the scheme is checked here: pg reads the rest (host, port, database, sslmode, a socket directory …).
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S*$/i, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** No default here: sandbox mode keeps the database in memory unless `DATA_DIR` is set explicitly. */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IntegerBetween(1, 3650, 'a number of days')
  LEDGER_RETENTION_DAYS = 90;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  LEDGER_STORE_CONTENT: 'true' | 'false' = 'false';

  @IntegerBetween(1, 3600, 'an integer number of seconds')
  TRACKING_FIRST_CHECK_SECONDS = 10;

  @IntegerBetween(1, 720, 'an integer number of hours')
  TRACKING_MAX_HOURS = 72;

  @IntegerBetween(100, 60000, 'an integer number of milliseconds')
  WEBHOOK_TIMEOUT_MS = 5000;

  @IntegerBetween(1, 50, 'a number of attempts')
  WEBHOOK_MAX_ATTEMPTS = 12;

  @IsOptional()
  @IsString()
  CREDIT_BUDGETS?: string;

  @IntegerBetween(1, 1000, 'a number of sends per second')
  AFILNET_SENDS_PER_SECOND = 10;
}

/** A configuration mistake: its message is one line that names the variable. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  const shown = typeof error.value === 'string' ? ` (got "${error.value}")` : '';
  return `${error.property} ${reasons[0] ?? 'is invalid'}${shown}`;
}

/** Blank values count as unset, so `AFILNET_USER=` in a copied `.env.example` keeps the default. */
function withoutBlanks(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== ''),
  );
}

export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, withoutBlanks(raw), { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    // Secrets never go into the message: their values are dropped, only the rule is named.
    const secret = new Set(['AFILNET_PASSWORD', 'GATEWAY_API_KEYS', 'REDIS_URL', 'DATABASE_URL']);
    const lines = errors.map((error) =>
      secret.has(error.property)
        ? `${error.property} ${Object.values(error.constraints ?? {})[0]}`
        : describe(error),
    );
    throw new ConfigurationError(`Invalid configuration: ${lines.join('; ')}`);
  }
  if ((env.AFILNET_USER === undefined) !== (env.AFILNET_PASSWORD === undefined)) {
    throw new ConfigurationError(
      'Invalid configuration: AFILNET_USER and AFILNET_PASSWORD must be set together (set neither for sandbox mode)',
    );
  }
  return env;
}

/**
 * Live or sandbox. `GATEWAY_MODE` says it outright and must agree with the credentials; without it, credentials
 * mean live and none mean sandbox — except under `NODE_ENV=production`, where a missing secret must not quietly
 * become a gateway that answers `201` and sends nothing: sandbox mode there is only ever chosen explicitly.
 */
export function gatewayMode(env: EnvironmentVariables): 'live' | 'sandbox' {
  const credentials = env.AFILNET_USER !== undefined;
  switch (env.GATEWAY_MODE) {
    case 'live':
      if (credentials) return 'live';
      throw new ConfigurationError(
        'Invalid configuration: GATEWAY_MODE=live needs AFILNET_USER and AFILNET_PASSWORD',
      );
    case 'sandbox':
      if (!credentials) return 'sandbox';
      throw new ConfigurationError(
        'Invalid configuration: GATEWAY_MODE=sandbox with AFILNET_USER and AFILNET_PASSWORD set; unset them, or set GATEWAY_MODE=live',
      );
    case undefined:
      if (credentials) return 'live';
      if (env.NODE_ENV !== 'production') return 'sandbox';
      throw new ConfigurationError(
        'Invalid configuration: NODE_ENV=production needs AFILNET_USER and AFILNET_PASSWORD (live mode), or GATEWAY_MODE=sandbox to run the simulator on purpose',
      );
  }
}
