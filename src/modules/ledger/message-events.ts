import type { Repositories } from '../../database/repositories/database-transactions.js';
import type { LedgerMessage } from '../../database/repositories/message-ledger.repository.js';
import { eventFor, messageEventPayload } from './message-view.js';

/**
 * Queues the webhook event each status change raises, in the transaction that made the change (so an event is
 * never lost, nor raised for a change that did not commit). The body is built only when an endpoint listens.
 */
export async function raiseEvents(
  { ledger, outbox }: Repositories,
  changed: readonly LedgerMessage[],
  at: number,
): Promise<void> {
  await outbox.enqueueAll(
    changed.flatMap((message) => {
      const type = eventFor(message.status);
      return type === undefined
        ? []
        : [
            {
              caller: message.caller,
              type,
              payload: async () => messageEventPayload(type, at, (await ledger.find(message.id, null))!),
            },
          ];
    }),
  );
}
