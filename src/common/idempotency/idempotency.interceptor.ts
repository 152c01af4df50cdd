import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { GatewayError } from '../errors/gateway.error.js';
import { decideProblem } from '../errors/problem-details.filter.js';
import { IDEMPOTENT } from '../policies/policy.decorators.js';
import { ReplayedProblemError } from '../errors/replayed-problem.error.js';
import { RequestValidationError } from '../errors/request-validation.error.js';
import { keepsOutcome } from './idempotency-outcomes.js';
import { IdempotencyStore } from './idempotency.store.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';
const KEY_RULE = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so the same body sent with its keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Once the request has run, its own answer goes back even if the store cannot record it (a shared store that just
 * went away): the claim then stays until it expires, so retries get 409 meanwhile, never a second send.
 */
async function remember(log: FastifyBaseLogger, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.error({ context: 'Idempotency', reason: (error as Error).message }, 'idempotency record not written');
  }
}

/**
 * `Idempotency-Key` on POSTs that send or create (API.md §5): the first outcome where the request did its work or
 * may have — a success, Afilnet's answer, a call that may have gone out — is kept per API-key name; a retry gets it
 * back with `Idempotency-Replayed: true` and no upstream call; a retry while the first is running gets 409; the same
 * key with another body gets 422. A refusal before any work (validation, a limit, an open circuit, a connection or
 * a store that could not be had; see `keepsOutcome`) is not recorded: the key is released so a retry can send.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined || request.method !== 'POST' || !this.appliesTo(context)) return next.handle();
    if (typeof header !== 'string' || !KEY_RULE.test(header)) {
      throw new RequestValidationError([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
      ]);
    }

    const key = `${request.apiKeyName ?? 'anonymous'}:${header}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonical(request.body)}`)
      .digest('hex');
    const claim = await this.store.claim(key, fingerprint);
    switch (claim.state) {
      case 'in_progress':
        throw new GatewayError(
          'IDEMPOTENCY_IN_PROGRESS',
          'The first request with this key has not finished.',
          1,
        );
      case 'mismatch':
        throw new GatewayError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was first used with a different request; use a new key for a new request.',
        );
      case 'completed':
        void reply.header(IDEMPOTENCY_REPLAYED_HEADER, 'true');
        if (claim.outcome.kind === 'problem') {
          throw new ReplayedProblemError(claim.outcome.problem, claim.outcome.retryAfterSeconds);
        }
        void reply.status(claim.outcome.status);
        return from([claim.outcome.body]);
      case 'claimed':
        break;
    }

    const status = this.successStatus(context);
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await remember(request.log, () =>
          this.store.complete(key, fingerprint, { kind: 'success', status, body }),
        );
        return body;
      }),
      catchError(async (error: unknown) => {
        const { problem, retryAfterSeconds } = decideProblem(error, request.id);
        if (!keepsOutcome(error, problem.code)) {
          await remember(request.log, () => this.store.release(key));
        } else {
          const { requestId: _requestId, ...kept } = problem;
          await remember(request.log, () =>
            this.store.complete(key, fingerprint, { kind: 'problem', problem: kept, retryAfterSeconds }),
          );
        }
        throw error;
      }),
    );
  }

  private appliesTo(context: ExecutionContext): boolean {
    return this.reflector.get<boolean | undefined>(IDEMPOTENT, context.getHandler()) === true;
  }

  private successStatus(context: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return declared ?? 201;
  }
}
