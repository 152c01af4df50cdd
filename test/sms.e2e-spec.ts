import { outbox, request, startGateway, type RunningGateway } from './support/gateway.js';
import {
  drainBalance,
  expectUpstreamError,
  expectValidationFailure,
  inHours,
  upstreamCalls,
  LEDGER_ID,
} from './support/messaging.js';

const SMS = { from: 'Shop', to: '34600000001', sms: 'Your order has shipped.' };
const FROM_TEMPLATE = { to: '34600000001', templateId: 1, params: { name: 'Eva' } };
const BULK = { from: 'Shop', countryCode: '34', groupId: 1, sms: 'Sale today!' };
const BULK_FROM_TEMPLATE = { countryCode: '34', groupId: 1, templateId: 1 };

describe('SMS over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  describe('POST /v1/sms', () => {
    it('sends one SMS and reports its id, credits, encoding and segments', async () => {
      const response = await request(gateway, 'POST', '/v1/sms', SMS);

      expect([response.status, response.body]).toEqual([
        201,
        { id: LEDGER_ID, messageId: '1', credits: 1, encoding: 'GSM-7', segments: 1 },
      ]);
      expect(outbox(gateway)).toEqual([
        expect.objectContaining({ channel: 'sms', destination: '34600000001', text: SMS.sms, credits: 1 }),
      ]);
      expect(gateway.sandbox!.state.balance).toBe(99);
    });

    it.each([
      ['a 161-character GSM-7 text', 'a'.repeat(161), 'GSM-7', 2],
      ['81 GSM extension characters, counted twice', '{€}'.repeat(27), 'GSM-7', 2],
      ['an emoji, which turns the text into UCS-2', `${'a'.repeat(69)}🙂`, 'UCS-2', 2],
    ])('bills %s per segment', async (_label, sms, encoding, segments) => {
      const response = await request(gateway, 'POST', '/v1/sms', { ...SMS, sms });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ encoding, segments, credits: segments });
      expect(gateway.sandbox!.state.balance).toBe(100 - segments);
    });

    it('accepts a numeric sender of up to 15 digits', async () => {
      const response = await request(gateway, 'POST', '/v1/sms', { ...SMS, from: '346000000000001' });
      expect(response.status).toBe(201);
    });

    it('schedules a send: the message waits as SCHEDULED, reported as pending', async () => {
      const sent = await request(gateway, 'POST', '/v1/sms', { ...SMS, scheduledAt: inHours(1) });
      const status = await request(gateway, 'GET', `/v1/sms/status?ids=${sent.body.messageId}`);

      expect(sent.status).toBe(201);
      expect([status.status, status.body]).toEqual([
        200,
        [{ messageId: sent.body.messageId, status: 'pending', deliveredAt: null, raw: 'SCHEDULED' }],
      ]);
    });

    it('answers NO_ROUTE_AVAILABLE (422) for the magic unroutable prefix 999', async () => {
      const response = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '99912345678' });

      expectUpstreamError(response, 422, 'NO_ROUTE_AVAILABLE', { class: 'sms', method: 'sendsms' });
      expect(outbox(gateway)).toEqual([]);
    });

    it('answers NO_CREDITS (402) once the balance runs out', async () => {
      drainBalance(gateway);
      const response = await request(gateway, 'POST', '/v1/sms', SMS);
      expectUpstreamError(response, 402, 'NO_CREDITS', { class: 'sms', method: 'sendsms' });
    });

    it.each([
      ['no sender', { ...SMS, from: undefined }, 'from'],
      ['a 12-character sender name', { ...SMS, from: 'ShopShopShop' }, 'from'],
      ['a sender with symbols', { ...SMS, from: 'Shop!' }, 'from'],
      ['a 16-digit sender number', { ...SMS, from: '3460000000000001' }, 'from'],
      ['a + in the number', { ...SMS, to: '+34600000001' }, 'to'],
      ['a too short number', { ...SMS, to: '3460000' }, 'to'],
      ['a number as a JSON number', { ...SMS, to: 34600000001 }, 'to'],
      ['an empty text', { ...SMS, sms: '' }, 'sms'],
      ['a blank text', { ...SMS, sms: '   ' }, 'sms'],
      ['a text over 1600 characters', { ...SMS, sms: 'a'.repeat(1601) }, 'sms'],
      ['a past scheduledAt', { ...SMS, scheduledAt: '2020-01-01T10:00:00Z' }, 'scheduledAt'],
      ['a scheduledAt without offset', { ...SMS, scheduledAt: '2030-01-01T10:00:00' }, 'scheduledAt'],
      ['a scheduledAt over a year ahead', { ...SMS, scheduledAt: inHours(24 * 400) }, 'scheduledAt'],
      ['an unknown property', { ...SMS, priority: 'high' }, 'priority'],
    ])('rejects %s with 400 before calling Afilnet', async (_label, body, field) => {
      const calls = upstreamCalls(gateway);
      expectValidationFailure(await request(gateway, 'POST', '/v1/sms', body), field);
      expect(upstreamCalls(gateway)).toBe(calls);
    });
  });

  describe('POST /v1/sms/from-template', () => {
    it('sends a stored mobile template with its placeholders filled', async () => {
      const response = await request(gateway, 'POST', '/v1/sms/from-template', FROM_TEMPLATE);

      expect([response.status, response.body]).toEqual([201, { id: LEDGER_ID, messageId: '1', credits: 1 }]);
      expect(outbox(gateway)[0]).toMatchObject({
        channel: 'sms',
        destination: '34600000001',
        text: 'Hello Eva, welcome aboard!',
      });
    });

    it.each([
      ['an unknown template', 99],
      ['an e-mail template', 2],
    ])('answers NOT_ACCESS_TO_TEMPLATE (404) for %s', async (_label, templateId) => {
      const response = await request(gateway, 'POST', '/v1/sms/from-template', {
        ...FROM_TEMPLATE,
        templateId,
      });
      expectUpstreamError(response, 404, 'NOT_ACCESS_TO_TEMPLATE', {
        class: 'sms',
        method: 'sendsmsfromtemplate',
      });
    });

    it('answers NO_ROUTE_AVAILABLE (422) and NO_CREDITS (402)', async () => {
      const unroutable = await request(gateway, 'POST', '/v1/sms/from-template', {
        ...FROM_TEMPLATE,
        to: '99912345678',
      });
      drainBalance(gateway);
      const broke = await request(gateway, 'POST', '/v1/sms/from-template', FROM_TEMPLATE);

      const upstream = { class: 'sms', method: 'sendsmsfromtemplate' };
      expectUpstreamError(unroutable, 422, 'NO_ROUTE_AVAILABLE', upstream);
      expectUpstreamError(broke, 402, 'NO_CREDITS', upstream);
    });

    it.each([
      ['template id 0', { ...FROM_TEMPLATE, templateId: 0 }, 'templateId'],
      ['a template id as a string', { ...FROM_TEMPLATE, templateId: '1' }, 'templateId'],
      ['params as a string', { ...FROM_TEMPLATE, params: 'name:Eva' }, 'params'],
      ['a comma in a param value', { ...FROM_TEMPLATE, params: { name: 'Eva, Ana' } }, 'params'],
      ['a colon in a param value', { ...FROM_TEMPLATE, params: { link: 'https://x' } }, 'params'],
      ['a nested param value', { ...FROM_TEMPLATE, params: { name: { first: 'Eva' } } }, 'params'],
      ['an invalid number', { ...FROM_TEMPLATE, to: '3460000000a' }, 'to'],
    ])('rejects %s with 400 before calling Afilnet', async (_label, body, field) => {
      const calls = upstreamCalls(gateway);
      expectValidationFailure(await request(gateway, 'POST', '/v1/sms/from-template', body), field);
      expect(upstreamCalls(gateway)).toBe(calls);
    });
  });

  describe('POST /v1/sms/bulk', () => {
    it('sends one SMS per contact of group 1, the country code in front of each number', async () => {
      const response = await request(gateway, 'POST', '/v1/sms/bulk', BULK);

      expect([response.status, response.body]).toEqual([
        201,
        {
          id: '1',
          count: 2,
          credits: 2,
          encoding: 'GSM-7',
          segments: 1,
          destinations: [
            { id: LEDGER_ID, messageId: '1', destination: '34600000001' },
            { id: LEDGER_ID, messageId: '2', destination: '34600000002' },
          ],
        },
      ]);
      expect(outbox(gateway).map((message) => [message.destination, message.text])).toEqual([
        ['34600000002', 'Sale today!'],
        ['34600000001', 'Sale today!'],
      ]);
    });

    it.each([
      ['an unknown group', 99],
      ['an e-mail group', 2],
    ])('answers NOT_ACCESS_TO_GROUP (404) for %s', async (_label, groupId) => {
      const response = await request(gateway, 'POST', '/v1/sms/bulk', { ...BULK, groupId });
      expectUpstreamError(response, 404, 'NOT_ACCESS_TO_GROUP', { class: 'sms', method: 'sendsmstogroup' });
    });

    it('answers NO_CREDITS (402) when the balance does not cover every contact, and sends none', async () => {
      const { state } = gateway.sandbox!;
      state.charge(state.balance - 1);

      const response = await request(gateway, 'POST', '/v1/sms/bulk', BULK);

      expectUpstreamError(response, 402, 'NO_CREDITS', { class: 'sms', method: 'sendsmstogroup' });
      expect(outbox(gateway)).toEqual([]);
    });

    it.each([
      ['a country code with +', { ...BULK, countryCode: '+34' }, 'countryCode'],
      ['a 5-digit country code', { ...BULK, countryCode: '34000' }, 'countryCode'],
      ['a country code as a number', { ...BULK, countryCode: 34 }, 'countryCode'],
      ['a negative group id', { ...BULK, groupId: -1 }, 'groupId'],
      ['a fractional group id', { ...BULK, groupId: 1.5 }, 'groupId'],
      ['no text', { ...BULK, sms: undefined }, 'sms'],
      ['a bad sender', { ...BULK, from: 'My shop' }, 'from'],
    ])('rejects %s with 400 before calling Afilnet', async (_label, body, field) => {
      const calls = upstreamCalls(gateway);
      expectValidationFailure(await request(gateway, 'POST', '/v1/sms/bulk', body), field);
      expect(upstreamCalls(gateway)).toBe(calls);
    });
  });

  describe('POST /v1/sms/bulk/from-template', () => {
    it("fills the template from each contact's fields", async () => {
      const response = await request(gateway, 'POST', '/v1/sms/bulk/from-template', BULK_FROM_TEMPLATE);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ count: 2, credits: 2 });
      expect(outbox(gateway).map((message) => [message.destination, message.text])).toEqual([
        ['34600000002', 'Hello Luis, welcome aboard!'],
        ['34600000001', 'Hello Ana, welcome aboard!'],
      ]);
    });

    it('answers NOT_ACCESS_TO_GROUP, NOT_ACCESS_TO_TEMPLATE (404) and NO_CREDITS (402)', async () => {
      const path = '/v1/sms/bulk/from-template';
      const noGroup = await request(gateway, 'POST', path, { ...BULK_FROM_TEMPLATE, groupId: 99 });
      const noTemplate = await request(gateway, 'POST', path, { ...BULK_FROM_TEMPLATE, templateId: 3 });
      drainBalance(gateway);
      const broke = await request(gateway, 'POST', path, BULK_FROM_TEMPLATE);

      const upstream = { class: 'sms', method: 'sendsmstogroupfromtemplate' };
      expectUpstreamError(noGroup, 404, 'NOT_ACCESS_TO_GROUP', upstream);
      expectUpstreamError(noTemplate, 404, 'NOT_ACCESS_TO_TEMPLATE', upstream);
      expectUpstreamError(broke, 402, 'NO_CREDITS', upstream);
    });

    it.each([
      ['no template id', { ...BULK_FROM_TEMPLATE, templateId: undefined }, 'templateId'],
      ['no country code', { ...BULK_FROM_TEMPLATE, countryCode: undefined }, 'countryCode'],
      ['params, which this method does not take', { ...BULK_FROM_TEMPLATE, params: { a: 1 } }, 'params'],
    ])('rejects %s with 400 before calling Afilnet', async (_label, body, field) => {
      const calls = upstreamCalls(gateway);
      expectValidationFailure(await request(gateway, 'POST', '/v1/sms/bulk/from-template', body), field);
      expect(upstreamCalls(gateway)).toBe(calls);
    });
  });

  describe('GET /v1/sms/status', () => {
    it('reports each id asked for, unknown ones as unknown', async () => {
      await request(gateway, 'POST', '/v1/sms', SMS);

      const response = await request(gateway, 'GET', '/v1/sms/status?ids=1,77');

      expect([response.status, response.body]).toEqual([
        200,
        [
          { messageId: '1', status: 'pending', deliveredAt: null, raw: 'PENDING' },
          { messageId: '77', status: 'unknown', deliveredAt: null, raw: 'NOT_FOUND' },
        ],
      ]);
    });

    it('does not report another channel’s message as an SMS', async () => {
      await request(gateway, 'POST', '/v1/email', {
        to: 'ana@example.com',
        subject: 'Hi',
        email: '<p>Hi</p>',
      });
      const response = await request(gateway, 'GET', '/v1/sms/status?ids=1');
      expect(response.body).toEqual([expect.objectContaining({ messageId: '1', status: 'unknown' })]);
    });

    it.each([
      ['no ids', ''],
      ['an empty list', '?ids='],
      ['a word', '?ids=abc'],
      ['id 0', '?ids=0'],
      ['a negative id', '?ids=-1'],
      ['a repeated id', '?ids=1,1'],
      ['101 ids', `?ids=${Array.from({ length: 101 }, (_, index) => index + 1).join(',')}`],
    ])('rejects %s with 400 before calling Afilnet', async (_label, query) => {
      const calls = upstreamCalls(gateway);
      expectValidationFailure(await request(gateway, 'GET', `/v1/sms/status${query}`), 'ids');
      expect(upstreamCalls(gateway)).toBe(calls);
    });

    it('accepts 100 ids', async () => {
      const ids = Array.from({ length: 100 }, (_, index) => index + 1).join(',');
      const response = await request(gateway, 'GET', `/v1/sms/status?ids=${ids}`);
      expect([response.status, response.body.length]).toEqual([200, 100]);
    });
  });

  describe('POST /v1/sms/segments', () => {
    it.each([
      ['plain GSM-7', 'Hello', 'GSM-7', 1, 5],
      ['81 euro signs (two places each)', '€'.repeat(81), 'GSM-7', 2, 81],
      ['an emoji with a skin tone', 'Thanks 👍🏽', 'UCS-2', 1, 8],
      ['71 accented letters outside GSM-7', 'á'.repeat(71), 'UCS-2', 2, 71],
    ])('counts %s without calling Afilnet', async (_label, sms, encoding, segments, characters) => {
      const calls = upstreamCalls(gateway);

      const response = await request(gateway, 'POST', '/v1/sms/segments', { sms });

      expect([response.status, response.body]).toEqual([200, { encoding, segments, characters }]);
      expect(upstreamCalls(gateway)).toBe(calls);
    });

    it('rejects an empty text', async () => {
      expectValidationFailure(await request(gateway, 'POST', '/v1/sms/segments', { sms: '' }), 'sms');
    });
  });
});

describe('SMS scheduling with an Afilnet account in another time zone', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ AFILNET_TIMEZONE: 'America/New_York' });
  });

  afterAll(() => gateway.close());

  it('is read by the simulated account in that zone: an hour ahead stays SCHEDULED', async () => {
    const sent = await request(gateway, 'POST', '/v1/sms', { ...SMS, scheduledAt: inHours(1) });
    const status = await request(gateway, 'GET', `/v1/sms/status?ids=${sent.body.messageId}`);

    expect(sent.status).toBe(201);
    expect(status.body).toEqual([
      { messageId: sent.body.messageId, status: 'pending', deliveredAt: null, raw: 'SCHEDULED' },
    ]);
  });
});
