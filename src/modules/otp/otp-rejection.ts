import { AFILNET_OPERATIONS } from '../../common/afilnet/afilnet-operations.js';
import { AfilnetApiError } from '../../common/afilnet/afilnet.errors.js';

export const UPSTREAM_REJECTION_REASONS = ['incorrect_code', 'expired', 'not_found', 'rejected'] as const;
export type UpstreamRejectionReason = (typeof UPSTREAM_REJECTION_REASONS)[number];

export interface OtpRejection {
  readonly reason: UpstreamRejectionReason;
  /** Afilnet's error code; null when what it sent is not shaped like a code (`AfilnetApiError` never keeps it). */
  readonly upstreamCode: string | null;
}

const KNOWN: ReadonlyMap<string, UpstreamRejectionReason> = new Map(
  Object.entries(AFILNET_OPERATIONS['otp.verify'].answers) as [string, UpstreamRejectionReason][],
);

/** Errors about the request or the account rather than the code: the call failed, nothing was judged. */
const PROTOCOL_ERRORS: ReadonlySet<string> = new Set([
  'INCORRECT_USER_PASSWORD',
  'INCORRECT_CLASS',
  'INCORRECT_METHOD',
]);

/**
 * Whether an `otp.verifyotp` failure is a rejected code — the one place that decides it, for `POST /v1/otp/verify`
 * and verification checks alike. Afilnet does not document how it signals a wrong code, so this fails closed:
 * every Afilnet error except the protocol and account ones (`MISSING_*`, `INCORRECT_USER_PASSWORD`,
 * `INCORRECT_CLASS`, `INCORRECT_METHOD`) is a rejection, so that an unknown answer can never approve a code nor
 * turn a wrong code into a 5xx that spends no attempt. Transport failures stay failures (`undefined`).
 */
export function otpRejection(error: unknown): OtpRejection | undefined {
  if (!(error instanceof AfilnetApiError)) return undefined;
  const { code } = error;
  if (code.startsWith('MISSING_') || PROTOCOL_ERRORS.has(code)) return undefined;
  return {
    reason: KNOWN.get(code) ?? 'rejected',
    upstreamCode: error.recognised ? code : null,
  };
}
