import { AfilnetTransportError } from '../afilnet/afilnet.errors.js';
import type { GatewayErrorCode } from '../errors/error-codes.js';

/**
 * Refusals that come before the request does its work: nothing was sent, and the same request may succeed when
 * retried (once the limit's window moves, the store answers again, a connection frees up …).
 */
const REFUSED_BEFORE_WORK: ReadonlySet<GatewayErrorCode> = new Set<GatewayErrorCode>([
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'TOO_MANY_VERIFICATIONS',
  'OTP_ATTEMPTS_EXHAUSTED',
  'CREDIT_BUDGET_EXCEEDED',
  'STATE_STORE_UNAVAILABLE',
  'LEDGER_UNAVAILABLE',
  'UPSTREAM_BUSY',
  'NOT_READY',
]);

/**
 * Whether a failed request's outcome is kept for its `Idempotency-Key` (Stripe's rule: only when the request did
 * its work or may have). A refusal before the work — validation, a limit or credit budget, a store, the ledger or a
 * connection that could not be had, an open circuit — is not kept: its claim is released so that a correct retry
 * can send. An outcome that may have gone out — a timeout, a connection lost after the request left, an unreadable
 * answer, a send that may have happened — is kept and replayed as such, and so are Afilnet's own answers
 * (`NO_CREDITS` …), which are real outcomes of a call that was made.
 */
export function keepsOutcome(error: unknown, code: GatewayErrorCode): boolean {
  if (error instanceof AfilnetTransportError) return error.mayHaveReachedAfilnet;
  return !REFUSED_BEFORE_WORK.has(code);
}
