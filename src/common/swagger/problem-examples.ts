import type { ExampleObject, ReferenceObject } from '@nestjs/swagger';
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../errors/error-codes.js';
import { problemType, type Problem } from '../errors/problem.js';

/** Where the shared problem examples live in the document (`components.examples`). */
const EXAMPLES_PATH = '#/components/examples/';
const EXAMPLE_REQUEST_ID = '3f2c8d9e-6b1a-4c5d-9e7f-0a1b2c3d4e5f';

/** An Afilnet call as problem examples name it; a real answer names the operation's own method. */
const EXAMPLE_CALL = { class: 'sms', method: 'sendsms' } as const;

function afilnetAnswered(error: string): Pick<Problem, 'detail' | 'upstream'> {
  return {
    detail: `Afilnet ${EXAMPLE_CALL.class}.${EXAMPLE_CALL.method} answered ${error}.`,
    upstream: { ...EXAMPLE_CALL, error },
  };
}

/**
 * What each code's example says besides its type, title, status and code: a `detail` as the gateway writes one
 * (and `errors` or `upstream` where the code carries them). A `Record` over every code, so a new code cannot be
 * documented without an example.
 */
const EXAMPLE_FIELDS: Record<GatewayErrorCode, Pick<Problem, 'detail' | 'errors' | 'upstream'>> = {
  VALIDATION_FAILED: {
    detail: 'Invalid field: to. See errors[] for each rule.',
    errors: [
      {
        field: 'to',
        message:
          'to must be an international mobile number: 8 to 15 digits, country code first, no + or spaces',
      },
    ],
  },
  UNAUTHENTICATED: { detail: 'Send your API key in the X-API-Key header.' },
  FORBIDDEN: { detail: 'The key "billing" lacks the scope sms this route needs.' },
  NOT_FOUND: { detail: 'Cannot GET /v1/nothing-here' },
  METHOD_NOT_ALLOWED: { detail: 'Method Not Allowed' },
  PAYLOAD_TOO_LARGE: { detail: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { detail: 'Unsupported Media Type' },
  RATE_LIMITED: { detail: 'ThrottlerException: Too Many Requests' },
  TOO_MANY_VERIFICATIONS: {
    detail: 'At most 5 one-time codes per destination in any 15 minutes; try again later.',
  },
  OTP_ATTEMPTS_EXHAUSTED: {
    detail:
      '5 codes were already checked for this destination since its last code was sent; send a new code.',
  },
  VERIFICATION_NOT_FOUND: {
    detail: 'No verification VE3f9c0b6e2d8a4f17b5e0c9d2a7f4e812 belongs to this API key.',
  },
  REQUEST_TIMEOUT: { detail: "The request body did not arrive within 10000 ms of the request's start." },
  TOO_MANY_AUTH_FAILURES: {
    detail:
      'Too many requests from this address came with a missing or unknown X-API-Key; no key is checked until ' +
      'Retry-After has passed.',
  },
  UPSTREAM_BUSY: {
    detail: 'Afilnet sms.sendsms: not called: no connection freed up in time; nothing was sent',
  },
  UPSTREAM_DOWN: {
    detail: 'Afilnet is not reachable from this instance (last failed call at 2026-11-26T10:00:00.000Z).',
  },
  MESSAGE_NOT_FOUND: { detail: 'No message msg_01JDX3K2M7ZQ4V8T6N5R2B9C1D belongs to this API key.' },
  BATCH_NOT_FOUND: { detail: 'No batch bat_01JDX3K2M7ZQ4V8T6N5R2B9C1D belongs to this API key.' },
  BATCH_NOT_PAUSED: {
    detail: 'Batch bat_01JDX3K2M7ZQ4V8T6N5R2B9C1D is sending, not paused: there is nothing to resume.',
  },
  BATCH_FINISHED: {
    detail: 'Batch bat_01JDX3K2M7ZQ4V8T6N5R2B9C1D has completed: nothing is left to cancel.',
  },
  CREDIT_BUDGET_EXCEEDED: {
    detail:
      'The key "billing" has used 499 of its 500 credits for today (UTC); this send needs about 2 more. Nothing ' +
      'was sent.',
  },
  LEDGER_UNAVAILABLE: {
    detail: 'The message ledger could not record the send, so nothing was sent. Retry shortly.',
  },
  WEBHOOK_NOT_FOUND: { detail: 'No webhook endpoint ep_01JDX3K2M7ZQ4V8T6N5R2B9C1D belongs to this API key.' },
  WEBHOOK_DELIVERY_NOT_FOUND: {
    detail:
      'No delivery evt_01JDX3K2M7ZQ4V8T6N5R2B9C1D was made to webhook endpoint ep_01JDX3K2M7ZQ4V8T6N5R2B9C1D.',
  },
  WEBHOOK_DELIVERY_NOT_FAILED: {
    detail:
      'Delivery evt_01JDX3K2M7ZQ4V8T6N5R2B9C1D is pending, not failed: only a failed delivery can be retried.',
  },
  VERIFICATION_SEND_UNCERTAIN: {
    detail:
      'Afilnet otp.generateotp did not answer in time. The code may have been sent, but this verification was not ' +
      'started and cannot be checked; start a new one.',
  },
  IDEMPOTENCY_IN_PROGRESS: { detail: 'The first request with this key has not finished.' },
  IDEMPOTENCY_KEY_REUSED: {
    detail: 'This Idempotency-Key was first used with a different request; use a new key for a new request.',
  },
  MISSING_COMPULSORY_PARAM: afilnetAnswered('MISSING_COMPULSORY_PARAM'),
  INCORRECT_TYPE: afilnetAnswered('INCORRECT_TYPE'),
  INCORRECT_TIME_TYPE: afilnetAnswered('INCORRECT_TIME_TYPE'),
  INCORRECT_FORMAT: afilnetAnswered('INCORRECT_FORMAT'),
  INCORRECT_OTP_FORMAT: afilnetAnswered('INCORRECT_OTP_FORMAT'),
  MISSING_MAIN_FIELD: afilnetAnswered('MISSING_MAIN_FIELD'),
  NOT_ACCESS_TO_TEMPLATE: afilnetAnswered('NOT_ACCESS_TO_TEMPLATE'),
  NOT_ACCESS_TO_GROUP: afilnetAnswered('NOT_ACCESS_TO_GROUP'),
  NOT_ACCESS_TO_CONTACT: afilnetAnswered('NOT_ACCESS_TO_CONTACT'),
  INCORRECT_FIELD: afilnetAnswered('INCORRECT_FIELD'),
  CHANNEL_NOT_FOUND: afilnetAnswered('CHANNEL_NOT_FOUND'),
  NO_ROUTE_AVAILABLE: afilnetAnswered('NO_ROUTE_AVAILABLE'),
  NO_CREDITS: afilnetAnswered('NO_CREDITS'),
  UPSTREAM_AUTH_FAILED: afilnetAnswered('INCORRECT_USER_PASSWORD'),
  UPSTREAM_CONTRACT_ERROR: afilnetAnswered('INCORRECT_METHOD'),
  UPSTREAM_ERROR: afilnetAnswered('SOME_NEW_ERROR'),
  UPSTREAM_UNAVAILABLE: { detail: 'Afilnet sms.sendsms: not reachable (ECONNREFUSED).' },
  UPSTREAM_BAD_RESPONSE: { detail: 'Afilnet sms.sendsms: the answer is not JSON.' },
  UPSTREAM_TIMEOUT: { detail: 'Afilnet sms.sendsms: no answer within 10000 ms.' },
  NOT_READY: { detail: 'Not ready: afilnet (Afilnet not reachable).' },
  STATE_STORE_UNAVAILABLE: {
    detail: 'The shared idempotency store (Redis) is not reachable; nothing was sent. Retry shortly.',
  },
  INTERNAL: { detail: 'An unexpected error occurred; the request id identifies it in the logs.' },
};

/** A code answered with another status than its usual one says so in its own words. */
const OTHER_STATUS_FIELDS: Record<string, Pick<Problem, 'detail'>> = {
  UPSTREAM_UNAVAILABLE_503: {
    detail: 'Afilnet sms.sendsms: not called: the circuit is open after repeated transport failures.',
  },
};

/** An example `detail` the gateway writes for a code (docs/errors.md lists them). */
export function exampleDetail(code: GatewayErrorCode): string {
  return EXAMPLE_FIELDS[code].detail;
}

/** `NO_CREDITS`, or `UPSTREAM_UNAVAILABLE_503` for a code answered with another status than its usual one. */
function exampleName(code: GatewayErrorCode, status: number): string {
  return status === GATEWAY_ERRORS[code].status ? code : `${code}_${status}`;
}

/** A reference to the shared example of a code answered with a status (see `problemExampleComponents`). */
export function problemExampleRef(code: GatewayErrorCode, status: number): ReferenceObject {
  return { $ref: `${EXAMPLES_PATH}${exampleName(code, status)}` };
}

function isGatewayErrorCode(name: string): name is GatewayErrorCode {
  return Object.hasOwn(GATEWAY_ERRORS, name);
}

function problemExample(name: string): ExampleObject {
  const [, code, status] = /^([A-Z_]+?)(?:_(\d{3}))?$/.exec(name) ?? [];
  if (code === undefined || !isGatewayErrorCode(code)) throw new Error(`no problem example is named ${name}`);
  const { title } = GATEWAY_ERRORS[code];
  const problem: Problem = {
    type: problemType(code),
    title,
    status: status === undefined ? GATEWAY_ERRORS[code].status : Number(status),
    code,
    ...EXAMPLE_FIELDS[code],
    ...OTHER_STATUS_FIELDS[name],
    requestId: EXAMPLE_REQUEST_ID,
  };
  return { summary: title, value: problem };
}

/**
 * The `components.examples` that a document's operations refer to: each problem example is written once and
 * referred to by every operation that can answer it, instead of being copied into each of them.
 */
export function problemExampleComponents(referenced: Iterable<string>): Record<string, ExampleObject> {
  const names = [...referenced]
    .filter((ref) => ref.startsWith(EXAMPLES_PATH))
    .map((ref) => ref.slice(EXAMPLES_PATH.length));
  return Object.fromEntries([...new Set(names)].sort().map((name) => [name, problemExample(name)]));
}
