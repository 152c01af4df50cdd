import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { gatewayCodeForAfilnetError } from '../afilnet/afilnet-error-table.js';
import { operation, upstreamName, type OperationName } from '../afilnet/afilnet-operations.js';
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../errors/error-codes.js';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';
import { ProblemSchema } from './problem.schema.js';

/** Errors any call to Afilnet can end in, whatever the operation. */
const UPSTREAM_FAILURES: readonly GatewayErrorCode[] = [
  'UPSTREAM_AUTH_FAILED',
  'UPSTREAM_CONTRACT_ERROR',
  'UPSTREAM_ERROR',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_RESPONSE',
  'UPSTREAM_TIMEOUT',
  'INTERNAL',
];

export interface AfilnetOperationDoc {
  summary: string;
  description: string;
  /** False for operations whose request carries nothing to validate. */
  validated?: boolean;
}

/** Documents every error response the given codes can produce, one response per HTTP status. */
export function ApiProblemResponses(codes: readonly GatewayErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, GatewayErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = GATEWAY_ERRORS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
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
  const codes: GatewayErrorCode[] = [
    ...(doc.validated === false ? [] : (['VALIDATION_FAILED'] as const)),
    ...op.errors.map(gatewayCodeForAfilnetError),
    ...UPSTREAM_FAILURES,
  ];
  return applyDecorators(
    ApiOperation({
      summary: doc.summary,
      description: `${doc.description}\n\nAfilnet: \`${upstream}\`.${confidence}`,
    }),
    ApiExtension('x-afilnet-method', upstream),
    ApiProblemResponses(codes),
  );
}
