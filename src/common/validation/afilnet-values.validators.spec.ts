import { validateSync } from 'class-validator';
import fc from 'fast-check';
import {
  IsAfilnetPairs,
  IsFutureDateTime,
  ISO_WITH_OFFSET,
  MAX_SCHEDULE_AHEAD_MS,
  scheduleExample,
} from './afilnet-values.validators.js';

class Sample {
  @IsAfilnetPairs()
  params: unknown;

  @IsFutureDateTime()
  scheduledAt: unknown;
}

function messages(params: unknown, scheduledAt: unknown): string[] {
  return validateSync(Object.assign(new Sample(), { params, scheduledAt })).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
}

const FUTURE = new Date(Date.now() + 3_600_000).toISOString();

describe('IsAfilnetPairs', () => {
  it('accepts an object of strings and numbers', () => {
    expect(messages({ name: 'Ana', code: 1234 }, FUTURE)).toEqual([]);
  });

  it.each([
    ['a string', 'name:Ana', 'must be a JSON object'],
    ['an array', ['Ana'], 'must be a JSON object'],
    ['an empty object', {}, 'must have 1 to 50 entries'],
    ['a comma in a value', { name: 'Smith, Ana' }, 'must not contain'],
    ['a colon in a value', { url: 'https://x' }, 'must not contain'],
    ['a nested object', { name: { first: 'Ana' } }, 'must be a string or a number'],
    ['a bad key', { 'first name': 'Ana' }, 'keys are a letter'],
    ['a long value', { name: 'x'.repeat(501) }, 'longer than 500'],
  ])('rejects %s', (_label, params, fragment) => {
    expect(messages(params, FUTURE).join(' ')).toContain(fragment);
  });
});

describe('IsFutureDateTime', () => {
  it.each([
    ['no offset', '2030-01-01T10:00:00', 'with an offset'],
    ['a date only', '2030-01-01', 'with an offset'],
    ['the past', '2020-01-01T10:00:00Z', 'in the future'],
    ['too far ahead', '2099-01-01T10:00:00+01:00', 'one year ahead'],
    ['an impossible date', '2030-02-31T10:00:00Z', 'with an offset'],
    ['a number', 1893456000000, 'with an offset'],
  ])('rejects %s', (_label, scheduledAt, fragment) => {
    expect(messages({ a: 1 }, scheduledAt).join(' ')).toContain(fragment);
  });

  it('accepts a future instant with Z or an offset', () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    const withOffset = `${inAnHour.toISOString().slice(0, 19)}+00:00`;
    expect(messages({ a: 1 }, inAnHour.toISOString())).toEqual([]);
    expect(messages({ a: 1 }, withOffset)).toEqual([]);
  });
});

describe('scheduleExample', () => {
  it('is accepted at any moment of any day, until that UTC day ends', () => {
    const instants = fc.integer({
      min: Date.parse('2020-01-01T00:00:00Z'),
      max: Date.parse('2100-12-31T23:59:59Z'),
    });
    fc.assert(
      fc.property(instants, (now) => {
        const example = scheduleExample(now);
        const at = Date.parse(example);
        const endOfDay = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T23:59:59.999Z`);
        expect([example, ISO_WITH_OFFSET.test(example)]).toEqual([example, true]);
        expect([example, at > endOfDay, at <= now + MAX_SCHEDULE_AHEAD_MS]).toEqual([example, true, true]);
      }),
    );
  });

  it("is what the rule's own message offers, and the rule accepts it today", () => {
    const example = scheduleExample(Date.now());
    expect(messages({ a: 1 }, example)).toEqual([]);
    expect(messages({ a: 1 }, 'soon').join(' ')).toContain(`e.g. ${example}`);
  });
});
