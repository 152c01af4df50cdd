import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayConfig } from '../../config/configuration.js';

/** Who called: the key's name (safe to log) and what it may use. */
export interface Caller {
  readonly name: string;
  readonly scopes: readonly string[];
}

interface KnownKey extends Caller {
  readonly digest: Buffer;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The configured API keys, held as SHA-256 digests. A presented key is hashed and compared with every
 * digest in constant time, so neither the comparison nor the number of keys checked leaks how close a guess was.
 */
@Injectable()
export class ApiKeyRegistry {
  readonly enforced: boolean;
  private readonly keys: readonly KnownKey[];

  constructor(config: ConfigService<GatewayConfig, true>) {
    const auth = config.get('auth', { infer: true });
    this.enforced = auth.mode === 'keys';
    this.keys = auth.keys.map(({ name, key, scopes }) => ({
      name,
      scopes,
      digest: key.kind === 'sha256' ? Buffer.from(key.value, 'hex') : sha256(key.value),
    }));
  }

  identify(presented: string): Caller | undefined {
    const digest = sha256(presented);
    let match: KnownKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest) && match === undefined) match = key;
    }
    return match === undefined ? undefined : { name: match.name, scopes: match.scopes };
  }
}

/** Module names that differ from their Afilnet class; a key scoped to either may call the class. */
const MODULE_OF_CLASS: Readonly<Record<string, string>> = {
  whatsapp: 'social',
  chat: 'social',
  group: 'groups',
  template: 'templates',
  country: 'countries',
  event: 'events',
};

export function scopesFor(afilnetClass: string): string[] {
  const module = MODULE_OF_CLASS[afilnetClass];
  return module === undefined ? [afilnetClass] : [afilnetClass, module];
}

export function allows(caller: Caller, acceptable: readonly string[]): boolean {
  return caller.scopes.includes('*') || acceptable.some((scope) => caller.scopes.includes(scope));
}
