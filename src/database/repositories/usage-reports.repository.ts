import { sql, type Kysely } from 'kysely';
import type { Channel, Database, MessageStatus } from '../schema.js';

/**
 * The statuses that count as usage: the sends Afilnet accepted (and charged), whatever became of them since.
 * Not counted: `queued` and `sending` (not answered yet), `rejected` (refused, nothing charged) and `unknown`
 * (the answer was lost in a crash: whether it went out, and its credits, are not known).
 */
export const ACCOUNTED_STATUSES = [
  'pending',
  'scheduled',
  'delivered',
  'failed',
  'expired',
] as const satisfies readonly MessageStatus[];

export const USAGE_DIMENSIONS = ['caller', 'channel', 'day'] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

export interface UsageQuery {
  /** The dimensions to group by; none gives one total row. */
  readonly groupBy: readonly UsageDimension[];
  /** Messages created at or after (epoch ms). */
  readonly since: number;
  /** Messages created before (epoch ms). */
  readonly until: number;
  /** A caller sees only its own usage; null sees everyone's. */
  readonly visibleTo: string | null;
}

/** One group: only the dimensions asked for are present. */
export interface UsageRow {
  readonly caller?: string | null;
  readonly channel?: Channel;
  /** The UTC day the messages were created, `YYYY-MM-DD`. */
  readonly day?: string;
  readonly messages: number;
  readonly credits: number;
}

/** Messages and credits from the ledger, grouped by caller, channel and/or UTC day (API.md §11). */
export abstract class UsageReports {
  /** Groups sorted by day, then caller, then channel; no row for a group without messages. */
  abstract summarize(query: UsageQuery): Promise<UsageRow[]>;
}

const DAY_MS = 86_400_000;

export class KyselyUsageReports extends UsageReports {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async summarize({ groupBy, since, until, visibleTo }: UsageQuery): Promise<UsageRow[]> {
    const byCaller = groupBy.includes('caller');
    const byChannel = groupBy.includes('channel');
    const byDay = groupBy.includes('day');
    // Whole days since the epoch, by integer division on both dialects; turned into a date below.
    const dayNumber = sql<number>`created_at / ${sql.lit(DAY_MS)}`;
    const rows = await this.db
      .selectFrom('messages')
      .select((eb) => [
        eb.fn.countAll<number>().as('messages'),
        eb.fn.coalesce(eb.fn.sum<number>('credits'), sql.lit(0)).as('credits'),
      ])
      .$if(byCaller, (q) => q.select('caller').groupBy('caller'))
      .$if(byChannel, (q) => q.select('channel').groupBy('channel'))
      .$if(byDay, (q) => q.select(dayNumber.as('day_number')).groupBy(dayNumber))
      .where('status', 'in', ACCOUNTED_STATUSES)
      .where('created_at', '>=', since)
      .where('created_at', '<', until)
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .execute();
    return rows
      .map((row) => ({
        ...(byDay ? { day: new Date(Number(row.day_number) * DAY_MS).toISOString().slice(0, 10) } : {}),
        ...(byCaller ? { caller: row.caller } : {}),
        ...(byChannel ? { channel: row.channel } : {}),
        messages: Number(row.messages),
        // Credits can be fractional: a sum of doubles is rounded to the millionth it was charged in.
        credits: Math.round(Number(row.credits) * 1e6) / 1e6,
      }))
      .sort(byGroup);
  }
}

function byGroup(a: UsageRow, b: UsageRow): number {
  return compare(a.day, b.day) || compare(a.caller ?? '', b.caller ?? '') || compare(a.channel, b.channel);
}

function compare(a: string | undefined, b: string | undefined): number {
  return a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1;
}
