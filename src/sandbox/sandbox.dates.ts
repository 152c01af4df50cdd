/** Afilnet's account zone unless told otherwise (Afilnet is in Spain; `AFILNET_TIMEZONE` has the same default). */
export const DEFAULT_SANDBOX_TIME_ZONE = 'Europe/Madrid';

/** The shape of an Afilnet date: `yyyy-mm-dd hh:mm:ss`. */
export const AFILNET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Afilnet's dates: `yyyy-mm-dd hh:mm:ss` wall-clock time, no offset, in the account's time zone — read from
 * `scheduledatetime`, written in `deliverydate` and event dates. In this form, text order is time order.
 *
 * The simulator reads and writes them with its own code rather than the gateway's converters: it stands for the
 * far side, so a mistake in the gateway's conversion shows up as a disagreement in the tests.
 */
export class AfilnetDates {
  private readonly wallClock: Intl.DateTimeFormat;

  /** Throws a `RangeError` for a zone the runtime does not know. */
  constructor(readonly timeZone: string = DEFAULT_SANDBOX_TIME_ZONE) {
    this.wallClock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** The wall-clock text of an instant (epoch milliseconds). */
  format(instant: number): string {
    const parts = Object.fromEntries(
      this.wallClock.formatToParts(instant).map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  }

  /** The instant a wall-clock text names; `undefined` when it is malformed or names no instant (a DST gap). */
  parse(text: string): number | undefined {
    const match = AFILNET_DATE_TIME.exec(text);
    if (match === null) return undefined;
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    const offsetAt = (instant: number) => Date.parse(`${this.format(instant).replace(' ', 'T')}Z`) - instant;
    const instant = wall - offsetAt(wall - offsetAt(wall));
    return this.format(instant) === text ? instant : undefined;
  }
}
