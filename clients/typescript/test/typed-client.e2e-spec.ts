import { createGatewayClient, isProblem, type GatewayClient } from '@afilnet-gateway/client';
import { startGateway, type RunningGateway } from '../../../test/support/gateway.js';

const API_KEY = 'orders-service-key-0123456789';

/**
 * The typed client as an internal service uses it: built from the package (`npm test` builds it), pointed at a
 * gateway in sandbox mode over real HTTP, with an API key; every call and answer is typed from openapi.json.
 */
describe('@afilnet-gateway/client against a sandbox gateway', () => {
  let gateway: RunningGateway;
  let api: GatewayClient;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_API_KEYS: `orders:${API_KEY}` });
    api = createGatewayClient({ baseUrl: gateway.url, apiKey: API_KEY });
  });

  afterAll(() => gateway.close());

  it('reads the balance', async () => {
    const { data, error, response } = await api.GET('/v1/account/balance');

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.credits).toBe(gateway.sandbox!.state.balance);
  });

  it('sends an SMS and reads its delivery status', async () => {
    const sent = await api.POST('/v1/sms', {
      body: { from: 'Orders', to: '34600000001', sms: 'Your order has shipped.' },
    });
    const messageId = sent.data?.messageId;

    expect([sent.response.status, sent.data?.encoding, sent.data?.segments]).toEqual([201, 'GSM-7', 1]);
    expect(messageId).toEqual(expect.stringMatching(/^\d+$/));

    const status = await api.GET('/v1/sms/status', { params: { query: { ids: messageId! } } });

    expect(status.error).toBeUndefined();
    expect(status.data).toEqual([expect.objectContaining({ messageId, status: expect.any(String) })]);
    expect(['pending', 'delivered', 'failed', 'unknown']).toContain(status.data![0].status);
  });

  it('creates a group with a contact and sends a template to it', async () => {
    const group = await api.POST('/v1/groups', {
      body: { name: 'Orders this week', type: 'mobile', fields: ['mobile', 'name'] },
    });
    const groupId = Number(group.data?.id);
    const contact = await api.POST('/v1/groups/{id}/contacts', {
      params: { path: { id: groupId } },
      body: { fields: { mobile: '600000003', name: 'Eva' } },
    });
    const template = await api.POST('/v1/templates', {
      body: { title: 'Shipped', message: 'Hi <name>, your order has shipped.', type: 'mobile' },
    });
    const templateId = Number(template.data?.id);

    expect([group.response.status, contact.response.status, template.response.status]).toEqual([
      201, 201, 201,
    ]);

    const sent = await api.POST('/v1/sms/bulk/from-template', {
      body: { countryCode: '34', groupId, templateId },
    });

    expect(sent.error).toBeUndefined();
    expect(sent.data?.count).toBe(1);
    expect(sent.data?.destinations.map((destination) => destination.destination)).toEqual(['34600000003']);
    expect(gateway.sandbox!.state.outbox('sms')[0].text).toBe('Hi Eva, your order has shipped.');
  });

  it('sends an e-mail', async () => {
    const { data, response } = await api.POST('/v1/email', {
      body: { to: 'eva@example.com', subject: 'Your order', email: '<p>It has shipped.</p>' },
    });

    expect(response.status).toBe(201);
    expect(data?.messageId).toEqual(expect.any(String));
  });

  it('starts a verification and checks a wrong code', async () => {
    const started = await api.POST('/v1/verifications', {
      body: { type: 'mobile', destination: '34600000005' },
    });
    const id = started.data!.id;
    const checked = await api.POST('/v1/verifications/{id}/check', {
      params: { path: { id } },
      body: { code: 'WRONG0' },
    });

    expect([started.response.status, started.data?.status]).toEqual([201, 'pending']);
    expect(checked.error).toBeUndefined();
    expect(checked.data).toMatchObject({ id, status: 'pending' });
    expect(checked.data!.attemptsLeft).toBeLessThan(started.data!.attemptsLeft);
  });

  it('looks up a number (HLR)', async () => {
    const { data, error } = await api.POST('/v1/hlr', { body: { numbers: ['34600000000'] } });

    expect(error).toBeUndefined();
    expect(data).toEqual([expect.objectContaining({ number: '34600000000' })]);
  });

  it('lists the countries', async () => {
    const { data, error } = await api.GET('/v1/countries');

    expect(error).toBeUndefined();
    expect(data?.length).toBeGreaterThan(0);
    expect(data?.map((country) => country.code)).toContain('ES');
  });

  it('answers a typed problem for a request the gateway refuses', async () => {
    const { data, error, response } = await api.POST('/v1/sms', {
      body: { from: 'Orders', to: '+34 600 00 00 01', sms: 'Your order has shipped.' },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(isProblem(error, 'VALIDATION_FAILED')).toBe(true);
    expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(['to']);
    expect(error?.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers a typed NO_CREDITS problem once the balance is spent', async () => {
    const { state } = gateway.sandbox!;
    state.charge(state.balance);

    const { error, response } = await api.POST('/v1/sms', {
      body: { from: 'Orders', to: '34600000001', sms: 'Your order has shipped.' },
    });

    expect(response.status).toBe(402);
    expect(isProblem(error, 'NO_CREDITS')).toBe(true);
    expect(error?.upstream).toEqual({ class: 'sms', method: 'sendsms', error: 'NO_CREDITS' });
  });
});
