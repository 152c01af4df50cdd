import { request, startGateway, type RunningGateway } from './support/gateway.js';

describe('account events over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  async function activity(): Promise<void> {
    await request(gateway, 'POST', '/v1/groups', { name: 'G', type: 'email', fields: ['email'] });
    await request(gateway, 'POST', '/v1/groups/3/contacts', { fields: { email: 'eva@example.com' } });
    await request(gateway, 'POST', '/v1/otp', { type: 'mobile', destination: '34600000008' });
  }

  it('lists what happened, newest first, with ISO instants', async () => {
    const before = Date.now();
    await activity();

    const response = await request(gateway, 'GET', '/v1/events');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(response.body.events.map((event: { type: string }) => event.type)).toEqual([
      'message.sent',
      'contact.added',
      'group.created',
    ]);
    const [sent] = response.body.events;
    expect(sent).toEqual({
      id: 3,
      type: 'message.sent',
      at: expect.stringMatching(/Z$/),
      detail: expect.stringContaining('34600000008'),
    });
    // Afilnet's dates have whole seconds; the round trip through Madrid time must land on the same second.
    expect(Date.parse(sent.at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(sent.at)).toBeLessThanOrEqual(Date.now());
  });

  it('filters by type prefix, by date range and pages', async () => {
    await activity();
    const types = async (query: string): Promise<string[]> => {
      const response = await request<{ events: { type: string }[] }>(gateway, 'GET', `/v1/events?${query}`);
      return response.body.events.map((event) => event.type);
    };
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();

    expect(await types('type=contact')).toEqual(['contact.added']);
    expect(await types('type=group.created')).toEqual(['group.created']);
    expect(await types(`from=${encodeURIComponent(inAMinute)}`)).toEqual([]);
    expect(
      await types(`from=${encodeURIComponent(anHourAgo)}&to=${encodeURIComponent(inAMinute)}`),
    ).toHaveLength(3);
    expect(await types('page=2&pageSize=2')).toEqual(['group.created']);
  });

  it.each([
    ['from=2026-01-01', 'from'],
    ['from=2026-01-01T10:00:00', 'from'],
    ['to=2026-02-31T10:00:00Z', 'to'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ['type=a%20b', 'type'],
    ['pageSize=101', 'pageSize'],
    ['page=0', 'page'],
    ['since=2026-01-01T00:00:00Z', 'since'],
  ])('refuses ?%s with 400 before calling Afilnet', async (query, field) => {
    const calls = gateway.sandbox!.callCount('event', 'getevents');

    const response = await request(gateway, 'GET', `/v1/events?${query}`);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(gateway.sandbox!.callCount('event', 'getevents')).toBe(calls);
  });
});
