import { AfilnetDates } from './sandbox.dates.js';

describe('the simulator’s Afilnet dates', () => {
  const madrid = new AfilnetDates();

  it('writes and reads yyyy-mm-dd hh:mm:ss in Madrid time by default, summer and winter', () => {
    expect(madrid.timeZone).toBe('Europe/Madrid');
    expect(madrid.format(Date.parse('2026-01-15T09:30:00Z'))).toBe('2026-01-15 10:30:00');
    expect(madrid.format(Date.parse('2026-07-01T10:00:00Z'))).toBe('2026-07-01 12:00:00');
    expect(madrid.parse('2026-07-15 11:30:00')).toBe(Date.parse('2026-07-15T09:30:00Z'));
  });

  it("uses the account's zone when given one", () => {
    const newYork = new AfilnetDates('America/New_York');

    expect(newYork.format(Date.parse('2026-01-15T09:30:00Z'))).toBe('2026-01-15 04:30:00');
    expect(newYork.parse('2026-07-15 11:30:00')).toBe(Date.parse('2026-07-15T15:30:00Z'));
    expect(new AfilnetDates('UTC').parse('2026-07-15 11:30:00')).toBe(Date.parse('2026-07-15T11:30:00Z'));
  });

  it('reads back every instant it writes', () => {
    for (let hour = 0; hour < 24 * 366; hour += 7) {
      const instant = Date.parse('2026-01-01T00:00:00Z') + hour * 3_600_000;
      expect([instant, madrid.parse(madrid.format(instant))]).toEqual([instant, instant]);
    }
  });

  it.each(['2026-02-30 10:00:00', '2026-03-29 02:30:00', '2026-01-15T10:00:00', ''])('refuses %p', (text) => {
    expect(madrid.parse(text)).toBeUndefined();
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => new AfilnetDates('Mars/Olympus')).toThrow(RangeError);
  });
});
