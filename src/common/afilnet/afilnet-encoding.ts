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

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}
