import type { AfilnetErrorCode } from './afilnet-error-table.js';

/**
 * How sure we are of an upstream name and its parameters (see shared/afilnet-api/README.md):
 * `documented` — read in Afilnet's parameter table; `partial` — page seen but incomplete;
 * `inferred` — taken from Afilnet's SDKs or patterned on a documented sibling.
 */
export type Confidence = 'documented' | 'partial' | 'inferred';

/**
 * `read` operations change nothing upstream and may be repeated; `send` and `write` operations must never be
 * repeated behind the caller's back (a repeated send is a second message).
 */
export type OperationKind = 'read' | 'send' | 'write';

export interface AfilnetOperation {
  readonly class: string;
  readonly method: string;
  readonly confidence: Confidence;
  readonly kind: OperationKind;
  /** The gateway's parameter name → the Afilnet form field it is sent as. */
  readonly params: Readonly<Record<string, string>>;
  /** Afilnet error codes specific to this method, beyond the common ones every method can answer. */
  readonly errors: readonly AfilnetErrorCode[];
  /**
   * Error codes that are an answer rather than a failure (a rejected one-time code is a normal outcome),
   * with the reason the gateway reports for each.
   */
  readonly answers?: Readonly<Record<string, string>>;
}

/**
 * The one catalog of upstream operations: every Afilnet class, method and parameter name the gateway sends
 * lives here, so a wrong guess about an undocumented method is a one-line fix.
 */
export const AFILNET_OPERATIONS = {
  'otp.generate': {
    class: 'otp',
    method: 'generateotp',
    confidence: 'documented',
    kind: 'send',
    params: {
      type: 'type',
      destination: 'destination',
      validity: 'time',
      validityUnit: 'timetype',
      length: 'length',
      format: 'otpformat',
    },
    errors: [
      'INCORRECT_TYPE',
      'INCORRECT_TIME_TYPE',
      'INCORRECT_FORMAT',
      'INCORRECT_OTP_FORMAT',
      'NO_CREDITS',
    ],
  },
  'otp.verify': {
    class: 'otp',
    method: 'verifyotp',
    confidence: 'partial',
    kind: 'write',
    params: { destination: 'destination', code: 'code' },
    errors: [],
    // How Afilnet signals a rejected code is not documented; these are the codes the simulator answers.
    answers: { INCORRECT_OTP: 'incorrect_code', OTP_EXPIRED: 'expired', OTP_NOT_FOUND: 'not_found' },
  },
  'user.balance': {
    class: 'user',
    method: 'getbalance',
    confidence: 'documented',
    kind: 'read',
    params: {},
    errors: [],
  },
} as const satisfies Record<string, AfilnetOperation>;

export type OperationName = keyof typeof AFILNET_OPERATIONS;

export type ParamValue = string | number | boolean | undefined;

/** The parameters one operation accepts, by the gateway's names; `undefined` values are not sent. */
export type OperationParams<N extends OperationName> = {
  readonly [K in keyof (typeof AFILNET_OPERATIONS)[N]['params']]?: ParamValue;
};

export function operation(name: OperationName): AfilnetOperation {
  return AFILNET_OPERATIONS[name];
}

/** `"class.method"` exactly as sent upstream, e.g. `"otp.generateotp"`. */
export function upstreamName(name: OperationName): string {
  const op = operation(name);
  return `${op.class}.${op.method}`;
}
