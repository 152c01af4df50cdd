import type { DestinationType } from '../../common/validation/destination.validators.js';

/**
 * A one-time code's destination twice over: `exact` is what Afilnet is sent (it keeps one code per destination
 * string), `key` is whose limits it counts against — the number, or the mailbox, however it is spelled.
 */
export interface CodeDestination {
  readonly key: string;
  readonly exact: string;
}

/**
 * Mobile numbers count by their digits; e-mail addresses by their mailbox: lower-case, and without a `+tag` in
 * the local part, which most providers deliver to the same mailbox (`victim+1@x.com` … `victim+6@x.com` must
 * not give six budgets). Without `type` (`POST /v1/otp/verify`) the kind is read from the destination itself.
 */
export function codeDestination(destination: string, type?: DestinationType): CodeDestination {
  const kind = type ?? (destination.includes('@') ? 'email' : 'mobile');
  return {
    key: `${kind}:${kind === 'email' ? mailbox(destination) : digits(destination)}`,
    exact: destination,
  };
}

function digits(number: string): string {
  return number.replace(/\D/g, '');
}

function mailbox(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = lower.slice(0, at);
  const tag = local.indexOf('+');
  // An address that is nothing but a tag ("+x@…") keeps its local part rather than collapse into "@domain".
  const untagged = tag > 0 ? local.slice(0, tag) : local;
  return `${untagged}${lower.slice(at)}`;
}
