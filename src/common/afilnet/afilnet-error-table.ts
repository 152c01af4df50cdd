import type { GatewayErrorCode } from '../errors/error-codes.js';

/** Every error code Afilnet documents (common codes plus the method-specific ones). */
export const AFILNET_ERROR_CODES = [
  'MISSING_USER',
  'MISSING_PASSWORD',
  'MISSING_CLASS',
  'MISSING_METHOD',
  'MISSING_COMPULSORY_PARAM',
  'INCORRECT_USER_PASSWORD',
  'INCORRECT_CLASS',
  'INCORRECT_METHOD',
  'INCORRECT_TIME_TYPE',
  'INCORRECT_TYPE',
  'INCORRECT_FORMAT',
  'INCORRECT_OTP_FORMAT',
  'MISSING_MAIN_FIELD',
  'NOT_ACCESS_TO_TEMPLATE',
  'NOT_ACCESS_TO_GROUP',
  'CHANNEL_NOT_FOUND',
  'NO_ROUTE_AVAILABLE',
  'NO_CREDITS',
  // Not documented by Afilnet: the simulator's answers for an unknown contact or field of a group, named in
  // Afilnet's style. Mapped here so that a caller's mistake is a 4xx, not a 502.
  'NOT_ACCESS_TO_CONTACT',
  'INCORRECT_FIELD',
] as const;

export type AfilnetErrorCode = (typeof AFILNET_ERROR_CODES)[number];

/**
 * How a call can fail before Afilnet's envelope says anything; `circuit_open` is the breaker refusing to
 * call at all after repeated failures.
 */
export type TransportFailure = 'timeout' | 'unreachable' | 'bad_response' | 'circuit_open';

const KNOWN = new Set<string>(AFILNET_ERROR_CODES);

export function isKnownAfilnetErrorCode(code: string): code is AfilnetErrorCode {
  return KNOWN.has(code);
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
    case 'circuit_open':
      return 'UPSTREAM_UNAVAILABLE';
    case 'bad_response':
      return 'UPSTREAM_BAD_RESPONSE';
  }
}
