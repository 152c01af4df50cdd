import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The name of the API key the request came with (set by the API key guard), or null when the gateway runs
 * without keys: for resources that belong to the key that created them.
 */
export const CallerKeyName = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null =>
    context.switchToHttp().getRequest<FastifyRequest>().apiKeyName ?? null,
);

/**
 * Whose resources the request may see: its key's name, or null for everyone's — a key with scope `*`, or any
 * request when the gateway runs without keys. Repositories take it as `visibleTo`.
 */
export const VisibleTo = createParamDecorator((_data: unknown, context: ExecutionContext): string | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (request.apiKeyName === undefined || request.apiKeyScopes?.includes('*') === true) return null;
  return request.apiKeyName;
});
