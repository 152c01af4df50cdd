import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency.interceptor.js';
import type { Caller } from './api-key.registry.js';

/**
 * The name of the API key the request came with (set by the API key guard), or null when the gateway runs
 * without keys: for resources that belong to the key that created them.
 */
export const CallerKeyName = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null =>
    context.switchToHttp().getRequest<FastifyRequest>().apiKeyName ?? null,
);

/**
 * Whose records the caller may read: its own key name, or null for all of them — a key with the `*` scope, or
 * every request when the gateway runs without keys.
 */
export const VisibleTo = createParamDecorator((_data: unknown, context: ExecutionContext): string | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.apiKeyName === undefined || request.apiKeyScopes?.includes('*') ? null : request.apiKeyName;
});

/**
 * The calling key, name and scopes, for a route whose scope depends on its body (a batch needs its channel's);
 * null when the gateway runs without keys.
 */
export const CallingKey = createParamDecorator((_data: unknown, context: ExecutionContext): Caller | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.apiKeyName === undefined
    ? null
    : { name: request.apiKeyName, scopes: request.apiKeyScopes ?? [] };
});

/** Where a send came from, as the message ledger records it. */
export interface SendOrigin {
  /** The API key name; null without keys. */
  readonly caller: string | null;
  readonly requestId: string;
  /** The request's `Idempotency-Key` (validated by the idempotency interceptor before the handler runs). */
  readonly idempotencyKey: string | null;
}

export const Origin = createParamDecorator((_data: unknown, context: ExecutionContext): SendOrigin => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  return {
    caller: request.apiKeyName ?? null,
    requestId: request.id,
    idempotencyKey: typeof key === 'string' ? key : null,
  };
});
