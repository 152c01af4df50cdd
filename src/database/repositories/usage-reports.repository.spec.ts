import { describeEachDialect } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import type { Channel } from '../schema.js';
import { KyselyMessageLedger, type SendOutcome } from './message-ledger.repository.js';
import { KyselyUsageReports } from './usage-reports.repository.js';

const DAY_1 = Date.parse('2026-03-01T23:59:59Z');
const DAY_2 = Date.parse('2026-03-02T00:00:00Z');
const DAY_3 = Date.parse('2026-03-03T12:00:00Z');

describeEachDialect('UsageReports', (database) => {
  let clock: ManualClock;
  let ledger: KyselyMessageLedger;
  let usage: KyselyUsageReports;

  beforeEach(() => {
    clock = new ManualClock(DAY_1);
    ledger = new KyselyMessageLedger(database().db, clock, { storeContent: false });
    usage = new KyselyUsageReports(database().db);
  });

  /** One message at `at`, answered as `outcome` says (or left `sending`). */
  async function send(
    at: number,
    caller: string | null,
    channel: Channel,
    outcome?: { credits: number } | { rejected: string },
  ): Promise<void> {
    clock.set(at);
    const [message] = await ledger.insert([{ channel, operation: `${channel}.send`, caller, to: '1' }]);
    if (outcome === undefined) return;
    const answer: SendOutcome =
      'credits' in outcome
        ? {
            id: message.id,
            outcome: 'accepted',
            messageId: 'x',
            credits: outcome.credits,
            status: 'pending',
            nextCheckAt: at,
          }
        : { id: message.id, outcome: 'rejected', errorCode: outcome.rejected };
    await ledger.recordOutcomes([answer]);
  }

  async function seed(): Promise<void> {
    await send(DAY_1, 'billing', 'sms', { credits: 1.1 });
    await send(DAY_2, 'billing', 'sms', { credits: 2.2 });
    await send(DAY_2, 'billing', 'email', { credits: 1 });
    await send(DAY_2, 'marketing', 'sms', { credits: 0.1 });
    await send(DAY_2, 'marketing', 'sms', { credits: 0.2 });
    await send(DAY_2, null, 'voice', { credits: 2 });
    // Not usage: refused, unanswered, lost in a crash.
    await send(DAY_2, 'billing', 'sms', { rejected: 'NO_ROUTE_AVAILABLE' });
    await send(DAY_2, 'billing', 'sms');
    await send(DAY_2, 'marketing', 'sms');
    clock.set(DAY_3);
    await ledger.recoverInterruptedSends(DAY_3);
    await send(DAY_3, 'billing', 'sms', { credits: 5 });
  }

  it('sums accepted messages and their credits by caller, channel and UTC day', async () => {
    await seed();

    expect(
      await usage.summarize({
        groupBy: ['day', 'caller', 'channel'],
        since: DAY_1 - 1000,
        until: DAY_3 + 1000,
        visibleTo: null,
      }),
    ).toEqual([
      { day: '2026-03-01', caller: 'billing', channel: 'sms', messages: 1, credits: 1.1 },
      { day: '2026-03-02', caller: null, channel: 'voice', messages: 1, credits: 2 },
      { day: '2026-03-02', caller: 'billing', channel: 'email', messages: 1, credits: 1 },
      { day: '2026-03-02', caller: 'billing', channel: 'sms', messages: 1, credits: 2.2 },
      { day: '2026-03-02', caller: 'marketing', channel: 'sms', messages: 2, credits: 0.3 },
      { day: '2026-03-03', caller: 'billing', channel: 'sms', messages: 1, credits: 5 },
    ]);
  });

  it('groups by only the dimensions asked for, and gives one total for none', async () => {
    await seed();
    const range = { since: DAY_1 - 1000, until: DAY_3 + 1000, visibleTo: null };

    expect(await usage.summarize({ ...range, groupBy: ['caller'] })).toEqual([
      { caller: null, messages: 1, credits: 2 },
      { caller: 'billing', messages: 4, credits: 9.3 },
      { caller: 'marketing', messages: 2, credits: 0.3 },
    ]);
    expect(await usage.summarize({ ...range, groupBy: ['channel'] })).toEqual([
      { channel: 'email', messages: 1, credits: 1 },
      { channel: 'sms', messages: 5, credits: 8.6 },
      { channel: 'voice', messages: 1, credits: 2 },
    ]);
    expect(await usage.summarize({ ...range, groupBy: [] })).toEqual([{ messages: 7, credits: 11.6 }]);
  });

  it('counts only the time range asked for (until excluded) and only what the caller may see', async () => {
    await seed();

    expect(
      await usage.summarize({ groupBy: ['day'], since: DAY_2, until: DAY_3, visibleTo: 'billing' }),
    ).toEqual([{ day: '2026-03-02', messages: 2, credits: 3.2 }]);
    expect(await usage.summarize({ groupBy: ['day'], since: DAY_1, until: DAY_2, visibleTo: null })).toEqual([
      { day: '2026-03-01', messages: 1, credits: 1.1 },
    ]);
    expect(
      await usage.summarize({ groupBy: ['caller'], since: DAY_3 + 1, until: DAY_3 + 2, visibleTo: null }),
    ).toEqual([]);
  });
});
