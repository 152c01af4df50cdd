import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiOperation } from '@nestjs/swagger';
import { gatewayCodeForAfilnetError } from '../afilnet/afilnet-error-table.js';
import { operation, upstreamName, type OperationName } from '../afilnet/afilnet-operations.js';
import { AfilnetOperation, Idempotent } from '../policies/policy.decorators.js';
import {
  ApiProblemResponses,
  IDEMPOTENCY_FAILURES,
  POLICY_FAILURES,
  type ProblemCase,
} from './api-problem-responses.decorator.js';

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
  // Every connection to Afilnet busy: the call is not started, with Retry-After.
  'UPSTREAM_BUSY',
  'INTERNAL',
];

export interface AfilnetOperationDoc {
  summary: string;
  description: string;
  /** False for operations whose request carries nothing to validate. */
  validated?: boolean;
  /** What the route's own rules can answer besides the catalog's errors (e.g. a gateway-side limit). */
  errors?: readonly ProblemCase[];
}

/**
 * A route that performs one catalog operation: its policies (`@AfilnetOperation` — the key's scope — and, for sends
 * and writes, `@Idempotent`) and its documentation — summary, description, the `x-afilnet-method` extension
 * (API.md §1, a *must*) and every error response, derived from the catalog.
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
    AfilnetOperation(name),
    ...(idempotent ? [Idempotent()] : []),
    ApiOperation({
      summary: doc.summary,
      description: `${doc.description}\n\nAfilnet: \`${upstream}\`.${confidence}${provisional}`,
    }),
    ApiExtension('x-afilnet-method', upstream),
    ApiProblemResponses(cases),
  );
}
