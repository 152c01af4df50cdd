import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../../config/configuration.js';
import { GatewayError } from '../errors/gateway.error.js';
import { PROBE_ROUTE } from '../policies/policy.decorators.js';
import { ApiKeyRegistry } from './api-key.registry.js';
import { AuthFailures } from './auth-failures.js';

/**
 * Runs before the API key guard: a client address with too many failed authentications (`AUTH_FAILURES_PER_MINUTE`,
 * counted by `authFailuresPlugin`) is refused with 429 before any key it sends is looked at, so guessing keys gets
 * no answer at all, right or wrong. Open probes check no key, so they are never refused here.
 */
@Injectable()
export class AuthFailureGuard implements CanActivate {
  private readonly active: boolean;
  private readonly probesOpen: boolean;

  constructor(
    private readonly failures: AuthFailures,
    private readonly reflector: Reflector,
    keys: ApiKeyRegistry,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.active = keys.enforced && config.get('rateLimit', { infer: true }).authFailuresPerMinute > 0;
    this.probesOpen = config.get('auth', { infer: true }).probes === 'open';
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.active) return true;
    const probe = this.reflector.getAllAndOverride<boolean>(PROBE_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (probe && this.probesOpen) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // A probe must not fail because the shared count cannot be read: liveness would then restart every instance
    // whenever Redis is away. Its key is still checked by the API key guard.
    const blockedMs = await this.failures.blockedFor(request.ip).catch((error: unknown) => {
      if (probe) return 0;
      throw error;
    });
    if (blockedMs === 0) return true;
    throw new GatewayError(
      'TOO_MANY_AUTH_FAILURES',
      'Too many requests from this address came with a missing or unknown X-API-Key; no key is checked until ' +
        'Retry-After has passed.',
      Math.max(1, Math.ceil(blockedMs / 1000)),
    );
  }
}
