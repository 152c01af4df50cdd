import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { gatewayCodeForAfilnetError } from '../afilnet/afilnet-error-table.js';
import {
  AFILNET_OPERATION,
  operation,
  upstreamName,
  type OperationName,
} from '../afilnet/afilnet-operations.js';
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../errors/error-codes.js';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';
import { ProblemSchema } from './problem.schema.js';

/** A code, answered with another status than its usual one. */
type ProblemCase = GatewayErrorCode | readonly [GatewayErrorCode, number];

/** Errors any call to Afilnet can end in, whatever the operation. */
const UPSTREAM_FAILURES: readonly ProblemCase[] = [
  'UPSTREAM_AUTH_FAILED',
  'UPSTREAM_CONTRACT_ERROR',
  'UPSTREAM_ERROR',
  'UPSTREAM_UNAVAILABLE',
  // The circuit breaker, open after repeated transport failures, answers at once with Retry-After.
  ['UPSTREAM_UNAVAILABLE', 503],
  'UPSTREAM_BAD_RESPONSE',
  'UPSTREAM_TIMEOUT',
  'INTERNAL',
];

/**
 * What the policies in front of every API route can answer (API key, scope, rate limit; with `REDIS_URL`, a
 * shared state store that cannot be reached).
 */
export const POLICY_FAILURES: readonly ProblemCase[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'STATE_STORE_UNAVAILABLE',
];

/** What `Idempotency-Key` can answer on sends and creations. */
const IDEMPOTENCY_FAILURES: readonly ProblemCase[] = ['IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED'];

export interface AfilnetOperationDoc {
  summary: string;
  description: string;
  /** False for operations whose request carries nothing to validate. */
  validated?: boolean;
  /** What the route's own rules can answer besides the catalog's errors (e.g. a gateway-side limit). */
  errors?: readonly ProblemCase[];
}

/** Documents every error response the given codes can produce, one response per HTTP status. */
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
            examples: Object.fromEntries(
              statusCodes.map((code) => [
                code,
                {
                  summary: GATEWAY_ERRORS[code].title,
                  value: { type: problemType(code), title: GATEWAY_ERRORS[code].title, status, code },
                },
              ]),
            ),
          },
        },
      }),
    ),
  );
}

/**
 * One decorator per gateway operation that calls Afilnet: summary, description, the `x-afilnet-method`
 * extension (API.md §1, a *must*) and every error response, derived from the operation catalog.
 */
export function ApiAfilnetOperation(name: OperationName, doc: AfilnetOperationDoc): MethodDecorator {
  const op = operation(name);
  const upstream = upstreamName(name);
  const confidence =
    op.confidence === 'documented'
      ? ''
      : ` The upstream name is ${op.confidence}, not verified on Afilnet's pages.`;
  const provisional =
    op.provisional === undefined
      ? ''
      : ` Provisional upstream field names, guessed by analogy and not read on this method's page: ${op.provisional
          .map((param) => `\`${param}\` → \`${op.params[param]}\``)
          .join(', ')}.`;
  const idempotent = op.kind !== 'read';
  const cases: ProblemCase[] = [
    ...(doc.validated === false ? [] : (['VALIDATION_FAILED'] as const)),
    ...POLICY_FAILURES,
    ...(idempotent ? IDEMPOTENCY_FAILURES : []),
    ...op.errors.map(gatewayCodeForAfilnetError),
    ...(doc.errors ?? []),
    ...UPSTREAM_FAILURES,
  ];
  return applyDecorators(
    SetMetadata(AFILNET_OPERATION, name),
    ApiOperation({
      summary: doc.summary,
      description: `${doc.description}\n\nAfilnet: \`${upstream}\`.${confidence}${provisional}`,
    }),
    ApiExtension('x-afilnet-method', upstream),
    ...(idempotent ? [ApiIdempotencyKey()] : []),
    ApiProblemResponses(cases),
  );
}

/** The optional `Idempotency-Key` header of sends and creations (API.md §5). */
function ApiIdempotencyKey(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Makes a retry safe: the same key (1–255 visible ASCII characters) with the same body within 24 h returns the ' +
      'first answer with `Idempotency-Replayed: true` and no second upstream call; while the first is in flight, ' +
      '409; with another body, 422. Keys are per API key.',
  });
}
