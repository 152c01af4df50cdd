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

/** Reads and validates the `SANDBOX_*` variables; blank values count as unset. */
export function loadSandboxConfig(env: Environment = process.env): SandboxConfig {
  return {
    port: readPort(env, 'SANDBOX_PORT', 8089),
    host: read(env, 'SANDBOX_HOST') ?? '127.0.0.1',
    user: read(env, 'SANDBOX_USER') ?? 'sandbox',
    password: read(env, 'SANDBOX_PASSWORD') ?? 'sandbox',
    initialBalance: readBalance(env, 'SANDBOX_INITIAL_BALANCE', 100),
    timeZone: readTimeZone(env, 'SANDBOX_TIMEZONE', DEFAULT_SANDBOX_TIME_ZONE),
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
