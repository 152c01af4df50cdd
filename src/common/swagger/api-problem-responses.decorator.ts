import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../errors/error-codes.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { problemExampleRef } from './problem-examples.js';
import { ProblemSchema } from './problem.schema.js';

/** A code, or a code answered with another status than its usual one. */
export type ProblemCase = GatewayErrorCode | readonly [GatewayErrorCode, number];

/**
 * What the policies in front of every API route can answer (too many failed authentications from the address, API
 * key, scope, rate limit; with `REDIS_URL`, a shared state store that cannot be reached).
 */
export const POLICY_FAILURES: readonly ProblemCase[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'TOO_MANY_AUTH_FAILURES',
  'STATE_STORE_UNAVAILABLE',
];

/**
 * What a probe (health, metrics) can answer besides its own results: an API key is asked for only with
 * `PROBES_ACCESS=protected`, and then only a `*` key passes.
 */
export const PROBE_FAILURES: readonly ProblemCase[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL'];

/** What `Idempotency-Key` can answer on routes marked `@Idempotent()`. */
export const IDEMPOTENCY_FAILURES: readonly ProblemCase[] = [
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
];

/**
 * Documents every error response the given codes can produce, one response per HTTP status, each code with its
 * shared example (`components.examples`, added by the document builder).
 */
export function ApiProblemResponses(cases: readonly ProblemCase[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, GatewayErrorCode[]>();
  for (const entry of cases) {
    const [code, status] = typeof entry === 'string' ? [entry, GATEWAY_ERRORS[entry].status] : entry;
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) byStatus.set(status, [...codes, code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemSchema),
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: statusCodes.map((code) => `\`${code}\` — ${GATEWAY_ERRORS[code].title}`).join('; '),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemSchema) },
            examples: Object.fromEntries(statusCodes.map((code) => [code, problemExampleRef(code, status)])),
          },
        },
      }),
    ),
  );
}
