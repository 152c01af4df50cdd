import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { PAIR_KEY, PAIR_SEPARATORS } from '../afilnet/afilnet-encoding.js';

export const MAX_PAIRS = 50;
export const MAX_PAIR_VALUE_LENGTH = 500;

function pairsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object';
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > MAX_PAIRS) return `must have 1 to ${MAX_PAIRS} entries`;
  for (const [key, item] of entries) {
    if (!PAIR_KEY.test(key))
      return `has key "${key.slice(0, 50)}": keys are a letter then letters, digits or _`;
    if (typeof item !== 'string' && !(typeof item === 'number' && Number.isFinite(item))) {
      return `.${key} must be a string or a number`;
    }
    const text = String(item);
    if (text.length > MAX_PAIR_VALUE_LENGTH)
      return `.${key} is longer than ${MAX_PAIR_VALUE_LENGTH} characters`;
    if (PAIR_SEPARATORS.test(text))
      return `.${key} must not contain "," ":" or line breaks (Afilnet's separators)`;
  }
  return undefined;
}

/**
 * An object of name → value that Afilnet receives as `name:value,name:value` (template parameters, contact
 * fields): rejects what would break that form instead of letting it corrupt the list.
 */
export function IsAfilnetPairs(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAfilnetPairs',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => pairsProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${pairsProblem(args.value) ?? 'is invalid'}`,
      },
    });
}

/** ISO 8601 with a date, a time and an explicit offset (`Z` or `±hh:mm`): an instant, never a guess. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_SCHEDULE_AHEAD_MS = 365 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/**
 * A send time the rule accepts at `now` and until the end of that UTC day: the next day at 09:30 (+01:00, Madrid
 * in winter), 8½ to 32½ hours ahead. Examples (the OpenAPI document's, this rule's message) are dated with it,
 * since any fixed date would one day be in the past or more than a year ahead.
 */
export function scheduleExample(now: number): string {
  return `${new Date(now + DAY_MS).toISOString().slice(0, 10)}T09:30:00+01:00`;
}

/** `Date.parse` rolls 2030-02-31 over to March; a real calendar date survives the round trip. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function scheduleProblem(value: unknown, now: number): string | undefined {
  if (
    typeof value !== 'string' ||
    !ISO_WITH_OFFSET.test(value) ||
    !isCalendarDate(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    return `must be an ISO 8601 date-time with an offset, e.g. ${scheduleExample(now)}`;
  }
  const at = Date.parse(value);
  if (at <= now) return 'must be in the future';
  if (at > now + MAX_SCHEDULE_AHEAD_MS) return 'must be at most one year ahead';
  return undefined;
}

/** A send time in the future (at most a year ahead), given with its offset. */
export function IsFutureDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFutureDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => scheduleProblem(value, Date.now()) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${scheduleProblem(args.value, Date.now()) ?? 'is invalid'}`,
      },
    });
}
