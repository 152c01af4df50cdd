import type { TransportFailure } from './afilnet-error-table.js';

/** Afilnet answered `status: error` with a code. */
export class AfilnetApiError extends Error {
  override readonly name = 'AfilnetApiError';

  constructor(
    readonly afilnetClass: string,
    readonly afilnetMethod: string,
    readonly code: string,
  ) {
    super(`Afilnet ${afilnetClass}.${afilnetMethod} answered error ${code}`);
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
    /** For `circuit_open`: when the breaker lets a trial call through. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Afilnet ${afilnetClass}.${afilnetMethod}: ${detail}`);
  }
}
