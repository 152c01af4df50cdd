import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { PROBE_ROUTE } from '../policies/policy.decorators.js';
import { askRedis } from '../redis/shared-redis.js';

/** Effectively unlimited, and without headers: how `RATE_LIMIT_PER_MINUTE=0` switches the limit off. */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The NestJS throttler, counted per API key across all routes (per client address for callers without a
 * key), with the IETF `RateLimit-*` header names. Probes are never limited. When the counters live in Redis and
 * Redis cannot be asked, the request is refused (503): an instance that cannot count must not send unbounded.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';
  /** With the limit switched off nothing is counted at all: no store round trip on every request. */
  private disabled = false;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.disabled = this.throttlers.every((throttler) => throttler.limit === NO_LIMIT);
  }

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    return askRedis('rate-limit store', () => super.handleRequest(props));
  }

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
      this.disabled ||
        this.reflector.getAllAndOverride<boolean>(PROBE_ROUTE, [context.getHandler(), context.getClass()]) ===
          true,
    );
  }
}
