import { existsSync } from 'node:fs';
import { parseApiKeys, type ApiKeyConfig } from './api-keys.js';
import { validateEnvironment, type LogLevel } from './environment.js';

export interface AfilnetConfig {
  /** `sandbox` when no credentials are configured: the embedded simulator answers instead of Afilnet. */
  readonly mode: 'live' | 'sandbox';
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly timeoutMs: number;
  readonly maxSockets: number;
  /** The zone Afilnet reads `scheduledatetime` in (its docs do not say; Afilnet is in Spain). */
  readonly timeZone: string;
}

export interface CacheConfig {
  /** How long the country list is served from memory; 0 disables the cache. */
  readonly countriesTtlSeconds: number;
}

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
}

export interface LoggingConfig {
  readonly level: LogLevel;
}

export interface GatewayConfig {
  readonly http: HttpConfig;
  readonly afilnet: AfilnetConfig;
  readonly logging: LoggingConfig;
  readonly cache: CacheConfig;
  /** The callers' keys (`GATEWAY_API_KEYS`); empty when none are configured. */
  readonly apiKeys: readonly ApiKeyConfig[];
  readonly redisUrl?: string;
}

/** Turns validated environment variables into the typed namespaces the modules read. */
export function buildConfiguration(raw: Record<string, string | undefined>): GatewayConfig {
  const env = validateEnvironment(raw);
  const live = env.AFILNET_USER !== undefined && env.AFILNET_PASSWORD !== undefined;
  return {
    http: { port: env.PORT, host: env.HOST },
    afilnet: {
      mode: live ? 'live' : 'sandbox',
      baseUrl: env.AFILNET_BASE_URL,
      user: env.AFILNET_USER ?? '',
      password: env.AFILNET_PASSWORD ?? '',
      timeoutMs: env.AFILNET_TIMEOUT_MS,
      maxSockets: env.AFILNET_MAX_SOCKETS,
      timeZone: env.AFILNET_TIMEZONE,
    },
    logging: { level: env.LOG_LEVEL },
    cache: { countriesTtlSeconds: env.COUNTRIES_CACHE_TTL_SECONDS },
    apiKeys: parseApiKeys(env.GATEWAY_API_KEYS),
    redisUrl: env.REDIS_URL,
  };
}

/** The process environment, with a `.env` file in the working directory applied first if there is one. */
export function readProcessEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
