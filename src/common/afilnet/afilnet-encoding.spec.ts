import { encodePairs, fromAfilnetDateTime, isTimeZone, toAfilnetDateTime } from './afilnet-encoding.js';

describe('encodePairs', () => {
  it('writes key:value pairs in order, numbers as text', () => {
    expect(encodePairs({ name: 'Ana María', code: 1234, city: 'Málaga' })).toBe(
      'name:Ana María,code:1234,city:Málaga',
    );
  });

  it('writes nothing for no values', () => {
    expect(encodePairs({})).toBe('');
  });

  it.each([
    ['a comma', { name: 'Smith, Ana' }],
    ['a colon', { url: 'https://x' }],
    ['a newline', { name: 'Ana\nBob' }],
    ['a bad key', { 'first name': 'Ana' }],
    ['a key with a colon', { 'a:b': 'Ana' }],
  ])('refuses a value with %s, which would break the list', (_label, values) => {
    expect(() => encodePairs(values)).toThrow(RangeError);
  });
});

describe('toAfilnetDateTime', () => {
  it('converts an instant to Madrid wall-clock time in winter (UTC+1) and summer (UTC+2)', () => {
    expect(toAfilnetDateTime(new Date('2026-01-15T09:30:00Z'), 'Europe/Madrid')).toBe('2026-01-15 10:30:00');
    expect(toAfilnetDateTime(new Date('2026-07-15T09:30:00Z'), 'Europe/Madrid')).toBe('2026-07-15 11:30:00');
  });

  it('honours the offset the caller gave', () => {
    expect(toAfilnetDateTime(new Date('2026-03-01T23:15:05-05:00'), 'Europe/Madrid')).toBe(
      '2026-03-02 05:15:05',
    );
  });

  it('crosses the daylight-saving change correctly (last Sunday of March 2026, 01:00 UTC)', () => {
    expect(toAfilnetDateTime(new Date('2026-03-29T00:59:59Z'), 'Europe/Madrid')).toBe('2026-03-29 01:59:59');
    expect(toAfilnetDateTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Madrid')).toBe('2026-03-29 03:00:00');
  });

  it('uses other zones and midnight as 00', () => {
    expect(toAfilnetDateTime(new Date('2026-05-01T00:00:00Z'), 'UTC')).toBe('2026-05-01 00:00:00');
    expect(toAfilnetDateTime(new Date('2026-05-01T00:00:00Z'), 'America/New_York')).toBe(
      '2026-04-30 20:00:00',
    );
  });
});

describe('fromAfilnetDateTime', () => {
  it('reads a Madrid wall-clock time as the instant it names, winter and summer', () => {
    expect(fromAfilnetDateTime('2026-01-15 10:30:00', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-01-15T09:30:00.000Z',
    );
    expect(fromAfilnetDateTime('2026-07-15 11:30:00', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-07-15T09:30:00.000Z',
    );
  });

  it('is the inverse of toAfilnetDateTime on both sides of a daylight-saving change', () => {
    for (const iso of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T02:30:00Z']) {
      const instant = new Date(iso);
      for (const zone of ['Europe/Madrid', 'America/New_York', 'UTC']) {
        expect([iso, zone, fromAfilnetDateTime(toAfilnetDateTime(instant, zone), zone)]).toEqual([
          iso,
          zone,
          instant,
        ]);
      }
    }
  });

  it('reads the hour repeated in autumn as one of the two instants it names', () => {
    const instant = fromAfilnetDateTime('2026-10-25 02:30:00', 'Europe/Madrid');
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(instant?.toISOString());
  });

  it.each([
    ['an ISO string', '2026-01-15T10:30:00Z'],
    ['a date only', '2026-01-15'],
    ['an impossible date', '2026-02-31 10:00:00'],
    ['a time skipped by the spring change', '2026-03-29 02:30:00'],
    ['an empty string', ''],
  ])('refuses %s', (_label, text) => {
    expect(fromAfilnetDateTime(text, 'Europe/Madrid')).toBeUndefined();
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and rejects others', () => {
    expect(isTimeZone('Europe/Madrid')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
