import { describeEachDialect } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import { KyselyBatches, type Batch } from './batches.repository.js';
import { KyselyMessageLedger } from './message-ledger.repository.js';

const START = Date.parse('2026-03-02T10:00:00Z');

describeEachDialect('Batches', (database) => {
  let clock: ManualClock;
  let batches: KyselyBatches;
  let ledger: KyselyMessageLedger;

  beforeEach(() => {
    clock = new ManualClock(START);
    batches = new KyselyBatches(database().db, clock);
    ledger = new KyselyMessageLedger(database().db, clock, { storeContent: false });
  });

  /** A batch of SMS to `destinations`, queued as the service queues one. */
  async function queue(destinations: string[], caller: string | null = 'marketing'): Promise<Batch> {
    const batch = await batches.create({
      caller,
      channel: 'sms',
      operation: 'sms.send',
      total: destinations.length,
      requestId: 'req-1',
      idempotencyKey: null,
      scheduledAt: null,
    });
    const messages = await ledger.insert(
      destinations.map((to) => ({ channel: 'sms', operation: 'sms.send', caller, to, batchId: batch.id })),
      'queued',
    );
    await batches.addRecipients(
      batch.id,
      messages.map((message) => ({
        messageId: message.id,
        params: { from: 'Shop', to: message.to, sms: `Hello ${message.to}` },
        estimatedCredits: 1,
      })),
    );
    clock.advance(1);
    return batch;
  }

  it('hands each queued recipient out once, oldest first, written sending with what it is to be sent', async () => {
    const batch = await queue(['34600000001', '34600000002', '34600000003']);

    const first = await batches.claimRecipients(2);
    const second = await batches.claimRecipients(2);
    const third = await batches.claimRecipients(2);

    expect(first.map((claimed) => [claimed.message.to, claimed.message.status, claimed.operation])).toEqual([
      ['34600000001', 'sending', 'sms.send'],
      ['34600000002', 'sending', 'sms.send'],
    ]);
    expect(first[0].params).toEqual({ from: 'Shop', to: '34600000001', sms: 'Hello 34600000001' });
    expect(second.map((claimed) => claimed.message.to)).toEqual(['34600000003']);
    expect(third).toEqual([]);
    // Claimed is sent once or never: what it was to be sent is not kept any longer.
    expect(await database().db.selectFrom('batch_recipients').selectAll().execute()).toEqual([]);
    expect((await batches.find(batch.id, null))?.status).toBe('sending');
    expect((await ledger.find(first[0].message.id, null))?.history.map((change) => change.status)).toEqual([
      'queued',
      'sending',
    ]);
  });

  it('gives each recipient to one of several claims at once (instances on PostgreSQL, one SQLite instance)', async () => {
    const destinations = Array.from({ length: 60 }, (_, index) => `3460000${String(index).padStart(4, '0')}`);
    await queue(destinations);
    // Several instances need PostgreSQL; on SQLite one instance claims over its one connection.
    const connect = () => (database().dialect === 'postgres' ? database().connect() : database().db);
    const others = [connect(), connect()].map((connection) => new KyselyBatches(connection, clock));

    const claims = await Promise.all(
      [batches, ...others, batches, ...others].map((repository) => repository.claimRecipients(10)),
    );

    const claimed = claims.flat().map((recipient) => recipient.message.to);
    expect(claimed.sort()).toEqual(destinations);
  });

  it('grants send slots only up to the pace, however many connections ask at once', async () => {
    const others = [database().connect(), database().connect()].map(
      (connection) => new KyselyBatches(connection, clock),
    );
    // 10 ms slots, 5 at a time, up to 100 ms of unused pace taken back: 15 slots (150 ms) are free now.
    const asks = await Promise.all(
      [batches, ...others, batches, ...others, batches, ...others].map((repository) =>
        repository.reserveSlots(5, 10, 100),
      ),
    );
    const granted = asks.filter((ask) => ask.granted).length;
    const refused = asks.find((ask) => !ask.granted);

    expect(granted).toBe(3);
    expect(refused).toEqual({ granted: false, nextAt: START + 50 });
    await batches.returnSlots(5, 10);
    expect(await batches.reserveSlots(5, 10, 100)).toEqual({ granted: true });
    expect(await batches.reserveSlots(5, 10, 100)).toEqual({ granted: false, nextAt: START + 50 });
    clock.advance(50);
    expect(await batches.reserveSlots(5, 10, 100)).toEqual({ granted: true });
  });

  it('sends nothing of a paused batch until it is resumed, and puts refused recipients back in the queue', async () => {
    const batch = await queue(['34600000001', '34600000002']);
    const [claimed] = await batches.claimRecipients(1);

    await batches.requeue([claimed]);
    expect(await batches.pause(batch.id, 'NO_CREDITS')).toBe(true);
    expect(await batches.hasQueuedRecipients()).toBe(false);
    expect(await batches.claimRecipients(5)).toEqual([]);
    const paused = await batches.find(batch.id, null);
    const resumed = await batches.resume(batch.id, 'marketing');

    expect([paused?.status, paused?.reason, paused?.counts.byStatus]).toEqual([
      'paused',
      'NO_CREDITS',
      { queued: 2 },
    ]);
    expect([resumed?.status, resumed?.reason]).toEqual(['queued', null]);
    const again = await batches.claimRecipients(5);
    expect(again.map((recipient) => recipient.message.to)).toEqual(['34600000001', '34600000002']);
    expect(again[0].params).toEqual(claimed.params);
  });

  it('cancels a recipient put back in the queue after its batch was canceled, instead of queuing it', async () => {
    const batch = await queue(['34600000001']);
    const [claimed] = await batches.claimRecipients(1);

    await batches.cancel(batch.id, null);
    await batches.requeue([claimed]);

    expect((await batches.find(batch.id, null))?.counts.byStatus).toEqual({ canceled: 1 });
    expect(await database().db.selectFrom('batch_recipients').selectAll().execute()).toEqual([]);
  });

  it('cancels what is not sent yet, and completes a batch once nothing is left waiting or being sent', async () => {
    const canceled = await queue(['34600000001', '34600000002', '34600000003']);
    const finishing = await queue(['34600000004']);
    const [sending] = await batches.claimRecipients(1);

    const afterCancel = await batches.cancel(canceled.id, 'marketing');
    const stillSending = await batches.completeFinished();
    await ledger.recordOutcomes([
      {
        id: sending.message.id,
        outcome: 'accepted',
        messageId: '1',
        credits: 1.5,
        status: 'pending',
        nextCheckAt: null,
      },
    ]);
    const [last] = await batches.claimRecipients(5);
    await ledger.recordOutcomes([
      { id: last.message.id, outcome: 'rejected', errorCode: 'NO_ROUTE_AVAILABLE' },
    ]);
    const completed = await batches.completeFinished();

    expect(afterCancel?.status).toBe('canceled');
    expect(afterCancel?.counts.byStatus).toEqual({ sending: 1, canceled: 2 });
    expect(stillSending).toEqual([]);
    expect(completed.map((batch) => [batch.id, batch.status])).toEqual([[finishing.id, 'completed']]);
    expect((await batches.find(canceled.id, null))?.counts).toEqual({
      byStatus: { pending: 1, canceled: 2 },
      credits: 1.5,
    });
  });

  it('shows a batch only to its caller (null: to anyone), and finds it again by its idempotency key', async () => {
    const mine = await batches.create({
      caller: 'marketing',
      channel: 'voice',
      operation: 'voice.send',
      total: 0,
      requestId: null,
      idempotencyKey: 'key-1',
      scheduledAt: null,
    });

    expect(await batches.find(mine.id, 'billing')).toBeUndefined();
    expect((await batches.find(mine.id, null))?.id).toBe(mine.id);
    expect((await batches.findByIdempotencyKey('marketing', 'key-1'))?.id).toBe(mine.id);
    expect(await batches.findByIdempotencyKey('billing', 'key-1')).toBeUndefined();
    expect((await batches.list({ visibleTo: 'billing', limit: 10 })).items).toEqual([]);
    expect(
      (await batches.list({ visibleTo: 'marketing', limit: 10 })).items.map((batch) => batch.id),
    ).toEqual([mine.id]);
  });
});
