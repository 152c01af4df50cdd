import type { GatewayErrorCode } from '../errors/error-codes.js';

/**
 * Where the gateway's knowledge of an Afilnet error code comes from: `documented` — listed in Afilnet's error
 * tables; `simulator` — Afilnet documents no code for the case, so the simulator answers one named in Afilnet's
 * style, and the gateway maps it so that a caller's mistake is a 4xx rather than a 502. A real Afilnet code for such
 * a case is a one-line addition here. docs/upstream-fidelity.md is generated from this table.
 */
export type ErrorCodeSource = 'documented' | 'simulator';

export const AFILNET_ERRORS = {
  MISSING_USER: { source: 'documented', meaning: 'No user (account login) was sent.' },
  MISSING_PASSWORD: { source: 'documented', meaning: 'No password was sent.' },
  MISSING_CLASS: { source: 'documented', meaning: 'The class parameter is absent.' },
  MISSING_METHOD: { source: 'documented', meaning: 'The method parameter is absent.' },
  MISSING_COMPULSORY_PARAM: {
    source: 'documented',
    meaning: 'A compulsory parameter of the method was not sent.',
  },
  INCORRECT_USER_PASSWORD: { source: 'documented', meaning: 'The user/password pair was rejected.' },
  INCORRECT_CLASS: { source: 'documented', meaning: 'The class is not a known class.' },
  INCORRECT_METHOD: { source: 'documented', meaning: 'The method does not exist in the class.' },
  INCORRECT_TIME_TYPE: { source: 'documented', meaning: 'An OTP validity unit Afilnet does not know.' },
  INCORRECT_TYPE: {
    source: 'documented',
    meaning: 'A type (OTP destination, group, template) Afilnet does not know.',
  },
  INCORRECT_FORMAT: { source: 'documented', meaning: 'An output format Afilnet does not know.' },
  INCORRECT_OTP_FORMAT: { source: 'documented', meaning: 'An OTP format Afilnet does not know.' },
  MISSING_MAIN_FIELD: { source: 'documented', meaning: "A contact without its group's main field." },
  NOT_ACCESS_TO_TEMPLATE: { source: 'documented', meaning: 'The template is not one of the account’s.' },
  NOT_ACCESS_TO_GROUP: { source: 'documented', meaning: 'The group is not one of the account’s.' },
  CHANNEL_NOT_FOUND: { source: 'documented', meaning: 'The chat channel is not one of the account’s.' },
  NO_ROUTE_AVAILABLE: { source: 'documented', meaning: 'No route to the destination.' },
  NO_CREDITS: { source: 'documented', meaning: 'The balance does not cover the send.' },
  NOT_ACCESS_TO_CONTACT: { source: 'simulator', meaning: 'The contact is not in the group.' },
  INCORRECT_FIELD: { source: 'simulator', meaning: 'A field the group does not have.' },
} as const satisfies Record<string, { source: ErrorCodeSource; meaning: string }>;

/** Every error code the gateway maps (see AFILNET_ERRORS for which ones Afilnet documents). */
export const AFILNET_ERROR_CODES = Object.keys(AFILNET_ERRORS) as (keyof typeof AFILNET_ERRORS)[];

export type AfilnetErrorCode = keyof typeof AFILNET_ERRORS;

/**
 * How a call can fail before Afilnet's envelope says anything. Some say nothing was sent: `unreachable` (no
 * connection could be made), `circuit_open` (the breaker refused to call after repeated failures), `busy` (every
 * connection was taken and the call was not started). The others may have reached Afilnet: `timeout` (no answer by
 * the deadline), `connection_lost` (the connection failed once the request could have been written),
 * `bad_response` (an answer that is not Afilnet's envelope).
 */
export type TransportFailure =
  'timeout' | 'unreachable' | 'connection_lost' | 'bad_response' | 'circuit_open' | 'busy';

/** Whether a call that failed so may have reached Afilnet (and, for a send, gone out). */
export function mayHaveReachedAfilnet(failure: TransportFailure): boolean {
  switch (failure) {
    case 'timeout':
    case 'connection_lost':
    case 'bad_response':
      return true;
    case 'unreachable':
    case 'circuit_open':
    case 'busy':
      return false;
  }
}

export function isKnownAfilnetErrorCode(code: string): code is AfilnetErrorCode {
  return Object.hasOwn(AFILNET_ERRORS, code);
}

/**
 * The one table from Afilnet's error codes to the gateway's (API.md §4). The switch has no default:
 * adding a code to AFILNET_ERROR_CODES without deciding its mapping does not compile.
 */
export function gatewayCodeForAfilnetError(code: AfilnetErrorCode): GatewayErrorCode {
  switch (code) {
    case 'MISSING_COMPULSORY_PARAM':
    case 'INCORRECT_TYPE':
    case 'INCORRECT_TIME_TYPE':
    case 'INCORRECT_FORMAT':
    case 'INCORRECT_OTP_FORMAT':
    case 'MISSING_MAIN_FIELD':
    case 'INCORRECT_FIELD':
    case 'NOT_ACCESS_TO_TEMPLATE':
    case 'NOT_ACCESS_TO_CONTACT':
    case 'NOT_ACCESS_TO_GROUP':
    case 'CHANNEL_NOT_FOUND':
    case 'NO_ROUTE_AVAILABLE':
    case 'NO_CREDITS':
      return code;
    case 'MISSING_USER':
    case 'MISSING_PASSWORD':
    case 'INCORRECT_USER_PASSWORD':
      return 'UPSTREAM_AUTH_FAILED';
    case 'MISSING_CLASS':
    case 'MISSING_METHOD':
    case 'INCORRECT_CLASS':
    case 'INCORRECT_METHOD':
      return 'UPSTREAM_CONTRACT_ERROR';
  }
}

/** Any code Afilnet may send, including ones nobody has documented yet. */
export function gatewayCodeForUpstreamError(code: string): GatewayErrorCode {
  return isKnownAfilnetErrorCode(code) ? gatewayCodeForAfilnetError(code) : 'UPSTREAM_ERROR';
}

export function gatewayCodeForTransportFailure(failure: TransportFailure): GatewayErrorCode {
  switch (failure) {
    case 'timeout':
      return 'UPSTREAM_TIMEOUT';
    case 'unreachable':
    case 'connection_lost':
    case 'circuit_open':
      return 'UPSTREAM_UNAVAILABLE';
    case 'bad_response':
      return 'UPSTREAM_BAD_RESPONSE';
    case 'busy':
      return 'UPSTREAM_BUSY';
  }
}
