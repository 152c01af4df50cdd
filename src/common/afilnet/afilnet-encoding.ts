/**
 * Afilnet's flat encodings, written once: `key:value,key:value` lists (template `params`, group contacts) and
 * `yyyy-mm-dd hh:mm:ss` local date-times (`scheduledatetime`).
 */

/** Characters that would break a `key:value,key:value` list; values containing them are rejected at the door. */
export const PAIR_SEPARATORS = /[,:\r\n]/;
export const PAIR_KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

export type PairValues = Readonly<Record<string, string | number>>;

export function encodePairs(values: PairValues): string {
  return Object.entries(values)
    .map(([key, value]) => {
      const text = String(value);
      if (!PAIR_KEY.test(key) || PAIR_SEPARATORS.test(text)) {
        throw new RangeError(`"${key}" cannot be sent as an Afilnet key:value pair`);
      }
      return `${key}:${text}`;
    })
    .join(',');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of `instant` in `timeZone`, as Afilnet's `scheduledatetime` wants it. */
export function toAfilnetDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const AFILNET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The instant a `yyyy-mm-dd hh:mm:ss` wall-clock time in `timeZone` names (the inverse of
 * `toAfilnetDateTime`), or `undefined` when the text is not such a time or names no real instant there.
 */
export function fromAfilnetDateTime(text: string, timeZone: string): Date | undefined {
  const match = AFILNET_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The zone's offset is read at a first guess, then again at the corrected instant (it may differ across DST).
  const offsetAt = (instant: number) =>
    Date.parse(`${toAfilnetDateTime(new Date(instant), timeZone).replace(' ', 'T')}Z`) - instant;
  const guess = wallAsUtc - offsetAt(wallAsUtc);
  const instant = new Date(wallAsUtc - offsetAt(guess));
  // Impossible dates (02-31) and times skipped by a DST change do not survive the round trip.
  return toAfilnetDateTime(instant, timeZone) === text ? instant : undefined;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}
