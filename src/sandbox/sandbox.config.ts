import { DEFAULT_SANDBOX_TIME_ZONE } from './sandbox.dates.js';

/** Settings of the stand-alone Afilnet simulator (`npm run sandbox`). */
export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
  readonly user: string;
  readonly password: string;
  readonly initialBalance: number;
  /** The simulated account's zone: how it reads `scheduledatetime` and writes its dates. */
  readonly timeZone: string;
}

/** A wrong `SANDBOX_*` value: the message is one line that names the variable. */
export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The `SANDBOX_*` variables, their defaults and meanings (docs/configuration.md is generated from this list). */
export const SANDBOX_VARIABLES = {
  SANDBOX_PORT: { default: 8089, meaning: 'the port the stand-alone simulator listens on (0–65535)' },
  SANDBOX_HOST: { default: '127.0.0.1', meaning: 'its listen interface' },
  SANDBOX_USER: { default: 'sandbox', meaning: 'the account user it accepts' },
  SANDBOX_PASSWORD: { default: 'sandbox', meaning: 'the account password it accepts' },
  SANDBOX_INITIAL_BALANCE: {
    default: 100,
    meaning: 'the credits the account starts with (and returns to on reset)',
  },
  SANDBOX_TIMEZONE: {
    default: DEFAULT_SANDBOX_TIME_ZONE,
    meaning: 'the zone the simulated account reads `scheduledatetime` and writes its dates in',
  },
} as const;

/** Reads and validates the `SANDBOX_*` variables; blank values count as unset. */
export function loadSandboxConfig(env: Environment = process.env): SandboxConfig {
  const defaults = SANDBOX_VARIABLES;
  return {
    port: readPort(env, 'SANDBOX_PORT', defaults.SANDBOX_PORT.default),
    host: read(env, 'SANDBOX_HOST') ?? defaults.SANDBOX_HOST.default,
    user: read(env, 'SANDBOX_USER') ?? defaults.SANDBOX_USER.default,
    password: read(env, 'SANDBOX_PASSWORD') ?? defaults.SANDBOX_PASSWORD.default,
    initialBalance: readBalance(env, 'SANDBOX_INITIAL_BALANCE', defaults.SANDBOX_INITIAL_BALANCE.default),
    timeZone: readTimeZone(env, 'SANDBOX_TIMEZONE', defaults.SANDBOX_TIMEZONE.default),
  };
}

function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readPort(env: Environment, name: string, fallback: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw invalid(name, 'must be an integer between 0 and 65535', value);
  return port;
}

function readBalance(env: Environment, name: string, fallback: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  // Decimal notation only: Number() would also take "0x10", "1e3" or "Infinity".
  const balance = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(balance)) throw invalid(name, 'must be a number >= 0', value);
  return balance;
}

function readTimeZone(env: Environment, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw invalid(name, 'must be an IANA time zone such as Europe/Madrid', value);
  }
}

function invalid(name: string, rule: string, value: string): SandboxConfigError {
  // JSON quoting keeps the message on one line whatever the value holds.
  return new SandboxConfigError(`Invalid configuration: ${name} ${rule} (got ${JSON.stringify(value)})`);
}
