import { mayHaveReachedAfilnet, type TransportFailure } from './afilnet-error-table.js';

/** What Afilnet's codes look like; only such a value is ever used as a code (in answers, logs and metric labels). */
const CODE_SHAPED = /^[A-Z0-9_]{1,64}$/;

/** The one code that stands for every error text Afilnet sends that is not shaped like a code. */
export const UNRECOGNISED_UPSTREAM_ERROR = 'UNRECOGNISED';

/** How much of an unrecognised error text is kept, after redaction. */
const MAX_DETAIL_LENGTH = 100;

/**
 * An error text cut down to something safe to show and log: one line, no e-mail addresses, no word with a digit in
 * it (numbers, one-time codes, ids), at most `MAX_DETAIL_LENGTH` characters.
 */
function redactedText(text: string): string {
  const redacted = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\S+@\S+/g, '[email]')
    .replace(/[\p{L}\p{N}_+-]*\p{N}[\p{L}\p{N}_-]*/gu, '[number]')
    .replace(/\s+/g, ' ')
    .trim();
  return redacted.length <= MAX_DETAIL_LENGTH ? redacted : `${redacted.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

/**
 * Afilnet answered `status: error`. `code` is always shaped like a code (`[A-Z0-9_]{1,64}`): any other text Afilnet
 * sends becomes `UNRECOGNISED`, and only a redacted, truncated `detail` of it is kept — the text may hold a
 * destination, a code or markup, and one label per distinct string would grow the metrics without bound.
 */
export class AfilnetApiError extends Error {
  override readonly name = 'AfilnetApiError';
  readonly code: string;
  /** For an unrecognised error: what Afilnet said, redacted and truncated. */
  readonly detail?: string;

  constructor(
    readonly afilnetClass: string,
    readonly afilnetMethod: string,
    answered: string,
  ) {
    const recognised = CODE_SHAPED.test(answered);
    const code = recognised ? answered : UNRECOGNISED_UPSTREAM_ERROR;
    super(`Afilnet ${afilnetClass}.${afilnetMethod} answered error ${code}`);
    this.code = code;
    if (!recognised) this.detail = redactedText(answered);
  }

  /** False when Afilnet's text was not shaped like a code. */
  get recognised(): boolean {
    return this.detail === undefined;
  }
}

/**
 * The call failed in transport: no answer, no answer in time, or an answer that is not Afilnet's envelope.
 * It deliberately keeps no reference to the HTTP client's error, whose request config holds the credentials.
 */
export class AfilnetTransportError extends Error {
  override readonly name = 'AfilnetTransportError';

  constructor(
    readonly afilnetClass: string,
    readonly afilnetMethod: string,
    readonly failure: TransportFailure,
    detail: string,
    /** For `circuit_open` and `busy`: when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Afilnet ${afilnetClass}.${afilnetMethod}: ${detail}`);
  }

  /** False when the call certainly never reached Afilnet (so a send certainly sent nothing). */
  get mayHaveReachedAfilnet(): boolean {
    return mayHaveReachedAfilnet(this.failure);
  }
}
