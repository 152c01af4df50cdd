import { AfilnetApiError, AfilnetTransportError } from '../../common/afilnet/afilnet.errors.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { VerificationConfig } from '../../config/configuration.js';

/** Whether a failed `otp.generateotp` certainly sent nothing: Afilnet answered with an error, or was never called. */
export function nothingWasSent(error: unknown): boolean {
  return (
    error instanceof AfilnetApiError ||
    (error instanceof AfilnetTransportError && error.failure === 'circuit_open')
  );
}

/**
 * Whether a failed `otp.generateotp` may have sent the code: the request left and no readable answer came back
 * (a timeout, a reset or refused connection — the transport does not tell them apart —, an unreadable answer).
 */
export function mayHaveSent(error: unknown): error is AfilnetTransportError {
  return error instanceof AfilnetTransportError && error.failure !== 'circuit_open';
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
