import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { EventsModule } from './events.module.js';

describe('events controller (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [EventsModule], env: { AFILNET_TIMEZONE: 'Europe/Madrid' } });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it("sends the range as Afilnet's wall-clock time and reads the dates back as instants", async () => {
    slice.afilnet.answers('event.list', {
      list: [
        { idevent: '3', type: 'sms.sent', date: '2026-11-01 10:00:00', detail: 'SMS to 34600000001' },
        { id: 4, type: 'group.created', at: '2026-11-01T09:30:00Z', description: 'Customers' },
        { type: 'unknown', date: 'yesterday' },
      ],
      total: 3,
    });

    const listed = await slice.request(
      'GET',
      '/v1/events?from=2026-11-01T00:00:00%2B01:00&to=2026-11-02T00:00:00Z&type=sms.sent&page=2&pageSize=3',
    );

    expect([listed.status, listed.body]).toEqual([
      200,
      {
        page: 2,
        pageSize: 3,
        total: 3,
        events: [
          { id: 3, type: 'sms.sent', at: '2026-11-01T09:00:00.000Z', detail: 'SMS to 34600000001' },
          { id: 4, type: 'group.created', at: '2026-11-01T09:30:00.000Z', detail: 'Customers' },
          { id: null, type: 'unknown', at: null, detail: null },
        ],
      },
    ]);
    expect(slice.afilnet.calls).toEqual([
      {
        operation: 'event.list',
        params: {
          from: '2026-11-01 00:00:00',
          to: '2026-11-02 01:00:00',
          type: 'sms.sent',
          page: 2,
          pageSize: 3,
        },
      },
    ]);
  });

  it('asks for the first page of 20 when nothing is given', async () => {
    slice.afilnet.answers('event.list', []);

    const listed = await slice.request('GET', '/v1/events');

    expect(listed.body).toEqual({ page: 1, pageSize: 20, total: null, events: [] });
    expect(slice.afilnet.callsOf('event.list')).toEqual([{ page: 1, pageSize: 20 }]);
  });

  it('refuses a date without an offset, an end before the start and a bad type', async () => {
    expectInvalid(slice, await slice.request('GET', '/v1/events?from=2026-11-01T00:00:00'), ['from']);
    expectInvalid(
      slice,
      await slice.request('GET', '/v1/events?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z'),
      ['to'],
    );
    expectInvalid(slice, await slice.request('GET', '/v1/events?type=1bad'), ['type']);
  });

  it('answers entries that are not events 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.afilnet.answers('event.list', { list: [1, 2] });

    expectProblem(await slice.request('GET', '/v1/events'), 502, 'UPSTREAM_BAD_RESPONSE');
  });
});
