import { outbox, request, startGateway, type RunningGateway } from './support/gateway.js';
import {
  drainBalance,
  expectUpstreamError,
  expectValidationFailure,
  inHours,
  upstreamCalls,
  LEDGER_ID,
} from './support/messaging.js';

const CALL = {
  to: '34600000001',
  from: '34900000000',
  message: 'Your appointment is tomorrow.',
  language: 'es',
};
const FROM_TEMPLATE = { to: '34600000001', templateId: 1, params: { name: 'Eva' } };
const BULK = { countryCode: '34', groupId: 1, message: 'The shop opens at ten.' };
const BULK_FROM_TEMPLATE = { countryCode: '34', groupId: 1, templateId: 1 };

describe('voice (text-to-speech) over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  it('places a call: 2 credits, whatever its length', async () => {
    const response = await request(gateway, 'POST', '/v1/voice', CALL);

    expect([response.status, response.body]).toEqual([201, { id: LEDGER_ID, messageId: '1', credits: 2 }]);
    expect(outbox(gateway)).toEqual([
      expect.objectContaining({
        channel: 'voice',
        destination: '34600000001',
        text: CALL.message,
        credits: 2,
      }),
    ]);
    expect(gateway.sandbox!.state.balance).toBe(98);
  });

  it('places a scheduled call without a language', async () => {
    const response = await request(gateway, 'POST', '/v1/voice', {
      ...CALL,
      language: undefined,
      scheduledAt: inHours(2),
    });
    expect(response.status).toBe(201);
  });

  it('reads a template out with its placeholders filled', async () => {
    const response = await request(gateway, 'POST', '/v1/voice/from-template', FROM_TEMPLATE);

    expect([response.status, response.body]).toEqual([201, { id: LEDGER_ID, messageId: '1', credits: 2 }]);
    expect(outbox(gateway)[0]).toMatchObject({ channel: 'voice', text: 'Hello Eva, welcome aboard!' });
  });

  it('calls every contact of group 1', async () => {
    const response = await request(gateway, 'POST', '/v1/voice/bulk', BULK);

    expect([response.status, response.body]).toEqual([
      201,
      {
        id: '1',
        count: 2,
        credits: 4,
        destinations: [
          { id: LEDGER_ID, messageId: '1', destination: '34600000001' },
          { id: LEDGER_ID, messageId: '2', destination: '34600000002' },
        ],
      },
    ]);
  });

  it("calls every contact of group 1 with the template filled from the contact's fields", async () => {
    const response = await request(gateway, 'POST', '/v1/voice/bulk/from-template', BULK_FROM_TEMPLATE);

    expect(response.status).toBe(201);
    expect(outbox(gateway).map((message) => message.text)).toEqual([
      'Hello Luis, welcome aboard!',
      'Hello Ana, welcome aboard!',
    ]);
  });

  it('reports the status of calls', async () => {
    await request(gateway, 'POST', '/v1/voice', CALL);
    const response = await request(gateway, 'GET', '/v1/voice/status?ids=1');
    expect([response.status, response.body]).toEqual([
      200,
      [{ messageId: '1', status: 'pending', deliveredAt: null, raw: 'PENDING' }],
    ]);
  });

  it.each([
    [
      'POST /v1/voice, unroutable',
      '/v1/voice',
      { ...CALL, to: '99912345678' },
      422,
      'NO_ROUTE_AVAILABLE',
      'sendvoice',
    ],
    [
      'POST /v1/voice/from-template, unroutable',
      '/v1/voice/from-template',
      { ...FROM_TEMPLATE, to: '99912345678' },
      422,
      'NO_ROUTE_AVAILABLE',
      'sendvoicefromtemplate',
    ],
    [
      'POST /v1/voice/from-template, unknown template',
      '/v1/voice/from-template',
      { ...FROM_TEMPLATE, templateId: 99 },
      404,
      'NOT_ACCESS_TO_TEMPLATE',
      'sendvoicefromtemplate',
    ],
    [
      'POST /v1/voice/from-template, e-mail template',
      '/v1/voice/from-template',
      { ...FROM_TEMPLATE, templateId: 2 },
      404,
      'NOT_ACCESS_TO_TEMPLATE',
      'sendvoicefromtemplate',
    ],
    [
      'POST /v1/voice/bulk, e-mail group',
      '/v1/voice/bulk',
      { ...BULK, groupId: 2 },
      404,
      'NOT_ACCESS_TO_GROUP',
      'sendvoicetogroup',
    ],
    [
      'POST /v1/voice/bulk/from-template, unknown group',
      '/v1/voice/bulk/from-template',
      { ...BULK_FROM_TEMPLATE, groupId: 99 },
      404,
      'NOT_ACCESS_TO_GROUP',
      'sendvoicetogroupfromtemplate',
    ],
    [
      'POST /v1/voice/bulk/from-template, whatsapp template',
      '/v1/voice/bulk/from-template',
      { ...BULK_FROM_TEMPLATE, templateId: 3 },
      404,
      'NOT_ACCESS_TO_TEMPLATE',
      'sendvoicetogroupfromtemplate',
    ],
  ])('maps %s to %s', async (_label, path, body, status, code, method) => {
    const response = await request(gateway, 'POST', path, body);
    expectUpstreamError(response, status, code, { class: 'voice', method });
    expect(outbox(gateway)).toEqual([]);
  });

  it.each([
    ['/v1/voice', CALL, 'sendvoice'],
    ['/v1/voice/from-template', FROM_TEMPLATE, 'sendvoicefromtemplate'],
    ['/v1/voice/bulk', BULK, 'sendvoicetogroup'],
    ['/v1/voice/bulk/from-template', BULK_FROM_TEMPLATE, 'sendvoicetogroupfromtemplate'],
  ])('POST %s answers NO_CREDITS (402) once the balance runs out', async (path, body, method) => {
    drainBalance(gateway);
    expectUpstreamError(await request(gateway, 'POST', path, body), 402, 'NO_CREDITS', {
      class: 'voice',
      method,
    });
  });

  it.each([
    ['/v1/voice', 'no caller number', { ...CALL, from: undefined }, 'from'],
    ['/v1/voice', 'a caller name instead of a number', { ...CALL, from: 'Shop' }, 'from'],
    ['/v1/voice', 'a + in the number', { ...CALL, to: '+34600000001' }, 'to'],
    ['/v1/voice', 'a blank message', { ...CALL, message: ' ' }, 'message'],
    ['/v1/voice', 'a message over 1000 characters', { ...CALL, message: 'a'.repeat(1001) }, 'message'],
    ['/v1/voice', 'a language name', { ...CALL, language: 'Spanish' }, 'language'],
    ['/v1/voice', 'a past scheduledAt', { ...CALL, scheduledAt: '2020-01-01T00:00:00Z' }, 'scheduledAt'],
    [
      '/v1/voice/from-template',
      'a bad param key',
      { ...FROM_TEMPLATE, params: { 'first name': 'Eva' } },
      'params',
    ],
    ['/v1/voice/from-template', 'no template id', { ...FROM_TEMPLATE, templateId: undefined }, 'templateId'],
    ['/v1/voice/bulk', 'a sender, which bulk calls do not take', { ...BULK, from: '34900000000' }, 'from'],
    ['/v1/voice/bulk', 'group id 0', { ...BULK, groupId: 0 }, 'groupId'],
    [
      '/v1/voice/bulk/from-template',
      'an empty country code',
      { ...BULK_FROM_TEMPLATE, countryCode: '' },
      'countryCode',
    ],
  ])('POST %s rejects %s with 400 before calling Afilnet', async (path, _label, body, field) => {
    const calls = upstreamCalls(gateway);
    expectValidationFailure(await request(gateway, 'POST', path, body), field);
    expect(upstreamCalls(gateway)).toBe(calls);
  });

  it('GET /v1/voice/status rejects a malformed id list before calling Afilnet', async () => {
    const calls = upstreamCalls(gateway);
    expectValidationFailure(await request(gateway, 'GET', '/v1/voice/status?ids=1,,2'), 'ids');
    expect(upstreamCalls(gateway)).toBe(calls);
  });
});
