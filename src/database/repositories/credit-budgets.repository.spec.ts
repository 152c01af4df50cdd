import { describeEachDialect } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import { KyselyCreditBudgets, utcDay } from './credit-budgets.repository.js';

describeEachDialect('CreditBudgets', (database) => {
  let budgets: KyselyCreditBudgets;
  const day = '2026-03-02';

  beforeEach(() => {
    budgets = new KyselyCreditBudgets(database().db, new ManualClock());
  });

  it('reserves while the day stays within the budget, and refuses what would pass it', async () => {
    expect(await budgets.reserve({ caller: 'billing', day, credits: 6, budget: 10 })).toEqual({
      reserved: true,
      used: 6,
    });
    expect(await budgets.reserve({ caller: 'billing', day, credits: 4, budget: 10 })).toEqual({
      reserved: true,
      used: 10,
    });
    expect(await budgets.reserve({ caller: 'billing', day, credits: 0.5, budget: 10 })).toEqual({
      reserved: false,
      used: 10,
    });
    expect(await budgets.reserve({ caller: 'billing', day: '2026-03-03', credits: 10, budget: 10 })).toEqual({
      reserved: true,
      used: 10,
    });
    expect(await budgets.reserve({ caller: 'marketing', day, credits: 11, budget: 10 })).toEqual({
      reserved: false,
      used: 0,
    });
    expect(await budgets.used('marketing', day)).toBe(0);
  });

  it('adds fractional credits exactly', async () => {
    for (let index = 0; index < 3; index += 1) {
      expect((await budgets.reserve({ caller: 'billing', day, credits: 0.1, budget: 0.3 })).reserved).toBe(
        true,
      );
    }
    expect(await budgets.reserve({ caller: 'billing', day, credits: 0.000001, budget: 0.3 })).toEqual({
      reserved: false,
      used: 0.3,
    });
  });

  it('settles with what Afilnet charged and gives back what was not sent, never below zero', async () => {
    await budgets.reserve({ caller: 'billing', day, credits: 3, budget: 10 });

    await budgets.adjust('billing', day, 9);
    expect(await budgets.used('billing', day)).toBe(12);
    await budgets.release('billing', day, 5);
    expect(await budgets.used('billing', day)).toBe(7);
    await budgets.release('billing', day, 50);
    expect(await budgets.used('billing', day)).toBe(0);
    await budgets.adjust('ops', day, 2);
    expect(await budgets.used('ops', day)).toBe(2);
    await budgets.release('nobody', day, 2);
    expect(await budgets.used('nobody', day)).toBe(0);
  });

  it('never lets concurrent reservations from several instances pass the budget together', async () => {
    const instances = Array.from(
      { length: 5 },
      () => new KyselyCreditBudgets(database().connect(), new ManualClock()),
    );

    const results = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        instances[index % instances.length].reserve({ caller: 'billing', day, credits: 1, budget: 25 }),
      ),
    );

    expect(results.filter((result) => result.reserved)).toHaveLength(25);
    expect(await budgets.used('billing', day)).toBe(25);
  });

  it('forgets days before the one given', async () => {
    await budgets.adjust('billing', '2026-02-28', 4);
    await budgets.adjust('billing', day, 5);

    await budgets.purge(day);

    expect(await budgets.used('billing', '2026-02-28')).toBe(0);
    expect(await budgets.used('billing', day)).toBe(5);
  });
});

describe('utcDay', () => {
  it('is the UTC calendar day of an instant', () => {
    expect(utcDay(Date.parse('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
    expect(utcDay(Date.parse('2026-03-02T00:30:00+02:00'))).toBe('2026-03-01');
  });
});
