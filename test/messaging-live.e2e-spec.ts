import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { expectOneFormPost, LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';
import { LEDGER_ID } from './support/messaging.js';

/** The next 15 January, 09:30 UTC: in Madrid's winter time (UTC+1) and always less than a year ahead. */
function nextJanuary15(): { iso: string; madrid: string } {
  const now = new Date();
  const thisYear = Date.UTC(now.getUTCFullYear(), 0, 15, 9, 30);
  const year = thisYear > now.getTime() + 60_000 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
  return { iso: `${year}-01-15T09:30:00Z`, madrid: `${year}-01-15 10:30:00` };
}

const WINTER = nextJanuary15();
const SEND_RESULT = { messageid: '77', credits: '1' };

describe('live mode: each messaging operation sends exactly its class, method and parameters', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_BASE_URL: await upstream.start() });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result: SEND_RESULT }));
  });

  it.each([
    [
      'POST /v1/sms',
      'POST',
      '/v1/sms',
      { from: 'Shop', to: '34600000001', sms: 'Hello Ana', scheduledAt: WINTER.iso },
      {
        class: 'sms',
        method: 'sendsms',
        from: 'Shop',
        to: '34600000001',
        sms: 'Hello Ana',
        scheduledatetime: WINTER.madrid,
      },
    ],
    [
      'POST /v1/sms (sent now: no scheduledatetime)',
      'POST',
      '/v1/sms',
      { from: 'Shop', to: '34600000001', sms: 'Hello', scheduledAt: null },
      { class: 'sms', method: 'sendsms', from: 'Shop', to: '34600000001', sms: 'Hello' },
    ],
    [
      'POST /v1/sms/from-template',
      'POST',
      '/v1/sms/from-template',
      { to: '34600000001', templateId: 5, params: { name: 'Ana María', code: 1234 } },
      {
        class: 'sms',
        method: 'sendsmsfromtemplate',
        to: '34600000001',
        idtemplate: '5',
        params: 'name:Ana María,code:1234',
      },
    ],
    [
      'POST /v1/sms/bulk',
      'POST',
      '/v1/sms/bulk',
      { from: '34900000000', countryCode: '351', groupId: 7, sms: 'Sale' },
      {
        class: 'sms',
        method: 'sendsmstogroup',
        from: '34900000000',
        countrycode: '351',
        idgroup: '7',
        sms: 'Sale',
      },
    ],
    [
      'POST /v1/sms/bulk/from-template',
      'POST',
      '/v1/sms/bulk/from-template',
      { countryCode: '34', groupId: 7, templateId: 5, scheduledAt: WINTER.iso },
      {
        class: 'sms',
        method: 'sendsmstogroupfromtemplate',
        countrycode: '34',
        idgroup: '7',
        idtemplate: '5',
        scheduledatetime: WINTER.madrid,
      },
    ],
    [
      'GET /v1/sms/status',
      'GET',
      '/v1/sms/status?ids=1,22,333',
      undefined,
      { class: 'sms', method: 'getdeliverystatus', messages: '1,22,333' },
    ],
    [
      'POST /v1/voice',
      'POST',
      '/v1/voice',
      { to: '34600000001', from: '34900000000', message: 'Hi', language: 'es', scheduledAt: WINTER.iso },
      {
        class: 'voice',
        method: 'sendvoice',
        to: '34600000001',
        from: '34900000000',
        message: 'Hi',
        language: 'es',
        scheduledatetime: WINTER.madrid,
      },
    ],
    [
      'POST /v1/voice/from-template',
      'POST',
      '/v1/voice/from-template',
      { to: '34600000001', templateId: 5 },
      { class: 'voice', method: 'sendvoicefromtemplate', to: '34600000001', idtemplate: '5' },
    ],
    [
      'POST /v1/voice/bulk',
      'POST',
      '/v1/voice/bulk',
      { countryCode: '34', groupId: 7, message: 'Hi' },
      { class: 'voice', method: 'sendvoicetogroup', countrycode: '34', idgroup: '7', message: 'Hi' },
    ],
    [
      'POST /v1/voice/bulk/from-template',
      'POST',
      '/v1/voice/bulk/from-template',
      { countryCode: '34', groupId: 7, templateId: 5 },
      {
        class: 'voice',
        method: 'sendvoicetogroupfromtemplate',
        countrycode: '34',
        idgroup: '7',
        idtemplate: '5',
      },
    ],
    [
      'GET /v1/voice/status',
      'GET',
      '/v1/voice/status?ids=9',
      undefined,
      { class: 'voice', method: 'getdeliverystatus', messages: '9' },
    ],
    [
      'POST /v1/email',
      'POST',
      '/v1/email',
      {
        to: 'ana@example.com',
        subject: 'Invoice',
        email: '<p>Hi</p>',
        attachments: [{ url: 'https://example.com/a.pdf', name: 'a.pdf' }],
      },
      {
        class: 'email',
        method: 'sendemail',
        to: 'ana@example.com',
        subject: 'Invoice',
        email: '<p>Hi</p>',
        attachments: '[{"url":"https://example.com/a.pdf","name":"a.pdf"}]',
      },
    ],
    [
      'POST /v1/email/from-template',
      'POST',
      '/v1/email/from-template',
      { to: 'ana@example.com', templateId: 6, params: { name: 'Ana' }, scheduledAt: WINTER.iso },
      {
        class: 'email',
        method: 'sendemailfromtemplate',
        to: 'ana@example.com',
        idtemplate: '6',
        params: 'name:Ana',
        scheduledatetime: WINTER.madrid,
      },
    ],
    [
      'POST /v1/email/bulk',
      'POST',
      '/v1/email/bulk',
      { subject: 'News', groupId: 8, email: '<p>News</p>' },
      { class: 'email', method: 'sendemailtogroup', subject: 'News', idgroup: '8', email: '<p>News</p>' },
    ],
    [
      'POST /v1/email/bulk/from-template',
      'POST',
      '/v1/email/bulk/from-template',
      { groupId: 8, templateId: 6 },
      { class: 'email', method: 'sendemailtogroupfromtemplate', idgroup: '8', idtemplate: '6' },
    ],
    [
      'GET /v1/email/status',
      'GET',
      '/v1/email/status?ids=4,5',
      undefined,
      { class: 'email', method: 'getdeliverystatus', messages: '4,5' },
    ],
    [
      'POST /v1/whatsapp/messages',
      'POST',
      '/v1/whatsapp/messages',
      { channelId: 100, to: '34600000001', message: 'Hi' },
      {
        class: 'whatsapp',
        method: 'sendmessage',
        platformid: '100',
        destination: '34600000001',
        message: 'Hi',
      },
    ],
    [
      'POST /v1/whatsapp/files',
      'POST',
      '/v1/whatsapp/files',
      {
        channelId: 100,
        to: '34600000001',
        fileUrl: 'https://example.com/a.pdf',
        fileName: 'a.pdf',
        caption: 'Yours',
      },
      {
        class: 'whatsapp',
        method: 'sendfile',
        platformid: '100',
        destination: '34600000001',
        url: 'https://example.com/a.pdf',
        filename: 'a.pdf',
        caption: 'Yours',
      },
    ],
    [
      'GET /v1/chat/channels',
      'GET',
      '/v1/chat/channels',
      undefined,
      { class: 'chat', method: 'getchatchannels' },
    ],
    [
      'POST /v1/chat/messages',
      'POST',
      '/v1/chat/messages',
      { platform: 'telegram', channelId: 300, destination: '123456789', message: 'Hi' },
      {
        class: 'chat',
        method: 'sendmessage',
        platform: 'telegram',
        platformid: '300',
        destination: '123456789',
        message: 'Hi',
      },
    ],
  ])('%s', async (_label, method, path, body, expected) => {
    // Lists for the reads, so every normaliser gets something it can read.
    upstream.respond((_request, response) =>
      json(response, { status: 'SUCCESS', result: method === 'GET' ? [] : SEND_RESULT }),
    );

    const response = await request(gateway, method, path, body);

    expect(response.status).toBeLessThan(300);
    expectOneFormPost(upstream, expected);
  });

  it('reads send results loosely: numbers as strings, nothing at all for WhatsApp', async () => {
    const sms = await request(gateway, 'POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'Hi 🙂' });
    upstream.respond((_request, response) => json(response, { status: 'success', result: null }));
    const whatsapp = await request(gateway, 'POST', '/v1/whatsapp/messages', {
      channelId: 100,
      to: '34600000001',
      message: 'Hi',
    });

    expect([sms.status, sms.body]).toEqual([
      201,
      { id: LEDGER_ID, messageId: '77', credits: 1, encoding: 'UCS-2', segments: 1 },
    ]);
    expect([whatsapp.status, whatsapp.body]).toEqual([
      201,
      { id: LEDGER_ID, messageId: null, credits: null },
    ]);
  });

  it('normalises a bulk result', async () => {
    upstream.respond((_request, response) =>
      json(response, {
        status: 'SUCCESS',
        result: {
          id: 88,
          count: '2',
          credits: '2',
          destinations: [
            { messageid: 1, destination: '34600000001' },
            { messageid: '2', destination: '34600000002' },
          ],
        },
      }),
    );

    const response = await request(gateway, 'POST', '/v1/sms/bulk', {
      from: 'Shop',
      countryCode: '34',
      groupId: 1,
      sms: 'Sale',
    });

    expect([response.status, response.body]).toEqual([
      201,
      {
        id: '88',
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
  });

  it("normalises delivery statuses, reading Afilnet's dates in AFILNET_TIMEZONE", async () => {
    upstream.respond((_request, response) =>
      json(response, {
        status: 'SUCCESS',
        result: [
          { messageid: '1', sms: 'Hi', deliverydate: '2026-07-01 12:00:00', deliverystatus: 'DELIVRD' },
          { messageid: '2', sms: 'Hi', deliverydate: '', deliverystatus: 'queued' },
          { messageid: '3', sms: 'Hi', deliverydate: '2026-07-01 12:00:00', deliverystatus: 'UNDELIV' },
          { messageid: '4', sms: 'Hi', deliverydate: '', deliverystatus: 'MYSTERY' },
        ],
      }),
    );

    const response = await request(gateway, 'GET', '/v1/sms/status?ids=1,2,3,4');

    expect([response.status, response.body]).toEqual([
      200,
      [
        { messageId: '1', status: 'delivered', deliveredAt: '2026-07-01T10:00:00.000Z', raw: 'DELIVRD' },
        { messageId: '2', status: 'pending', deliveredAt: null, raw: 'queued' },
        { messageId: '3', status: 'failed', deliveredAt: null, raw: 'UNDELIV' },
        { messageId: '4', status: 'unknown', deliveredAt: null, raw: 'MYSTERY' },
      ],
    ]);
  });

  it('answers UPSTREAM_BAD_RESPONSE when a status or channel result is not a list', async () => {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result: 'ok' }));

    const status = await request(gateway, 'GET', '/v1/voice/status?ids=1');
    const channels = await request(gateway, 'GET', '/v1/chat/channels');

    expect([status.status, status.body.code]).toEqual([502, 'UPSTREAM_BAD_RESPONSE']);
    expect([channels.status, channels.body.code]).toEqual([502, 'UPSTREAM_BAD_RESPONSE']);
  });

  it('reads the documented chat channel list', async () => {
    upstream.respond((_request, response) =>
      json(response, {
        status: 'SUCCESS',
        result: { list: [{ platformid: '12', platform: 'whatsapp', name: 'Support' }] },
      }),
    );

    const response = await request(gateway, 'GET', '/v1/chat/channels');

    expect([response.status, response.body]).toEqual([
      200,
      [{ channelId: 12, platform: 'whatsapp', name: 'Support' }],
    ]);
  });

  it('maps an Afilnet error of a send to its status', async () => {
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: 'CHANNEL_NOT_FOUND' }));

    const response = await request(gateway, 'POST', '/v1/chat/messages', {
      platform: 'webchat',
      channelId: 1,
      destination: 'x',
      message: 'Hi',
    });

    expect([response.status, response.body.code, response.body.upstream]).toEqual([
      404,
      'CHANNEL_NOT_FOUND',
      { class: 'chat', method: 'sendmessage', error: 'CHANNEL_NOT_FOUND' },
    ]);
  });

  it.each([
    ['GET', '/v1/sandbox/messages'],
    ['POST', '/v1/sandbox/reset'],
  ])('has no %s %s: the sandbox routes exist in sandbox mode only', async (method, path) => {
    const response = await request(gateway, method, path);

    expect([response.status, response.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(upstream.received).toHaveLength(0);
  });
});
