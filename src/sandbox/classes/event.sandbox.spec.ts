import { dispatch } from '../sandbox.dispatcher.js';
import { SandboxState } from '../sandbox.state.js';

const CREDENTIALS = { user: 'u', password: 'p' };

interface EventPage {
  list: { idevent: string; type: string; date: string; detail: string }[];
  total: number;
}

describe('the event simulator', () => {
  let clock: number;
  let state: SandboxState;

  function events(params: Record<string, string> = {}) {
    return dispatch({ class: 'event', method: 'getevents', ...CREDENTIALS, ...params }, CREDENTIALS, state);
  }

  beforeEach(() => {
    clock = Date.parse('2026-07-01T10:00:00Z');
    state = new SandboxState({ initialBalance: 100, now: () => clock });
    state.recordEvent('group.created', 'group 3');
    clock += 3_600_000;
    state.recordEvent('contact.added', 'contact 5');
    clock += 3_600_000;
    state.recordEvent('contact.deleted', 'contact 5');
  });

  it('lists every event newest first', () => {
    expect(events()).toEqual({
      result: {
        list: [
          { idevent: '3', type: 'contact.deleted', date: '2026-07-01 14:00:00', detail: 'contact 5' },
          { idevent: '2', type: 'contact.added', date: '2026-07-01 13:00:00', detail: 'contact 5' },
          { idevent: '1', type: 'group.created', date: '2026-07-01 12:00:00', detail: 'group 3' },
        ],
        total: 3,
        page: 1,
        pagesize: 3,
      },
    });
  });

  it('filters by an inclusive local date range, by type or type prefix, and pages', () => {
    const ids = (params: Record<string, string>) =>
      (events(params) as { result: EventPage }).result.list.map((event) => event.idevent);

    expect(ids({ datefrom: '2026-07-01 13:00:00', dateto: '2026-07-01 14:00:00' })).toEqual(['3', '2']);
    expect(ids({ dateto: '2026-07-01 12:59:59' })).toEqual(['1']);
    expect(ids({ type: 'contact' })).toEqual(['3', '2']);
    expect(ids({ type: 'contact.added' })).toEqual(['2']);
    expect(ids({ type: 'contac' })).toEqual([]);
    expect(ids({ page: '2', pagesize: '2' })).toEqual(['1']);
  });

  it('refuses a date it cannot read', () => {
    expect(events({ datefrom: '2026-07-01T13:00:00Z' })).toEqual({ error: 'MISSING_COMPULSORY_PARAM' });
  });
});
