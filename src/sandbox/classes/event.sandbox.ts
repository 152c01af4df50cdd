import type { SandboxEvent } from '../sandbox.state.js';
import { AFILNET_DATE_TIME } from '../sandbox.dates.js';
import { paginate } from '../sandbox.paging.js';
import type { SandboxClass } from '../sandbox.types.js';

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
      if ([datefrom, dateto].some((date) => date && !AFILNET_DATE_TIME.test(date))) {
        return { error: 'MISSING_COMPULSORY_PARAM' };
      }
      const events = state
        .events()
        .map((event) => ({ event, date: state.dates.format(Date.parse(event.at)) }))
        .filter(({ date }) => (!datefrom || date >= datefrom) && (!dateto || date <= dateto))
        .filter(({ event }) => !type || hasType(event, type))
        .map(({ event, date }) => ({ idevent: event.id, type: event.type, date, detail: event.detail }));
      return { result: paginate(events, params) };
    },
  },
};
