import { field, numberOrNull, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import { AfilnetApiError, AfilnetTransportError } from '../../common/afilnet/afilnet.errors.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { VerificationConfig } from '../../config/configuration.js';
import type { LedgerEntry, SingleSendResult } from '../ledger/send-ledger.service.js';

/**
 * Whether a failed `otp.generateotp` certainly sent nothing: Afilnet answered with an error, or was never reached
 * — the circuit breaker was open, every connection was busy, no connection could be made, or the gateway refused
 * first (the ledger could not record the send, or it would pass the caller's credit budget).
 */
export function nothingWasSent(error: unknown): boolean {
  return (
    error instanceof AfilnetApiError ||
    error instanceof GatewayError ||
    (error instanceof AfilnetTransportError && !error.mayHaveReachedAfilnet)
  );
}

/** A code's send as the ledger records it: the destination only — the code itself is never stored. */
export function codeLedgerEntry(request: {
  readonly type: 'mobile' | 'email';
  readonly destination: string;
}): LedgerEntry {
  return {
    operation: 'otp.generate',
    to: request.destination,
    estimatedCredits: request.type === 'mobile' ? 1 : 0,
  };
}

/** Afilnet's answer to a code's send; whatever code it may echo is not read. */
export type CodeSent = SingleSendResult & { readonly id: string };

export function readCodeSent(result: unknown): SingleSendResult {
  return {
    messageId: stringOrNull(field(result, 'messageid')),
    credits: numberOrNull(field(result, 'credits')),
  };
}

/**
 * Whether a failed `otp.generateotp` may have sent the code: the request may have left and no readable answer came
 * back (a timeout, a connection lost once the request could have been written, an unreadable answer).
 */
export function mayHaveSent(error: unknown): error is AfilnetTransportError {
  return error instanceof AfilnetTransportError && error.mayHaveReachedAfilnet;
}

/** The per-destination send limit, shared by `POST /v1/otp` and verification starts. */
export function tooManyCodes(retryAfterMs: number, limits: VerificationConfig): GatewayError {
  return new GatewayError(
    'TOO_MANY_VERIFICATIONS',
    `At most ${limits.maxStarts} one-time codes per destination in any ${limits.windowMinutes} minutes ` +
      '(POST /v1/otp and verifications count together).',
    Math.max(1, Math.ceil(retryAfterMs / 1000)),
  );
}
