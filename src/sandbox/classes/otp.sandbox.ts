import { randomInt } from 'node:crypto';
import { constantTimeEqual } from '../sandbox.crypto.js';
import type { SandboxClass, SandboxMethod } from '../sandbox.types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/*
 * The lookup tables are Maps rather than object literals so that a value such as `timetype=constructor`
 * cannot reach Object.prototype.
 */

/** Afilnet does not say how long a month or a year is; fixed lengths keep expiry predictable in tests. */
const TIME_UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['minutes', MINUTE_MS],
  ['hours', 60 * MINUTE_MS],
  ['days', DAY_MS],
  ['weeks', 7 * DAY_MS],
  ['months', 30 * DAY_MS],
  ['years', 365 * DAY_MS],
]);

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHABETS: ReadonlyMap<string, string> = new Map([
  ['all', DIGITS + LETTERS],
  ['numbers', DIGITS],
  ['letters', LETTERS],
]);

/** What each `type` accepts as a destination and costs: a mobile code goes out as one SMS, e-mail is free. */
const OTP_TYPES: ReadonlyMap<string, { readonly destination: RegExp; readonly credits: number }> = new Map([
  ['mobile', { destination: /^\d{8,15}$/, credits: 1 }],
  ['email', { destination: /@/, credits: 0 }],
]);

const MIN_LENGTH = 4;
const MAX_LENGTH = 10;

/** A non-negative decimal integer, or `undefined` for anything else ("1.5", "-1", "1e3", "abc"). */
function parseInteger(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

function randomCode(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

const generateotp: SandboxMethod = {
  required: ['type', 'destination'],
  handle(params, state) {
    const { type, destination } = params;
    const otpType = OTP_TYPES.get(type);
    if (otpType === undefined || !otpType.destination.test(destination)) return { error: 'INCORRECT_TYPE' };
    // Empty optional values count as absent: Afilnet's own example sends `output=`.
    const unitMs = TIME_UNIT_MS.get(params.timetype || 'days');
    const time = parseInteger(params.time || '1');
    if (unitMs === undefined || time === undefined || time < 1) return { error: 'INCORRECT_TIME_TYPE' };
    const length = parseInteger(params.length || '6');
    const alphabet = ALPHABETS.get(params.otpformat || 'all');
    if (length === undefined || length < MIN_LENGTH || length > MAX_LENGTH || alphabet === undefined) {
      return { error: 'INCORRECT_OTP_FORMAT' };
    }

    const { credits } = otpType;
    if (!state.charge(credits)) return { error: 'NO_CREDITS' };
    const code = randomCode(alphabet, length);
    state.savePendingOtp(destination, { code, expiresAt: state.now() + time * unitMs });
    const message = state.recordMessage({
      channel: 'otp',
      destination,
      text: `Your verification code is ${code}`,
      credits,
    });
    // A newer Afilnet page says the code is returned; tests read it here, the gateway must never pass it on.
    return { result: { messageid: message.id, credits, code } };
  },
};

/*
 * Afilnet does not document how a failed verification is signalled. OTP_NOT_FOUND, OTP_EXPIRED and
 * INCORRECT_OTP are this simulator's own error names.
 */
const verifyotp: SandboxMethod = {
  required: ['destination', 'code'],
  handle(params, state) {
    const { destination, code } = params;
    const pending = state.pendingOtp(destination);
    if (pending === undefined) return { error: 'OTP_NOT_FOUND' };
    if (state.now() >= pending.expiresAt) {
      state.deletePendingOtp(destination);
      return { error: 'OTP_EXPIRED' };
    }
    if (!constantTimeEqual(code.toUpperCase(), pending.code.toUpperCase())) return { error: 'INCORRECT_OTP' };
    state.deletePendingOtp(destination);
    return { result: { valid: true } };
  },
};

export const otpSandbox: SandboxClass = { generateotp, verifyotp };
