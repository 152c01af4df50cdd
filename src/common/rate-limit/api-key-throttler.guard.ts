import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { PROBE_ROUTE } from '../auth/auth.decorators.js';

/**
 * The NestJS throttler, counted per API key across all routes (per client address for callers without a
 * key), with the IETF `RateLimit-*` header names. Probes are never limited.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  protected override getTracker(request: FastifyRequest): Promise<string> {
    return Promise.resolve(
      request.apiKeyName === undefined ? `ip:${request.ip}` : `key:${request.apiKeyName}`,
    );
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(
      this.reflector.getAllAndOverride<boolean>(PROBE_ROUTE, [context.getHandler(), context.getClass()]) ===
        true,
    );
  }
}
