import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { EmailModule } from '../email/email.module.js';
import { SmsModule } from '../sms/sms.module.js';
import { VoiceModule } from '../voice/voice.module.js';

/** An hour from now, with an offset: `scheduledAt` is checked against the real time (a year at most). */
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('sms, voice and e-mail controllers (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({
      imports: [SmsModule, VoiceModule, EmailModule],
      env: { AFILNET_TIMEZONE: 'Europe/Madrid' },
    });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  describe('POST /v1/sms', () => {
    it('sends one SMS with exactly the validated fields and answers 201 with the cost', async () => {
      slice.afilnet.answers('sms.send', { messageid: '77', credits: '2' });

      const sent = await slice.request('POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'Olé ✓' });

      expect(sent.status).toBe(201);
      expect(sent.body).toEqual({
        id: expect.stringMatching(/^msg_/),
        messageId: '77',
        credits: 2,
        encoding: 'UCS-2',
        segments: 1,
      });
      expect(slice.afilnet.calls).toEqual([
        { operation: 'sms.send', params: { from: 'Shop', to: '34600000001', sms: 'Olé ✓' } },
      ]);
    });

    it("sends scheduledAt as Afilnet's wall-clock time in AFILNET_TIMEZONE", async () => {
      slice.afilnet.answers('sms.send', { messageid: '78', credits: 1 });
      const at = new Date(Date.now() + 86_400_000);
      at.setUTCHours(9, 30, 0, 0);

      await slice.request('POST', '/v1/sms', {
        from: 'Shop',
        to: '34600000001',
        sms: 'later',
        scheduledAt: at.toISOString(),
      });

      const [{ scheduledAt }] = slice.afilnet.callsOf('sms.send');
      expect(scheduledAt).toMatch(/^\d{4}-\d{2}-\d{2} (10|11):30:00$/);
    });

    it('refuses an invalid body with every failing field named, and calls nothing', async () => {
      const refused = await slice.request('POST', '/v1/sms', {
        from: 'a sender name far too long',
        to: '+34 600',
        sms: '   ',
        scheduledAt: '2001-01-01T00:00:00Z',
      });

      expectInvalid(slice, refused, ['from', 'to', 'sms', 'scheduledAt']);
      expect(refused.body.errors).toContainEqual({
        field: 'from',
        message: 'from must be up to 11 letters and digits, or up to 15 digits',
      });
    });

    it('refuses unknown fields and an empty body', async () => {
      const unknown = await slice.request('POST', '/v1/sms', {
        from: 'Shop',
        to: '34600000001',
        sms: 'hi',
        priority: 'high',
      });
      const missing = await slice.request('POST', '/v1/sms', {});

      expectInvalid(slice, unknown, ['priority']);
      expectInvalid(slice, missing, ['from', 'to', 'sms']);
    });

    it.each([
      ['NO_CREDITS', 402, 'NO_CREDITS'],
      ['NO_ROUTE_AVAILABLE', 422, 'NO_ROUTE_AVAILABLE'],
      ['INCORRECT_USER_PASSWORD', 502, 'UPSTREAM_AUTH_FAILED'],
      ['INCORRECT_METHOD', 502, 'UPSTREAM_CONTRACT_ERROR'],
      ['SOMETHING_NEW', 502, 'UPSTREAM_ERROR'],
    ])('answers Afilnet error %s as %i %s, naming the upstream call', async (afilnet, status, code) => {
      slice.afilnet.rejects('sms.send', afilnet);

      const failed = await slice.request('POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'hi' });

      expectProblem(failed, status, code);
      expect(failed.body.upstream).toEqual({ class: 'sms', method: 'sendsms', error: afilnet });
    });

    it.each([
      ['timeout', 504, 'UPSTREAM_TIMEOUT'],
      ['unreachable', 502, 'UPSTREAM_UNAVAILABLE'],
      ['bad_response', 502, 'UPSTREAM_BAD_RESPONSE'],
    ] as const)('answers a transport failure (%s) as %i %s', async (failure, status, code) => {
      slice.afilnet.failsInTransport('sms.send', failure);

      const failed = await slice.request('POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'hi' });

      expectProblem(failed, status, code);
      expect(failed.headers['retry-after']).toBeUndefined();
    });

    it('answers an open circuit 503 with Retry-After', async () => {
      slice.afilnet.failsInTransport('sms.send', 'circuit_open', 4.2);

      const failed = await slice.request('POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'hi' });

      expectProblem(failed, 503, 'UPSTREAM_UNAVAILABLE');
      expect(failed.headers['retry-after']).toBe('5');
    });
  });

  describe('the shared send shapes of sms, voice and e-mail', () => {
    it('sends from a template with the values as key:value pairs', async () => {
      slice.afilnet.answers('sms.sendFromTemplate', { messageid: 5, credits: 1 });
      slice.afilnet.answers('voice.sendFromTemplate', { messageid: 6, credits: 3 });
      slice.afilnet.answers('email.sendFromTemplate', { messageid: 7, credits: 1 });
      const params = { name: 'Ana', order: 1234 };

      const answers = [
        await slice.request('POST', '/v1/sms/from-template', { to: '34600000001', templateId: 3, params }),
        await slice.request('POST', '/v1/voice/from-template', { to: '34600000001', templateId: 4 }),
        await slice.request('POST', '/v1/email/from-template', {
          to: 'ana@example.com',
          templateId: 5,
          params,
        }),
      ];

      expect(answers.map((answer): unknown[] => [answer.status, answer.body])).toEqual([
        [201, { id: expect.stringMatching(/^msg_/), messageId: '5', credits: 1 }],
        [201, { id: expect.stringMatching(/^msg_/), messageId: '6', credits: 3 }],
        [201, { id: expect.stringMatching(/^msg_/), messageId: '7', credits: 1 }],
      ]);
      expect(slice.afilnet.calls).toEqual([
        {
          operation: 'sms.sendFromTemplate',
          params: { to: '34600000001', templateId: 3, params: 'name:Ana,order:1234' },
        },
        { operation: 'voice.sendFromTemplate', params: { to: '34600000001', templateId: 4 } },
        {
          operation: 'email.sendFromTemplate',
          params: { to: 'ana@example.com', templateId: 5, params: 'name:Ana,order:1234' },
        },
      ]);
    });

    it('sends to a group and lists one message per contact', async () => {
      const result = {
        id: 'B1',
        count: '2',
        credits: 2,
        destinations: [
          { messageid: 11, destination: '34600000001' },
          { messageid: 12, destination: '34600000002' },
        ],
      };
      slice.afilnet.answers('sms.sendToGroup', result);
      slice.afilnet.answers('voice.sendToGroup', result);
      slice.afilnet.answers('email.sendToGroup', { id: 'B2', credits: 0, destinations: [] });

      const sms = await slice.request('POST', '/v1/sms/bulk', {
        from: 'Shop',
        countryCode: '34',
        groupId: 9,
        sms: 'hi all',
      });
      const voice = await slice.request('POST', '/v1/voice/bulk', {
        countryCode: '34',
        groupId: 9,
        message: 'hello all',
      });
      const email = await slice.request('POST', '/v1/email/bulk', {
        groupId: 10,
        subject: 'News',
        email: '<p>hi</p>',
      });

      const destinations = [
        { id: expect.stringMatching(/^msg_/), messageId: '11', destination: '34600000001' },
        { id: expect.stringMatching(/^msg_/), messageId: '12', destination: '34600000002' },
      ];
      expect([sms.status, sms.body]).toEqual([
        201,
        { id: 'B1', count: 2, credits: 2, destinations, encoding: 'GSM-7', segments: 1 },
      ]);
      expect([voice.status, voice.body]).toEqual([201, { id: 'B1', count: 2, credits: 2, destinations }]);
      expect([email.status, email.body]).toEqual([201, { id: 'B2', count: 0, credits: 0, destinations: [] }]);
      expect(slice.afilnet.calls.map((call) => [call.operation, call.params])).toEqual([
        ['sms.sendToGroup', { from: 'Shop', countryCode: '34', groupId: 9, sms: 'hi all' }],
        ['voice.sendToGroup', { countryCode: '34', groupId: 9, message: 'hello all' }],
        ['email.sendToGroup', { subject: 'News', groupId: 10, email: '<p>hi</p>' }],
      ]);
    });

    it('sends a template to a group', async () => {
      slice.afilnet.answers('sms.sendToGroupFromTemplate', { id: 'T1', count: 0, destinations: [] });
      slice.afilnet.answers('voice.sendToGroupFromTemplate', { id: 'T2', count: 0, destinations: [] });
      slice.afilnet.answers('email.sendToGroupFromTemplate', { id: 'T3', count: 0, destinations: [] });
      const scheduledAt = inOneHour();

      const statuses = [
        (
          await slice.request('POST', '/v1/sms/bulk/from-template', {
            countryCode: '34',
            groupId: 1,
            templateId: 2,
          })
        ).status,
        (
          await slice.request('POST', '/v1/voice/bulk/from-template', {
            countryCode: '34',
            groupId: 1,
            templateId: 2,
            scheduledAt,
          })
        ).status,
        (await slice.request('POST', '/v1/email/bulk/from-template', { groupId: 3, templateId: 4 })).status,
      ];

      expect(statuses).toEqual([201, 201, 201]);
      expect(slice.afilnet.calls.map((call) => call.operation)).toEqual([
        'sms.sendToGroupFromTemplate',
        'voice.sendToGroupFromTemplate',
        'email.sendToGroupFromTemplate',
      ]);
      expect(slice.afilnet.callsOf('voice.sendToGroupFromTemplate')[0]).toEqual({
        countryCode: '34',
        groupId: 1,
        templateId: 2,
        scheduledAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      });
    });

    it('sends a voice call with its language, and an e-mail with its attachments as one JSON string', async () => {
      slice.afilnet.answers('voice.send', { messageid: 1, credits: 2 });
      slice.afilnet.answers('email.send', { messageid: 2, credits: 1 });
      const attachments = [{ url: 'https://example.com/a.pdf', name: 'a.pdf' }];

      await slice.request('POST', '/v1/voice', {
        to: '34600000001',
        from: '34900000000',
        message: 'hola',
        language: 'es',
      });
      await slice.request('POST', '/v1/email', {
        to: 'ana@example.com',
        subject: 'Invoice',
        email: '<p>attached</p>',
        attachments,
      });

      expect(slice.afilnet.calls).toEqual([
        {
          operation: 'voice.send',
          params: { to: '34600000001', from: '34900000000', message: 'hola', language: 'es' },
        },
        {
          operation: 'email.send',
          params: {
            to: 'ana@example.com',
            subject: 'Invoice',
            email: '<p>attached</p>',
            attachments: JSON.stringify(attachments),
          },
        },
      ]);
    });

    it('refuses invalid voice and e-mail fields', async () => {
      const voice = await slice.request('POST', '/v1/voice', {
        to: '34600000001',
        from: 'x',
        message: 'hi',
        language: 'spanish',
      });
      const email = await slice.request('POST', '/v1/email', {
        to: 'not-an-address',
        subject: 'two\nlines',
        email: '<p>hi</p>',
        attachments: [{ url: 'http://example.com/a.pdf', name: 'a.pdf' }],
      });

      expectInvalid(slice, voice, ['from', 'language']);
      expectInvalid(slice, email, ['to', 'subject', 'attachments[0].url']);
    });
  });

  describe('GET /v1/{channel}/status', () => {
    it('asks for the ids comma-separated and normalises the statuses', async () => {
      slice.afilnet.answers('sms.status', [
        { messageid: 1, deliverystatus: 'DELIVRD', deliverydate: '2030-01-15 10:30:00' },
        { messageid: 2, deliverystatus: 'QUEUED' },
      ]);

      const statuses = await slice.request('GET', '/v1/sms/status?ids=1,2');

      expect(statuses.status).toBe(200);
      expect(statuses.body).toEqual([
        { messageId: '1', status: 'delivered', deliveredAt: '2030-01-15T09:30:00.000Z', raw: 'DELIVRD' },
        { messageId: '2', status: 'pending', deliveredAt: null, raw: 'QUEUED' },
      ]);
      expect(slice.afilnet.calls).toEqual([{ operation: 'sms.status', params: { ids: '1,2' } }]);
    });

    it('calls the status operation of each channel', async () => {
      slice.afilnet.answers('voice.status', []);
      slice.afilnet.answers('email.status', { list: [{ messageid: 3, deliverystatus: 'whatever' }] });

      const voice = await slice.request('GET', '/v1/voice/status?ids=5');
      const email = await slice.request('GET', '/v1/email/status?ids=3&ids=4');

      expect([voice.status, voice.body]).toEqual([200, []]);
      expect(email.body).toEqual([{ messageId: '3', status: 'unknown', deliveredAt: null, raw: 'whatever' }]);
      expect(slice.afilnet.calls.map((call) => [call.operation, call.params])).toEqual([
        ['voice.status', { ids: '5' }],
        ['email.status', { ids: '3,4' }],
      ]);
    });

    it('answers an unreadable status result 502 UPSTREAM_BAD_RESPONSE', async () => {
      slice.afilnet.answers('sms.status', 'not a list');

      expectProblem(await slice.request('GET', '/v1/sms/status?ids=1'), 502, 'UPSTREAM_BAD_RESPONSE');
    });

    it('refuses missing, repeated and malformed ids', async () => {
      expectInvalid(slice, await slice.request('GET', '/v1/sms/status'), ['ids']);
      expectInvalid(slice, await slice.request('GET', '/v1/sms/status?ids=1,1'), ['ids']);
      expectInvalid(slice, await slice.request('GET', '/v1/voice/status?ids=0,abc'), ['ids']);
    });
  });

  describe('POST /v1/sms/segments', () => {
    it('computes the segments without calling Afilnet (200, not 201)', async () => {
      const counted = await slice.request('POST', '/v1/sms/segments', { sms: 'x'.repeat(161) });

      expect([counted.status, counted.body]).toEqual([
        200,
        { encoding: 'GSM-7', segments: 2, characters: 161 },
      ]);
      expect(slice.afilnet.calls).toEqual([]);
    });
  });

  it('answers an unknown route 404 NOT_FOUND as problem+json', async () => {
    expectProblem(await slice.request('GET', '/v1/fax'), 404, 'NOT_FOUND');
  });
});
