import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../common/clock/clock.js';
import type { Database } from '../schema.js';

/** The UTC day of an instant, `YYYY-MM-DD`: the unit budgets are counted in. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export interface Reservation {
  readonly caller: string;
  /** `YYYY-MM-DD` (see `utcDay`). */
  readonly day: string;
  /** Credits the send is estimated to cost. */
  readonly credits: number;
  /** The caller's budget for the day. */
  readonly budget: number;
}

export type ReservationResult =
  /** Reserved: `used` includes this reservation. */
  | { readonly reserved: true; readonly used: number }
  /** Refused, nothing reserved: the day's use so far would pass the budget. */
  | { readonly reserved: false; readonly used: number };

/**
 * Credits reserved and spent per caller and UTC day, shared by every instance using the database. A send
 * reserves its estimate before it calls Afilnet, then settles the difference with what Afilnet charged
 * (`adjust`), or gives it back when nothing was sent (`release`).
 */
export abstract class CreditBudgets {
  /**
   * Reserves the credits if the day's use stays within the budget, in one atomic statement: concurrent
   * reservations from any number of instances never take the day past the budget together.
   */
  abstract reserve(reservation: Reservation): Promise<ReservationResult>;

  /**
   * Adds `credits` (negative to give back) to the day's use, without checking the budget (what Afilnet charged
   * is spent). The use never goes below zero.
   */
  abstract adjust(caller: string, day: string, credits: number): Promise<void>;

  /** Gives back reserved credits (the send did not happen). */
  abstract release(caller: string, day: string, credits: number): Promise<void>;

  /** The day's use so far. */
  abstract used(caller: string, day: string): Promise<number>;

  /** Forgets days before `day` (`YYYY-MM-DD`). */
  abstract purge(beforeDay: string): Promise<void>;
}

/** Credits are counted in millionths, as integers, so that concurrent sums are exact on both dialects. */
const MICRO = 1_000_000;
const toMicro = (credits: number): number => Math.round(credits * MICRO);
const fromMicro = (micro: number): number => Number(micro) / MICRO;

export class KyselyCreditBudgets extends CreditBudgets {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    super();
  }

  async reserve({ caller, day, credits, budget }: Reservation): Promise<ReservationResult> {
    const wanted = toMicro(credits);
    const limit = toMicro(budget);
    if (wanted <= limit) {
      // The insert is the first reservation of the day; on conflict the row is updated only while the sum stays
      // within the limit — a row-locked read-modify-write in PostgreSQL, a single writer in SQLite.
      const row = await this.db
        .insertInto('credit_budget_usage')
        .values({ caller, day, used_micro: wanted, updated_at: this.clock.now() })
        .onConflict((conflict) =>
          conflict
            .columns(['caller', 'day'])
            .doUpdateSet({
              used_micro: sql<number>`credit_budget_usage.used_micro + excluded.used_micro`,
              updated_at: sql<number>`excluded.updated_at`,
            })
            .where(sql<boolean>`credit_budget_usage.used_micro + excluded.used_micro <= ${limit}`),
        )
        .returning('used_micro')
        .executeTakeFirst();
      if (row !== undefined) return { reserved: true, used: fromMicro(row.used_micro) };
    }
    return { reserved: false, used: await this.used(caller, day) };
  }

  async adjust(caller: string, day: string, credits: number): Promise<void> {
    const delta = toMicro(credits);
    if (delta === 0) return;
    await this.db
      .insertInto('credit_budget_usage')
      .values({ caller, day, used_micro: Math.max(delta, 0), updated_at: this.clock.now() })
      .onConflict((conflict) =>
        conflict.columns(['caller', 'day']).doUpdateSet({
          used_micro: sql<number>`case when credit_budget_usage.used_micro + ${delta} < 0 then 0 else credit_budget_usage.used_micro + ${delta} end`,
          updated_at: sql<number>`excluded.updated_at`,
        }),
      )
      .execute();
  }

  release(caller: string, day: string, credits: number): Promise<void> {
    return this.adjust(caller, day, -credits);
  }

  async used(caller: string, day: string): Promise<number> {
    const row = await this.db
      .selectFrom('credit_budget_usage')
      .select('used_micro')
      .where('caller', '=', caller)
      .where('day', '=', day)
      .executeTakeFirst();
    return row === undefined ? 0 : fromMicro(row.used_micro);
  }

  async purge(beforeDay: string): Promise<void> {
    await this.db.deleteFrom('credit_budget_usage').where('day', '<', beforeDay).execute();
  }
}
