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
