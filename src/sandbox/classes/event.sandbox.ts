import type { SandboxEvent } from '../sandbox.state.js';
import { paginate } from '../sandbox.paging.js';
import type { SandboxClass } from '../sandbox.types.js';

/**
 * Afilnet speaks local wall-clock dates; the simulator takes them in Afilnet's zone as the gateway assumes
 * it by default (AFILNET_TIMEZONE=Europe/Madrid).
 */
export const SANDBOX_TIME_ZONE = 'Europe/Madrid';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: SANDBOX_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `yyyy-mm-dd hh:mm:ss` in the simulator's zone; in this form, text order is time order. */
export function localDateTime(iso: string): string {
  const parts = Object.fromEntries(
    wallClock.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `type=contact` matches `contact.added`, `contact.deleted`, …; a full type matches itself. */
function hasType(event: SandboxEvent, type: string): boolean {
  return event.type === type || event.type.startsWith(`${type}.`);
}

export const eventSandbox: SandboxClass = {
  getevents: {
    required: [],
    handle(params, state) {
      const { datefrom, dateto, type } = params;
      // A date the simulator cannot read counts as not sent in a usable form.
      if ([datefrom, dateto].some((date) => date && !LOCAL_DATE_TIME.test(date))) {
        return { error: 'MISSING_COMPULSORY_PARAM' };
      }
      const events = state
        .events()
        .map((event) => ({ event, date: localDateTime(event.at) }))
        .filter(({ date }) => (!datefrom || date >= datefrom) && (!dateto || date <= dateto))
        .filter(({ event }) => !type || hasType(event, type))
        .map(({ event, date }) => ({ idevent: event.id, type: event.type, date, detail: event.detail }));
      return { result: paginate(events, params) };
    },
  },
};
