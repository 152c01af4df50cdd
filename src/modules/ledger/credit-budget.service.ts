import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../../common/clock/clock.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { CreditBudgets, utcDay } from '../../database/repositories/credit-budgets.repository.js';
import { beforeSending } from './ledger-access.js';

const DAY_MS = 86_400_000;

/** Credits held for one send until Afilnet's answer says what it really cost. */
export interface BudgetHold {
  /** Afilnet charged `credits` (null: it did not say; the estimate stands). */
  settle(credits: number | null): Promise<void>;
  /** Nothing was charged. */
  release(): Promise<void>;
}

const NO_HOLD: BudgetHold = { settle: () => Promise.resolve(), release: () => Promise.resolve() };

/**
 * `CREDIT_BUDGETS`: what each caller may spend per UTC day, counted in the database so that every instance shares
 * one count. A send holds its estimate before it reaches Afilnet — refused with `429 CREDIT_BUDGET_EXCEEDED` and
 * `Retry-After` (the next UTC day) when the hold would pass the budget — and settles on what Afilnet charged.
 */
@Injectable()
export class CreditBudgetService {
  private readonly perDay: ReadonlyMap<string, number>;

  constructor(
    private readonly budgets: CreditBudgets,
    private readonly clock: Clock,
    config: ConfigService<GatewayConfig, true>,
  ) {
    const { perDay } = config.get('budgets', { infer: true });
    this.perDay = new Map(perDay.map(({ caller, creditsPerDay }) => [caller, creditsPerDay]));
  }

  async hold(caller: string | null, estimate: number): Promise<BudgetHold> {
    const budget = caller === null ? undefined : this.perDay.get(caller);
    if (caller === null || budget === undefined) return NO_HOLD;
    const now = this.clock.now();
    const day = utcDay(now);
    const result = await beforeSending(() =>
      this.budgets.reserve({ caller, day, credits: estimate, budget }),
    );
    if (!result.reserved) {
      const nextDay = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
      throw new GatewayError(
        'CREDIT_BUDGET_EXCEEDED',
        `The key "${caller}" has used ${round(result.used)} of its ${budget} credits for today (UTC); this send ` +
          `needs about ${estimate} more. Nothing was sent.`,
        Math.max(1, Math.ceil((nextDay - now) / 1000)),
      );
    }
    return {
      settle: (credits) =>
        credits === null || credits === estimate
          ? Promise.resolve()
          : this.budgets.adjust(caller, day, credits - estimate),
      release: () => this.budgets.release(caller, day, estimate),
    };
  }
}

function round(credits: number): number {
  return Math.round(credits * 1000) / 1000;
}
