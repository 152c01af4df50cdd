import { describeEachDialect } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import { KyselyDatabaseTransactions } from './database-transactions.js';
import { KyselyMessageLedger } from './message-ledger.repository.js';
import { KyselyWebhookEndpoints } from './webhook-endpoints.repository.js';
import { KyselyWebhookOutbox } from './webhook-outbox.repository.js';

describeEachDialect('DatabaseTransactions', (database) => {
  const clock = new ManualClock();
  const options = { storeContent: false };

  async function trackedMessage(): Promise<string> {
    const ledger = new KyselyMessageLedger(database().db, clock, options);
    const [message] = await ledger.insert([
      { channel: 'sms', operation: 'sms.send', caller: 'billing', to: '1' },
    ]);
    await ledger.recordOutcomes([
      {
        id: message.id,
        outcome: 'accepted',
        messageId: '7',
        credits: 1,
        status: 'pending',
        nextCheckAt: clock.now(),
      },
    ]);
    await new KyselyWebhookEndpoints(database().db, clock).create({
      caller: 'billing',
      url: 'https://hooks.internal/a',
      events: ['message.delivered'],
      secret: 'whsec_c2VjcmV0',
    });
    return message.id;
  }

  it('commits a status change and the events it raises together', async () => {
    const id = await trackedMessage();
    const transactions = new KyselyDatabaseTransactions(database().db, clock, options);

    const queued = await transactions.run(async ({ ledger, outbox }) => {
      const [changed] = await ledger.applyTracking([
        { id, status: 'delivered', raw: 'DELIVERED', nextCheckAt: null },
      ]);
      return outbox.enqueue({
        caller: changed.caller,
        type: 'message.delivered',
        payload: JSON.stringify(changed),
      });
    });

    expect(queued).toHaveLength(1);
    expect((await new KyselyMessageLedger(database().db, clock, options).find(id, null))?.status).toBe(
      'delivered',
    );
    expect(
      await new KyselyWebhookOutbox(database().db, clock).claimDue({ limit: 5, leaseMs: 1 }),
    ).toHaveLength(1);
  });

  it('keeps neither when the work fails midway', async () => {
    const id = await trackedMessage();
    const transactions = new KyselyDatabaseTransactions(database().db, clock, options);

    await expect(
      transactions.run(async ({ ledger, outbox }) => {
        await ledger.applyTracking([{ id, status: 'delivered', raw: 'DELIVERED', nextCheckAt: null }]);
        await outbox.enqueue({ caller: 'billing', type: 'message.delivered', payload: '{}' });
        throw new Error('the process died here');
      }),
    ).rejects.toThrow('the process died here');

    expect(await new KyselyMessageLedger(database().db, clock, options).find(id, null)).toMatchObject({
      status: 'pending',
      history: [{ status: 'sending' }, { status: 'pending' }],
    });
    expect(await new KyselyWebhookOutbox(database().db, clock).claimDue({ limit: 5, leaseMs: 1 })).toEqual(
      [],
    );
  });
});
