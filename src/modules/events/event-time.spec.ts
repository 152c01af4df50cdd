import { instantOrNull } from './event-time.js';

describe('instantOrNull', () => {
  it("reads Afilnet's local date-time in the configured zone", () => {
    expect(instantOrNull('2026-07-15 11:30:00', 'Europe/Madrid')).toBe('2026-07-15T09:30:00.000Z');
    expect(instantOrNull('2026-01-15 10:30:00', 'Europe/Madrid')).toBe('2026-01-15T09:30:00.000Z');
    expect(instantOrNull('2026-01-15 10:30:00', 'UTC')).toBe('2026-01-15T10:30:00.000Z');
  });

  it('reads ISO 8601 with an offset as it is', () => {
    expect(instantOrNull('2026-01-15T10:30:00+01:00', 'UTC')).toBe('2026-01-15T09:30:00.000Z');
  });

  it.each([['2026-01-15'], ['2026-02-31 10:00:00'], ['yesterday'], [1768469400000], [null]])(
    'answers null for %p',
    (value) => {
      expect(instantOrNull(value, 'Europe/Madrid')).toBeNull();
    },
  );
});
