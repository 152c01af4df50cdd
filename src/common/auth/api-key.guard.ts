import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../../config/configuration.js';
import { GatewayError } from '../errors/gateway.error.js';
import { ANY_KEY, PROBE_ROUTE, SCOPES } from '../policies/policy.decorators.js';
import { allows, ApiKeyRegistry, type Caller } from './api-key.registry.js';

export const API_KEY_HEADER = 'x-api-key';

/** Refuses (403 FORBIDDEN) a key none of whose scopes is `acceptable` (empty: only a `*` key passes). */
export function requireScopes(caller: Caller, acceptable: readonly string[], what: string): void {
  if (allows(caller, acceptable)) return;
  const needed = acceptable.length === 0 ? '"*"' : acceptable.map((name) => `"${name}"`).join(' or ');
  throw new GatewayError('FORBIDDEN', `The key "${caller.name}" lacks the scope ${needed} ${what} needs.`);
}

/**
 * Every route needs a known `X-API-Key` whose scopes cover it, except probes (when open) and when the gateway
 * runs without keys (sandbox without keys, or `GATEWAY_AUTH=disabled`). The caller's key name is put on the
 * request for logs, metrics, rate limits and idempotency records.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly probesOpen: boolean;

  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly reflector: Reflector,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.probesOpen = config.get('auth', { infer: true }).probes === 'open';
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.keys.enforced) return true;
    if (this.probesOpen && this.reflector.getAllAndOverride<boolean>(PROBE_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = request.headers[API_KEY_HEADER];
    if (typeof presented !== 'string' || presented === '') {
      throw new GatewayError('UNAUTHENTICATED', 'Send your API key in the X-API-Key header.');
    }
    const caller = this.keys.identify(presented);
    if (caller === undefined) throw new GatewayError('UNAUTHENTICATED', 'The X-API-Key is not a known key.');
    request.apiKeyName = caller.name;
    request.apiKeyScopes = caller.scopes;

    // Every route declares its scopes (RoutePolicyCheck refuses to start otherwise); none found means `*` only.
    const acceptable = this.reflector.getAllAndOverride<readonly string[] | undefined>(SCOPES, targets) ?? [];
    if (acceptable !== ANY_KEY) requireScopes(caller, acceptable, 'this route');
    return true;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The calling key's name (never the key), once the API key guard has identified it. */
    apiKeyName?: string;
    /** The calling key's scopes, once the API key guard has identified it (`*`: it sees every caller's records). */
    apiKeyScopes?: readonly string[];
  }
}
