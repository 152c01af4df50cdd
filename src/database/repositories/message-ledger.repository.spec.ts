import { createHash } from 'node:crypto';
import { describeEachDialect, StatementCounter } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import { InvalidCursorError } from '../pagination.js';
import { KyselyMessageLedger, type LedgerMessage, type NewMessage } from './message-ledger.repository.js';

const START = Date.parse('2026-03-02T10:00:00Z');

function sms(to: string, overrides: Partial<NewMessage> = {}): NewMessage {
  return {
    channel: 'sms',
    operation: 'sms.send',
    caller: 'billing',
    to,
    content: 'Hello',
    segments: 1,
    ...overrides,
  };
}

describeEachDialect('MessageLedger', (database) => {
  let clock: ManualClock;
  let ledger: KyselyMessageLedger;

  beforeEach(() => {
    clock = new ManualClock(START);
    ledger = new KyselyMessageLedger(database().db, clock, { storeContent: false });
  });

  /** Sends and accepts one message per destination, one millisecond apart. */
  async function accepted(
    destinations: string[],
    overrides: Partial<NewMessage> = {},
  ): Promise<LedgerMessage[]> {
    const messages: LedgerMessage[] = [];
    for (const [index, to] of destinations.entries()) {
      const [message] = await ledger.insert([sms(to, overrides)]);
      const [sent] = await ledger.recordOutcomes([
        {
          id: message.id,
          outcome: 'accepted',
          messageId: `afil-${to}-${index}`,
          credits: 1,
          status: 'pending',
          nextCheckAt: clock.now() + 10_000,
        },
      ]);
      messages.push(sent);
      clock.advance(1);
    }
    return messages;
  }

  describe('insert', () => {
    it('writes each message as sending, with its first history entry, and answers them in order', async () => {
      const inserted = await ledger.insert([
        sms('34600000001', { requestId: 'req-1', idempotencyKey: 'key-1', scheduledAt: START + 60_000 }),
        sms('34600000002', {
          batchId: 'bat_1',
          templateId: '7',
          templateParams: { name: 'Ana' },
          content: null,
        }),
      ]);

      expect(inserted.map((message) => message.to)).toEqual(['34600000001', '34600000002']);
      expect(inserted[0].id < inserted[1].id).toBe(true);
      expect(inserted[0].id).toMatch(/^msg_[0-9A-Z]{26}$/);
      const found = await ledger.find(inserted[0].id, null);
      expect(found).toEqual({
        id: inserted[0].id,
        channel: 'sms',
        operation: 'sms.send',
        caller: 'billing',
        requestId: 'req-1',
        idempotencyKey: 'key-1',
        batchId: null,
        to: '34600000001',
        messageId: null,
        status: 'sending',
        errorCode: null,
        credits: null,
        segments: 1,
        content: null,
        contentLength: 5,
        contentSha256: createHash('sha256').update('Hello').digest('hex'),
        templateId: null,
        templateParams: null,
        scheduledAt: START + 60_000,
        createdAt: START,
        sentAt: null,
        deliveredAt: null,
        updatedAt: START,
        nextCheckAt: null,
        checkCount: 0,
        history: [{ status: 'sending', at: START, raw: null }],
      });
      expect(await ledger.find(inserted[1].id, null)).toMatchObject({
        batchId: 'bat_1',
        templateId: '7',
        templateParams: null,
        contentLength: null,
      });
    });

    it('keeps texts and template params only when content storage is on', async () => {
      const storing = new KyselyMessageLedger(database().db, clock, { storeContent: true });
      const [text, template] = await storing.insert([
        sms('34600000001', { content: 'Your order shipped' }),
        sms('34600000002', { content: null, templateId: '7', templateParams: { name: 'Ana' } }),
      ]);

      expect(await storing.find(text.id, null)).toMatchObject({
        content: 'Your order shipped',
        contentLength: 18,
      });
      expect(await storing.find(template.id, null)).toMatchObject({ templateParams: { name: 'Ana' } });
    });

    it('can queue batch recipients instead', async () => {
      const [queued] = await ledger.insert([sms('34600000001', { batchId: 'bat_1' })], 'queued');

      expect(await ledger.find(queued.id, null)).toMatchObject({
        status: 'queued',
        history: [{ status: 'queued', at: START, raw: null }],
      });
    });

    it('writes 10 000 messages, and then their answers, in chunked statements', async () => {
      const counter = new StatementCounter();
      const counted = new KyselyMessageLedger(database().db.withPlugin(counter), clock, {
        storeContent: false,
      });
      const destinations = Array.from(
        { length: 10_000 },
        (_, index) => `34600${String(index).padStart(6, '0')}`,
      );

      const inserted = await counted.insert(destinations.map((to) => sms(to)));
      const inserts = counter.count;
      const recorded = await counted.recordOutcomes(
        inserted.map((message, index) =>
          index % 100 === 0
            ? { id: message.id, outcome: 'rejected' as const, errorCode: 'NO_ROUTE_AVAILABLE' }
            : {
                id: message.id,
                outcome: 'accepted' as const,
                messageId: String(index),
                credits: 1.5,
                status: 'pending' as const,
                nextCheckAt: START + 10_000,
              },
        ),
      );

      expect(inserted).toHaveLength(10_000);
      expect(new Set(inserted.map((message) => message.id)).size).toBe(10_000);
      // 20 chunks of 500 messages, each with its 500 history entries.
      expect(inserts).toBe(40);
      expect(counter.count - inserts).toBe(40);
      expect(recorded.map((message) => message.id)).toEqual(inserted.map((message) => message.id));
      expect(recorded[1]).toMatchObject({ status: 'pending', messageId: '1', credits: 1.5, sentAt: START });
      expect(recorded[100]).toMatchObject({
        status: 'rejected',
        errorCode: 'NO_ROUTE_AVAILABLE',
        sentAt: null,
      });
      const newest = await ledger.find(inserted[9_999].id, null);
      expect(newest?.history.map((entry) => entry.status)).toEqual(['sending', 'pending']);
    });

    it('writes nothing when one of the messages cannot be written', async () => {
      const messages = [sms('34600000001'), sms(null as unknown as string), sms('34600000003')];

      // Not `rejects.toThrow()`: when an e2e suite loaded better-sqlite3 natively in the same jest worker first, its
      // errors come from the main realm, which jest's toThrow does not recognise as errors.
      const failure = await ledger.insert(messages).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failure).toMatchObject({ message: expect.stringMatching(/null/i) });

      expect((await ledger.list({ visibleTo: null, limit: 10 })).items).toEqual([]);
    });
  });

  describe('recordOutcomes', () => {
    it("records Afilnet's acceptance and refusal, with history", async () => {
      const [first, second, third] = await ledger.insert([sms('1'), sms('2'), sms('3')]);
      clock.advance(250);

      const changed = await ledger.recordOutcomes([
        {
          id: first.id,
          outcome: 'accepted',
          messageId: '9001',
          credits: 2,
          status: 'pending',
          nextCheckAt: START + 10_250,
        },
        {
          id: second.id,
          outcome: 'accepted',
          messageId: '9002',
          credits: null,
          status: 'scheduled',
          nextCheckAt: START + 99_000,
        },
        { id: third.id, outcome: 'rejected', errorCode: 'NO_ROUTE_AVAILABLE' },
      ]);

      expect(changed.map((message) => [message.id, message.status])).toEqual([
        [first.id, 'pending'],
        [second.id, 'scheduled'],
        [third.id, 'rejected'],
      ]);
      expect(await ledger.find(first.id, null)).toMatchObject({
        status: 'pending',
        messageId: '9001',
        credits: 2,
        sentAt: START + 250,
        nextCheckAt: START + 10_250,
        history: [
          { status: 'sending', at: START, raw: null },
          { status: 'pending', at: START + 250, raw: null },
        ],
      });
      expect(await ledger.find(third.id, null)).toMatchObject({
        status: 'rejected',
        errorCode: 'NO_ROUTE_AVAILABLE',
        messageId: null,
        sentAt: null,
        nextCheckAt: null,
      });
    });

    it('changes only messages still sending (or unknown: a late answer is still the truth)', async () => {
      const [message, lost] = await ledger.insert([sms('1'), sms('2')]);
      await ledger.recordOutcomes([{ id: message.id, outcome: 'rejected', errorCode: 'NO_CREDITS' }]);
      clock.advance(120_000);
      await ledger.recoverInterruptedSends(clock.now() - 60_000);

      const changed = await ledger.recordOutcomes([
        {
          id: message.id,
          outcome: 'accepted',
          messageId: '1',
          credits: 1,
          status: 'pending',
          nextCheckAt: 0,
        },
        { id: lost.id, outcome: 'accepted', messageId: '2', credits: 1, status: 'pending', nextCheckAt: 0 },
      ]);

      expect(changed.map((row) => row.id)).toEqual([lost.id]);
      expect(await ledger.find(message.id, null)).toMatchObject({ status: 'rejected', messageId: null });
      expect((await ledger.find(lost.id, null))?.history.map((entry) => entry.status)).toEqual([
        'sending',
        'unknown',
        'pending',
      ]);
    });
  });

  describe('uncertain outcomes and group sends', () => {
    it('records a send that may or may not have gone out as unknown, untracked, with the failure kept', async () => {
      const [message] = await ledger.insert([sms('34600000001')]);
      clock.advance(5);
      const [changed] = await ledger.recordOutcomes([
        { id: message.id, outcome: 'unknown', errorCode: 'UPSTREAM_TIMEOUT' },
      ]);

      expect(changed).toMatchObject({ status: 'unknown', errorCode: 'UPSTREAM_TIMEOUT', nextCheckAt: null });
      expect((await ledger.find(message.id, null))!.history.map((entry) => entry.status)).toEqual([
        'sending',
        'unknown',
      ]);
    });

    it('accepts a send without a message id or tracking (channels without a delivery status)', async () => {
      const [message] = await ledger.insert([sms('34600000001', { channel: 'whatsapp' })]);
      const [changed] = await ledger.recordOutcomes([
        {
          id: message.id,
          outcome: 'accepted',
          messageId: null,
          credits: 1,
          status: 'pending',
          nextCheckAt: null,
        },
      ]);
      clock.advance(60_000);

      expect(changed).toMatchObject({ status: 'pending', messageId: null, nextCheckAt: null });
      expect(await ledger.claimForTracking({ limit: 100, leaseMs: 1000 })).toEqual([]);
    });

    it('expands a group send into one message per destination, with the origin and history of the send', async () => {
      const [group] = await ledger.insert([
        sms('group:1', { operation: 'sms.sendToGroup', requestId: 'req-9', idempotencyKey: 'k-9' }),
      ]);
      clock.advance(50);
      const expanded = await ledger.expandGroupSend(
        group.id,
        [
          { to: '34600000001', messageId: '11', credits: 1 },
          { to: '34600000002', messageId: '12', credits: 1 },
          { to: '34600000003', messageId: '13', credits: 1 },
        ],
        'pending',
        clock.now() + 10_000,
      );

      expect(expanded.map((message) => [message.to, message.messageId, message.status])).toEqual([
        ['34600000001', '11', 'pending'],
        ['34600000002', '12', 'pending'],
        ['34600000003', '13', 'pending'],
      ]);
      expect(expanded[0].id).toBe(group.id);
      expect(new Set(expanded.map((message) => message.id)).size).toBe(3);
      for (const message of expanded) {
        expect(message).toMatchObject({
          operation: 'sms.sendToGroup',
          requestId: 'req-9',
          idempotencyKey: 'k-9',
          caller: 'billing',
          createdAt: START,
          sentAt: START + 50,
          nextCheckAt: START + 50 + 10_000,
        });
        const found = await ledger.find(message.id, null);
        expect(found!.history.map((entry) => [entry.status, entry.at])).toEqual([
          ['sending', START],
          ['pending', START + 50],
        ]);
      }
    });

    it('leaves a group send alone once it is no longer sending', async () => {
      const [group] = await ledger.insert([sms('group:1', { operation: 'sms.sendToGroup' })]);
      await ledger.recordOutcomes([{ id: group.id, outcome: 'rejected', errorCode: 'NO_CREDITS' }]);

      expect(
        await ledger.expandGroupSend(
          group.id,
          [{ to: '34600000001', messageId: '1', credits: 1 }],
          'pending',
          1,
        ),
      ).toEqual([]);
      expect((await ledger.list({ visibleTo: null, limit: 10 })).items).toHaveLength(1);
    });
  });

  describe('find', () => {
    it('shows a message to its caller and to whoever sees all, never to another caller', async () => {
      const [message] = await ledger.insert([sms('1', { caller: 'billing' })]);

      expect(await ledger.find(message.id, 'billing')).toBeDefined();
      expect(await ledger.find(message.id, null)).toBeDefined();
      expect(await ledger.find(message.id, 'marketing')).toBeUndefined();
      expect(await ledger.find('msg_01KJ0000000000000000000000', null)).toBeUndefined();
    });
  });

  describe('list', () => {
    it('pages through every message newest first, and the last page has no cursor', async () => {
      const sent = await accepted(['1', '2', '3', '4', '5']);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await ledger.list({ visibleTo: null, limit: 2, cursor });
        seen.push(...page.items.map((message) => message.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined);

      expect(pages).toBe(3);
      expect(seen).toEqual(sent.map((message) => message.id).reverse());
    });

    it('goes on where it was when newer messages arrive between pages', async () => {
      const sent = await accepted(['1', '2', '3']);
      const first = await ledger.list({ visibleTo: null, limit: 2 });
      await accepted(['4']);

      const second = await ledger.list({ visibleTo: null, limit: 2, cursor: first.nextCursor! });

      expect(second.items.map((message) => message.id)).toEqual([sent[0].id]);
      expect(second.nextCursor).toBeNull();
    });

    it('filters by caller visibility, channel, status, destination, batch and creation time', async () => {
      const [a] = await accepted(['34600000001']);
      const [b] = await accepted(['34600000002'], { caller: 'marketing', batchId: 'bat_7' });
      const [c] = await accepted(['ana@example.com'], { channel: 'email', operation: 'email.send' });
      const [d] = await ledger.insert([sms('34600000001')]);
      const ids = async (query: Partial<Parameters<typeof ledger.list>[0]>) =>
        (await ledger.list({ visibleTo: null, limit: 50, ...query })).items.map((message) => message.id);

      expect(await ids({ visibleTo: 'billing' })).toEqual([d.id, c.id, a.id]);
      expect(await ids({ visibleTo: 'marketing' })).toEqual([b.id]);
      expect(await ids({ channel: 'email' })).toEqual([c.id]);
      expect(await ids({ status: 'sending' })).toEqual([d.id]);
      expect(await ids({ to: '34600000001' })).toEqual([d.id, a.id]);
      expect(await ids({ batchId: 'bat_7' })).toEqual([b.id]);
      expect(await ids({ since: b.createdAt, until: c.createdAt })).toEqual([b.id]);
      expect(await ids({ since: c.createdAt })).toEqual([d.id, c.id]);
    });

    it('refuses a cursor it did not hand out', async () => {
      for (const cursor of ['not a cursor', Buffer.from('msg_short').toString('base64url'), '']) {
        await expect(ledger.list({ visibleTo: null, limit: 5, cursor })).rejects.toThrow(InvalidCursorError);
      }
    });

    it('clamps the page size to 1…200', async () => {
      await ledger.insert(Array.from({ length: 205 }, (_, index) => sms(String(index))));

      expect((await ledger.list({ visibleTo: null, limit: 1000 })).items).toHaveLength(200);
      expect((await ledger.list({ visibleTo: null, limit: 0 })).items).toHaveLength(1);
    });
  });

  describe('recoverInterruptedSends', () => {
    it('turns only sends older than the deadline unknown, with history', async () => {
      const [old] = await ledger.insert([sms('1')]);
      const [answered] = await accepted(['2']);
      clock.advance(30_000);
      const [recent] = await ledger.insert([sms('3')]);
      clock.advance(1_000);

      const recovered = await ledger.recoverInterruptedSends(START + 20_000);

      expect(recovered).toBe(1);
      expect(await ledger.find(old.id, null)).toMatchObject({
        status: 'unknown',
        history: [
          { status: 'sending', at: START },
          { status: 'unknown', at: START + 31_001 },
        ],
      });
      expect((await ledger.find(recent.id, null))?.status).toBe('sending');
      expect((await ledger.find(answered.id, null))?.status).toBe('pending');
    });
  });

  describe('delivery tracking', () => {
    it('claims due tracked messages once per lease, oldest first, by channel if asked', async () => {
      const due = await accepted(['1', '2', '3']);
      const [email] = await accepted(['ana@example.com'], { channel: 'email' });
      const [rejected] = await ledger.insert([sms('4')]);
      await ledger.recordOutcomes([{ id: rejected.id, outcome: 'rejected', errorCode: 'NO_CREDITS' }]);
      const [notYet] = await ledger.insert([sms('5')]);
      await ledger.recordOutcomes([
        {
          id: notYet.id,
          outcome: 'accepted',
          messageId: 'x',
          credits: 1,
          status: 'scheduled',
          nextCheckAt: START + 3_600_000,
        },
      ]);
      clock.set(START + 20_000);

      const claimed = await ledger.claimForTracking({ limit: 2, leaseMs: 60_000, channel: 'sms' });
      const rest = await ledger.claimForTracking({ limit: 10, leaseMs: 60_000 });
      const again = await ledger.claimForTracking({ limit: 10, leaseMs: 60_000 });
      clock.advance(60_000);
      const afterLease = await ledger.claimForTracking({ limit: 10, leaseMs: 60_000 });

      expect(claimed.map((message) => message.id)).toEqual([due[0].id, due[1].id]);
      expect(claimed[0].nextCheckAt).toBe(START + 80_000);
      expect(rest.map((message) => message.id)).toEqual([due[2].id, email.id]);
      expect(again).toEqual([]);
      expect(afterLease.map((message) => message.id)).toEqual([...due, email].map((message) => message.id));
    });

    it('hands each due message to exactly one of several instances claiming at once', async () => {
      const total = 300;
      const inserted = await ledger.insert(Array.from({ length: total }, (_, index) => sms(String(index))));
      await ledger.recordOutcomes(
        inserted.map((message, index) => ({
          id: message.id,
          outcome: 'accepted' as const,
          messageId: String(index),
          credits: 1,
          status: 'pending' as const,
          nextCheckAt: START,
        })),
      );
      const instances = Array.from(
        { length: 6 },
        () => new KyselyMessageLedger(database().connect(), clock, { storeContent: false }),
      );

      const claims = await Promise.all(
        instances.map(async (instance) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await instance.claimForTracking({ limit: 7, leaseMs: 60_000 });
            if (batch.length === 0) return mine;
            mine.push(...batch.map((message) => message.id));
          }
        }),
      );

      const all = claims.flat();
      expect(all).toHaveLength(total);
      expect(new Set(all).size).toBe(total);
    });

    it('applies what a check found: new statuses with history, the same status only counted', async () => {
      const [delivered, stillPending, failed, expired] = await accepted(['1', '2', '3', '4']);
      clock.set(START + 20_000);

      const changed = await ledger.applyTracking([
        {
          id: delivered.id,
          status: 'delivered',
          raw: 'DELIVERED',
          deliveredAt: START + 15_000,
          nextCheckAt: START + 99,
        },
        { id: stillPending.id, status: 'pending', raw: 'PENDING', nextCheckAt: START + 40_000 },
        { id: failed.id, status: 'failed', raw: 'FAILED', nextCheckAt: null },
        { id: expired.id, status: 'expired', raw: null, nextCheckAt: null },
      ]);

      expect(changed.map((message) => [message.id, message.status])).toEqual([
        [delivered.id, 'delivered'],
        [failed.id, 'failed'],
        [expired.id, 'expired'],
      ]);
      expect(await ledger.find(delivered.id, null)).toMatchObject({
        status: 'delivered',
        deliveredAt: START + 15_000,
        nextCheckAt: null,
        checkCount: 1,
        history: [
          { status: 'sending', raw: null },
          { status: 'pending', raw: null },
          { status: 'delivered', at: START + 20_000, raw: 'DELIVERED' },
        ],
      });
      expect(await ledger.find(stillPending.id, null)).toMatchObject({
        status: 'pending',
        nextCheckAt: START + 40_000,
        checkCount: 1,
        history: [{ status: 'sending' }, { status: 'pending' }],
      });
    });

    it('never changes a final message again', async () => {
      const [message] = await accepted(['1']);
      await ledger.applyTracking([{ id: message.id, status: 'failed', raw: 'FAILED', nextCheckAt: null }]);

      const changed = await ledger.applyTracking([
        { id: message.id, status: 'delivered', raw: 'DELIVERED', nextCheckAt: null },
      ]);

      expect(changed).toEqual([]);
      expect(await ledger.find(message.id, null)).toMatchObject({
        status: 'failed',
        deliveredAt: null,
        checkCount: 1,
      });
    });

    it('postpones checks without counting one', async () => {
      const [message] = await accepted(['1']);

      await ledger.postponeTracking([message.id], START + 600_000);

      expect(await ledger.find(message.id, null)).toMatchObject({
        nextCheckAt: START + 600_000,
        checkCount: 0,
      });
    });
  });

  describe('purge', () => {
    it('deletes messages created before the retention limit, with their history', async () => {
      const [old] = await accepted(['1']);
      clock.set(START + 86_400_000);
      const [kept] = await accepted(['2']);

      expect(await ledger.purge(START + 1_000)).toBe(1);

      expect(await ledger.find(old.id, null)).toBeUndefined();
      expect(await ledger.find(kept.id, null)).toBeDefined();
      const history = await database().db.selectFrom('message_history').select('message_id').execute();
      expect(new Set(history.map((entry) => entry.message_id))).toEqual(new Set([kept.id]));
    });
  });
});
