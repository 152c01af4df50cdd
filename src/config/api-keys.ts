import { ConfigurationError } from './environment.js';

/** One caller of the gateway, from `GATEWAY_API_KEYS`. */
export interface ApiKeyConfig {
  /** Appears in logs and metrics instead of the key. */
  readonly name: string;
  /** The key itself, or its SHA-256 digest (lower-case hex) when given as `sha256:<hex>`. */
  readonly key: { readonly kind: 'plain' | 'sha256'; readonly value: string };
  /** Module / Afilnet class names the key may use; `*` for all. */
  readonly scopes: readonly string[];
}

/** What an API key's name looks like (it appears in logs, metrics, the ledger and `CREDIT_BUDGETS`). */
export const API_KEY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SCOPE = /^(\*|[a-z]+)$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const MIN_PLAIN_KEY_LENGTH = 16;

/**
 * Parses `name:key[:scope+scope]` entries, comma-separated; a key may be `sha256:<hex>`. Messages name the
 * entry by position and name, never by its key.
 */
export function parseApiKeys(raw: string | undefined): ApiKeyConfig[] {
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  const keys = entries.map((entry, index) => parseEntry(entry, index + 1));
  const names = keys.map((key) => key.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) fail(`the name "${duplicate}" is used twice`);
  return keys;
}

function parseEntry(entry: string, position: number): ApiKeyConfig {
  const parts = entry.split(':');
  const name = parts[0];
  if (!API_KEY_NAME.test(name))
    fail(`entry ${position} must start with a name of letters, digits, "_", "." or "-"`);
  const hashed = parts[1] === 'sha256';
  const [keyValue, scopeList, ...extra] = hashed ? parts.slice(2) : parts.slice(1);
  if (keyValue === undefined || keyValue === '' || extra.length > 0) {
    fail(`entry ${position} ("${name}") must be name:key or name:key:scope+scope`);
  }
  if (hashed && !SHA256_HEX.test(keyValue))
    fail(`entry ${position} ("${name}") has a sha256 key that is not 64 hex digits`);
  if (!hashed && keyValue.length < MIN_PLAIN_KEY_LENGTH) {
    fail(`entry ${position} ("${name}") has a key shorter than ${MIN_PLAIN_KEY_LENGTH} characters`);
  }
  const scopes = scopeList === undefined ? ['*'] : scopeList.split('+');
  if (!scopes.every((scope) => SCOPE.test(scope))) {
    fail(`entry ${position} ("${name}") has a scope that is not "*" or a lower-case module name`);
  }
  return {
    name,
    key: hashed ? { kind: 'sha256', value: keyValue.toLowerCase() } : { kind: 'plain', value: keyValue },
    scopes,
  };
}

function fail(reason: string): never {
  throw new ConfigurationError(`Invalid configuration: GATEWAY_API_KEYS ${reason}`);
}
