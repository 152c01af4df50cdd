import type { GatewayErrorCode } from './error-codes.js';

/**
 * A request the gateway itself refuses (no key, wrong scope, an idempotency conflict …). Thrown by the
 * policies; the problem filter turns it into the code's status.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: GatewayErrorCode,
    readonly detail: string,
    /** Sent as `Retry-After` when the caller may simply try again later. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}
