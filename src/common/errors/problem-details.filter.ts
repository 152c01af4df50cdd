import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  gatewayCodeForTransportFailure,
  gatewayCodeForUpstreamError,
} from '../afilnet/afilnet-error-table.js';
import { AfilnetApiError, AfilnetTransportError } from '../afilnet/afilnet.errors.js';
import { GATEWAY_ERRORS, type GatewayErrorCode } from './error-codes.js';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from './problem.js';
import { GatewayError } from './gateway.error.js';
import { ReplayedProblemError } from './replayed-problem.error.js';
import { RequestValidationError } from './request-validation.error.js';

type ProblemFields = Omit<Problem, 'type' | 'title' | 'status' | 'requestId'> & {
  /** Overrides the code's usual status (an open circuit is `UPSTREAM_UNAVAILABLE` answered 503, not 502). */
  status?: number;
  retryAfterSeconds?: number;
};

const CODE_BY_HTTP_STATUS: Readonly<Record<number, GatewayErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'NOT_READY',
};

/** Errors raised by Fastify itself (body parsing, size limits) carry a status and an `FST_` code. */
interface FastifyError {
  statusCode: number;
  code: string;
  message: string;
}

function isFastifyError(error: unknown): error is FastifyError {
  const candidate = error as Partial<FastifyError> | null;
  return (
    typeof candidate?.statusCode === 'number' &&
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('FST_')
  );
}

/** Decides the problem for any error: the one place where errors become HTTP statuses and codes. */
export function describeError(error: unknown): ProblemFields {
  if (error instanceof RequestValidationError) {
    const fields = [...new Set(error.errors.map((fieldError) => fieldError.field))];
    return {
      code: 'VALIDATION_FAILED',
      detail: `Invalid ${fields.length === 1 ? 'field' : 'fields'}: ${fields.join(', ')}. See errors[] for each rule.`,
      errors: error.errors,
    };
  }
  if (error instanceof AfilnetApiError) {
    const answered = error.recognised
      ? error.code
      : `an error that is not a code (${JSON.stringify(error.detail)})`;
    return {
      code: gatewayCodeForUpstreamError(error.code),
      detail: `Afilnet ${error.afilnetClass}.${error.afilnetMethod} answered ${answered}.`,
      upstream: { class: error.afilnetClass, method: error.afilnetMethod, error: error.code },
    };
  }
  if (error instanceof AfilnetTransportError) {
    const fields: ProblemFields = {
      code: gatewayCodeForTransportFailure(error.failure),
      detail: `${error.message}.`,
    };
    if (error.failure === 'circuit_open') {
      return { ...fields, status: 503, retryAfterSeconds: error.retryAfterSeconds };
    }
    return error.failure === 'busy' ? { ...fields, retryAfterSeconds: error.retryAfterSeconds } : fields;
  }
  if (error instanceof ReplayedProblemError) {
    const { type: _type, title: _title, ...fields } = error.problem;
    return { ...fields, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof GatewayError) {
    return { code: error.code, detail: error.detail, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof HttpException && error.getStatus() === 503) {
    const detail = notReadyDetail(error.getResponse());
    if (detail !== undefined) return { code: 'NOT_READY', detail };
  }
  if (error instanceof HttpException || isFastifyError(error)) {
    const status = error instanceof HttpException ? error.getStatus() : error.statusCode;
    const code = CODE_BY_HTTP_STATUS[status];
    if (code !== undefined) return { code, detail: httpErrorDetail(error) };
  }
  return {
    code: 'INTERNAL',
    detail: 'An unexpected error occurred; the request id identifies it in the logs.',
  };
}

/** A failed health check (@nestjs/terminus' result): each check that is down, with its reason. */
interface HealthCheckFailure {
  status: 'error' | 'shutting_down';
  error?: Record<string, { reason?: unknown } | undefined>;
}

function isHealthCheckFailure(response: unknown): response is HealthCheckFailure {
  const status = (response as Partial<HealthCheckFailure> | null)?.status;
  return status === 'error' || status === 'shutting_down';
}

/** What is not ready, said in the problem's `detail` instead of the exception's "Service Unavailable Exception". */
function notReadyDetail(response: unknown): string | undefined {
  if (!isHealthCheckFailure(response)) return undefined;
  if (response.status === 'shutting_down') return 'The gateway is shutting down: it takes no new traffic.';
  const down = Object.entries(response.error ?? {}).map(([check, state]) =>
    typeof state?.reason === 'string' ? `${check} (${state.reason})` : check,
  );
  return `Not ready: ${down.length === 0 ? 'a health check failed' : down.join('; ')}.`;
}

function httpErrorDetail(error: HttpException | FastifyError): string {
  if (!(error instanceof HttpException)) return error.message;
  const response = error.getResponse();
  const message = typeof response === 'object' ? (response as { message?: unknown }).message : response;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

export interface DecidedProblem {
  problem: Problem;
  retryAfterSeconds?: number;
}

export function decideProblem(error: unknown, requestId: string): DecidedProblem {
  const { status, retryAfterSeconds, ...fields } = describeError(error);
  const known = GATEWAY_ERRORS[fields.code];
  const problem = {
    type: problemType(fields.code),
    title: known.title,
    status: status ?? known.status,
    ...fields,
    requestId,
  };
  return { problem, retryAfterSeconds };
}

export function buildProblem(error: unknown, requestId: string): Problem {
  return decideProblem(error, requestId).problem;
}

/** Writes a problem document, with `Retry-After` when the caller may simply try again later. */
export function sendProblem(reply: FastifyReply, { problem, retryAfterSeconds }: DecidedProblem): void {
  if (retryAfterSeconds !== undefined)
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** Answers every error as `application/problem+json` (API.md §4), with the request id in the body. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const decided = decideProblem(error, request.id);
    const { problem } = decided;
    if (problem.code === 'INTERNAL') {
      request.log.error({ context: 'Errors', err: error }, 'unexpected error');
    } else if (problem.status >= 500) {
      // `errorCode`, not `code`: the logger redacts every `code` field (one-time codes).
      request.log.warn({ context: 'Errors', errorCode: problem.code }, problem.detail);
    }
    sendProblem(http.getResponse<FastifyReply>(), decided);
  }
}
