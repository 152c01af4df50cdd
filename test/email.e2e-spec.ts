import { outbox, request, startGateway, type RunningGateway } from './support/gateway.js';
import {
  drainBalance,
  expectUpstreamError,
  expectValidationFailure,
  inHours,
  upstreamCalls,
  LEDGER_ID,
} from './support/messaging.js';

const EMAIL = { to: 'eva@example.com', subject: 'Your invoice', email: '<p>Hello Eva</p>' };
const FROM_TEMPLATE = { to: 'eva@example.com', templateId: 2, params: { name: 'Eva' } };
const BULK = { subject: 'News', groupId: 2, email: '<p>News of the month</p>' };
const BULK_FROM_TEMPLATE = { groupId: 2, templateId: 2 };
const ATTACHMENT = { url: 'https://example.com/invoice.pdf', name: 'invoice.pdf' };

describe('e-mail over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  it('sends one e-mail with its attachments', async () => {
    const response = await request(gateway, 'POST', '/v1/email', {
      ...EMAIL,
      attachments: [ATTACHMENT],
      scheduledAt: null,
    });

    expect([response.status, response.body]).toEqual([201, { id: LEDGER_ID, messageId: '1', credits: 1 }]);
    expect(outbox(gateway)).toEqual([
      expect.objectContaining({
        channel: 'email',
        destination: 'eva@example.com',
        text: 'Your invoice\n\n<p>Hello Eva</p>\n[attachment] invoice.pdf <https://example.com/invoice.pdf>',
      }),
    ]);
  });

  it('schedules an e-mail', async () => {
    const sent = await request(gateway, 'POST', '/v1/email', { ...EMAIL, scheduledAt: inHours(3) });
    const status = await request(gateway, 'GET', '/v1/email/status?ids=1');

    expect(sent.status).toBe(201);
    expect(status.body).toEqual([{ messageId: '1', status: 'pending', deliveredAt: null, raw: 'SCHEDULED' }]);
  });

  it('sends a stored e-mail template, its title as the subject', async () => {
    const response = await request(gateway, 'POST', '/v1/email/from-template', FROM_TEMPLATE);

    expect(response.status).toBe(201);
    expect(outbox(gateway)[0]).toMatchObject({
      destination: 'eva@example.com',
      text: 'Newsletter\n\n<h1>Hello Eva</h1><p>News of the month.</p>',
    });
  });

  it('sends to every address of group 2', async () => {
    const response = await request(gateway, 'POST', '/v1/email/bulk', BULK);

    expect([response.status, response.body]).toEqual([
      201,
      {
        id: '1',
        count: 2,
        credits: 2,
        destinations: [
          { id: LEDGER_ID, messageId: '1', destination: 'ana@example.com' },
          { id: LEDGER_ID, messageId: '2', destination: 'luis@example.com' },
        ],
      },
    ]);
  });

  it("sends a template to group 2, filled from each contact's fields", async () => {
    const response = await request(gateway, 'POST', '/v1/email/bulk/from-template', BULK_FROM_TEMPLATE);

    expect(response.status).toBe(201);
    expect(outbox(gateway).map((message) => [message.destination, message.text])).toEqual([
      ['luis@example.com', 'Newsletter\n\n<h1>Hello Luis</h1><p>News of the month.</p>'],
      ['ana@example.com', 'Newsletter\n\n<h1>Hello Ana</h1><p>News of the month.</p>'],
    ]);
  });

  it.each([
    [
      'an address at the magic no-route domain',
      '/v1/email',
      { ...EMAIL, to: 'eva@no-route.example' },
      422,
      'NO_ROUTE_AVAILABLE',
      'sendemail',
    ],
    [
      'an address at the magic no-route domain, from a template',
      '/v1/email/from-template',
      { ...FROM_TEMPLATE, to: 'eva@no-route.example' },
      422,
      'NO_ROUTE_AVAILABLE',
      'sendemailfromtemplate',
    ],
    [
      'a mobile template',
      '/v1/email/from-template',
      { ...FROM_TEMPLATE, templateId: 1 },
      404,
      'NOT_ACCESS_TO_TEMPLATE',
      'sendemailfromtemplate',
    ],
    [
      'a mobile group',
      '/v1/email/bulk',
      { ...BULK, groupId: 1 },
      404,
      'NOT_ACCESS_TO_GROUP',
      'sendemailtogroup',
    ],
    [
      'an unknown group, from a template',
      '/v1/email/bulk/from-template',
      { ...BULK_FROM_TEMPLATE, groupId: 99 },
      404,
      'NOT_ACCESS_TO_GROUP',
      'sendemailtogroupfromtemplate',
    ],
    [
      'an unknown template to a group',
      '/v1/email/bulk/from-template',
      { ...BULK_FROM_TEMPLATE, templateId: 99 },
      404,
      'NOT_ACCESS_TO_TEMPLATE',
      'sendemailtogroupfromtemplate',
    ],
  ])('maps %s to its Afilnet error', async (_label, path, body, status, code, method) => {
    const response = await request(gateway, 'POST', path, body);
    expectUpstreamError(response, status, code, { class: 'email', method });
    expect(outbox(gateway)).toEqual([]);
  });

  it.each([
    ['/v1/email', EMAIL, 'sendemail'],
    ['/v1/email/from-template', FROM_TEMPLATE, 'sendemailfromtemplate'],
    ['/v1/email/bulk', BULK, 'sendemailtogroup'],
    ['/v1/email/bulk/from-template', BULK_FROM_TEMPLATE, 'sendemailtogroupfromtemplate'],
  ])('POST %s answers NO_CREDITS (402) once the balance runs out', async (path, body, method) => {
    drainBalance(gateway);
    expectUpstreamError(await request(gateway, 'POST', path, body), 402, 'NO_CREDITS', {
      class: 'email',
      method,
    });
  });

  it.each([
    ['/v1/email', 'an invalid address', { ...EMAIL, to: 'eva@' }, 'to'],
    ['/v1/email', 'a phone number as address', { ...EMAIL, to: '34600000001' }, 'to'],
    ['/v1/email', 'a subject on two lines', { ...EMAIL, subject: 'Hi\r\nBcc: x@example.com' }, 'subject'],
    ['/v1/email', 'a subject over 200 characters', { ...EMAIL, subject: 's'.repeat(201) }, 'subject'],
    ['/v1/email', 'an empty body', { ...EMAIL, email: '' }, 'email'],
    ['/v1/email', 'a body over 100 KiB', { ...EMAIL, email: 'x'.repeat(100 * 1024 + 1) }, 'email'],
    ['/v1/email', 'attachments as a string', { ...EMAIL, attachments: 'invoice.pdf' }, 'attachments'],
    ['/v1/email', 'an empty attachment list', { ...EMAIL, attachments: [] }, 'attachments'],
    [
      '/v1/email',
      'eleven attachments',
      { ...EMAIL, attachments: Array.from({ length: 11 }, () => ATTACHMENT) },
      'attachments',
    ],
    [
      '/v1/email',
      'an http attachment URL',
      { ...EMAIL, attachments: [{ ...ATTACHMENT, url: 'http://example.com/invoice.pdf' }] },
      'attachments[0].url',
    ],
    [
      '/v1/email',
      'an attachment without a name',
      { ...EMAIL, attachments: [{ url: ATTACHMENT.url }] },
      'attachments[0].name',
    ],
    [
      '/v1/email',
      'an attachment with an unknown field',
      { ...EMAIL, attachments: [{ ...ATTACHMENT, size: 1 }] },
      'attachments[0].size',
    ],
    [
      '/v1/email/from-template',
      'a line break in a param',
      { ...FROM_TEMPLATE, params: { name: 'E\nva' } },
      'params',
    ],
    [
      '/v1/email/bulk',
      'a country code, which e-mail groups do not take',
      { ...BULK, countryCode: '34' },
      'countryCode',
    ],
    ['/v1/email/bulk', 'no subject', { ...BULK, subject: undefined }, 'subject'],
    ['/v1/email/bulk/from-template', 'a string group id', { ...BULK_FROM_TEMPLATE, groupId: '2' }, 'groupId'],
  ])('POST %s rejects %s with 400 before calling Afilnet', async (path, _label, body, field) => {
    const calls = upstreamCalls(gateway);
    expectValidationFailure(await request(gateway, 'POST', path, body), field);
    expect(upstreamCalls(gateway)).toBe(calls);
  });

  it('GET /v1/email/status rejects ids that are not numbers before calling Afilnet', async () => {
    const calls = upstreamCalls(gateway);
    expectValidationFailure(await request(gateway, 'GET', '/v1/email/status?ids=1,abc'), 'ids');
    expect(upstreamCalls(gateway)).toBe(calls);
  });
});
