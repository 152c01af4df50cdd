import { GatewayError } from '../../common/errors/gateway.error.js';

/** A database operation before anything was sent: when the database cannot answer, nothing goes out. */
export async function beforeSending<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError(
      'LEDGER_UNAVAILABLE',
      'The message ledger could not record the send, so nothing was sent. Retry shortly.',
      2,
    );
  }
}
