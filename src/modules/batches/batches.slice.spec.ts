import { eventually } from '../../../test/support/eventually.js';
import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { BatchesModule } from './batches.module.js';

/** An hour from now, with an offset: `scheduledAt` is checked against the real time. */
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('batches (slice: real pipes, filter, database and sender; fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [BatchesModule], env: { AFILNET_SENDS_PER_SECOND: '1000' } });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  /** Moves the (manual) clock a second at a time, so that the pace lets the sender go on, until `done` holds. */
  function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    return eventually(async () => {
      const value = await read();
      if (done(value)) return value;
      slice.clock.advance(1000);
      return false;
    });
  }

  /** The fields of `GET /v1/batches/{id}` these tests read. */
  interface BatchView {
    readonly status: string;
    readonly sending: number;
  }

  const batch = async (id: string) => (await slice.request<BatchView>('GET', `/v1/batches/${id}`)).body;
  const settled = (id: string, status: string) =>
    until(
      () => batch(id),
      (now) => now.status === status && now.sending === 0,
    );

  async function queue(body: unknown): Promise<string> {
    const accepted = await slice.request('POST', '/v1/batches', body);
    expect(accepted.status).toBe(202);
    return (accepted.body as { id: string }).id;
  }

  it('sends each SMS recipient its own text, as POST /v1/sms would, and completes with the counts', async () => {
    slice.afilnet
      .answers('sms.send', { messageid: '1', credits: 1 })
      .answers('sms.send', { messageid: '2', credits: 2 });

    const id = await queue({
      channel: 'sms',
      from: 'Shop',
      recipients: [
        { to: '34600000001', text: 'Hello Ana' },
        { to: '34600000002', text: 'Hello Luis' },
      ],
    });
    const done = await settled(id, 'completed');
    const messages = await slice.request('GET', `/v1/batches/${id}/messages?limit=1`);
    const next = await slice.request(
      'GET',
      `/v1/batches/${id}/messages?limit=1&cursor=${(messages.body as { nextCursor: string }).nextCursor}`,
    );

    expect(
      slice.afilnet.callsOf('sms.send').sort((a, b) => String(a.to).localeCompare(String(b.to))),
    ).toEqual([
      { from: 'Shop', to: '34600000001', sms: 'Hello Ana' },
      { from: 'Shop', to: '34600000002', sms: 'Hello Luis' },
    ]);
    expect(done).toMatchObject({
      total: 2,
      sent: 2,
      queued: 0,
      rejected: 0,
      credits: 3,
      operation: 'sms.sendsms',
    });
    expect([...messages.body.items, ...next.body.items].map((message: { to: string }) => message.to)).toEqual(
      ['34600000002', '34600000001'],
    );
    expect(next.body.nextCursor).toBeNull();
  });

  it.each([
    [
      'an SMS template',
      {
        channel: 'sms',
        templateId: 7,
        scheduledAt: 'LATER',
        recipients: [{ to: '34600000001', params: { name: 'Ana' } }],
      },
      'sms.sendFromTemplate',
      { to: '34600000001', templateId: 7, params: 'name:Ana' },
    ],
    [
      'a voice text',
      {
        channel: 'voice',
        from: '34900000000',
        language: 'es',
        recipients: [{ to: '34600000001', text: 'Hola' }],
      },
      'voice.send',
      { to: '34600000001', from: '34900000000', message: 'Hola', language: 'es' },
    ],
    [
      'an e-mail with its own subject',
      {
        channel: 'email',
        subject: 'For everyone',
        recipients: [{ to: 'ana@example.com', text: '<p>Hi</p>', subject: 'For Ana' }],
      },
      'email.send',
      { to: 'ana@example.com', subject: 'For Ana', email: '<p>Hi</p>' },
    ],
    [
      'an e-mail template',
      { channel: 'email', templateId: 2, recipients: [{ to: 'ana@example.com' }] },
      'email.sendFromTemplate',
      { to: 'ana@example.com', templateId: 2 },
    ],
    [
      'a WhatsApp message',
      { channel: 'whatsapp', channelId: 100, recipients: [{ to: '34600000001', text: 'Hi' }] },
      'whatsapp.sendMessage',
      { channelId: 100, to: '34600000001', message: 'Hi' },
    ],
  ] as const)('sends %s with the parameters of its single send', async (_label, body, name, params) => {
    slice.afilnet.answers(name, { messageid: '9', credits: 1 });
    const scheduled = 'scheduledAt' in body ? { scheduledAt: inOneHour() } : {};

    const id = await queue({ ...body, ...scheduled });
    await settled(id, 'completed');

    const [call] = slice.afilnet.callsOf(name);
    expect(call).toMatchObject(params);
    expect(call.scheduledAt === undefined).toBe(!('scheduledAt' in body));
  });

  it('refuses what the channel does not take, naming each field (recipients by index), and queues nothing', async () => {
    const before = (await slice.request('GET', '/v1/batches?limit=200')).body.items.length;

    const sms = await slice.request('POST', '/v1/batches', {
      channel: 'sms',
      channelId: 100,
      recipients: [
        { to: '34600000001', text: 'ok' },
        { to: '600', text: '' },
      ],
    });
    const voice = await slice.request('POST', '/v1/batches', {
      channel: 'voice',
      from: 'Shop',
      recipients: [{ to: '34600000001', text: 'ok' }],
    });
    const whatsapp = await slice.request('POST', '/v1/batches', {
      channel: 'whatsapp',
      templateId: 3,
      recipients: [{ to: '34600000001', text: 'ok' }],
    });
    const email = await slice.request('POST', '/v1/batches', {
      channel: 'email',
      recipients: [{ to: 'ana@example.com', text: '<p>Hi</p>' }],
    });
    const empty = await slice.request('POST', '/v1/batches', {
      channel: 'sms',
      from: 'Shop',
      recipients: [],
    });

    expectInvalid(slice, sms, ['from', 'channelId', 'recipients[1].to', 'recipients[1].text']);
    expectInvalid(slice, voice, ['from']);
    expectInvalid(slice, whatsapp, ['channelId', 'templateId']);
    expectInvalid(slice, email, ['recipients[0].subject']);
    expectInvalid(slice, empty, ['recipients']);
    expect((await slice.request('GET', '/v1/batches?limit=200')).body.items.length).toBe(before);
  });

  it('pauses on NO_CREDITS with the recipient back in the queue, resumes, and refuses a resume with nothing to resume', async () => {
    slice.afilnet.rejects('sms.send', 'NO_CREDITS');
    const id = await queue({ channel: 'sms', from: 'Shop', recipients: [{ to: '34600000001', text: 'Hi' }] });
    const paused = await settled(id, 'paused');
    const listed = await slice.request('GET', '/v1/batches?status=paused');
    slice.afilnet.answers('sms.send', { messageid: '3', credits: 1 });

    const resumed = await slice.request('POST', `/v1/batches/${id}/resume`);
    const done = await settled(id, 'completed');
    const again = await slice.request('POST', `/v1/batches/${id}/resume`);
    const cancel = await slice.request('POST', `/v1/batches/${id}/cancel`);

    expect(paused).toMatchObject({ reason: 'NO_CREDITS', queued: 1, sent: 0 });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(resumed.status).toBe(200);
    expect(done).toMatchObject({ sent: 1, reason: null });
    expectProblem(again, 409, 'BATCH_NOT_PAUSED');
    expectProblem(cancel, 409, 'BATCH_FINISHED');
  });

  it('rejects a recipient Afilnet refuses, and counts one whose send may have gone out as unknown', async () => {
    slice.afilnet.rejects('sms.send', 'NO_ROUTE_AVAILABLE').failsInTransport('sms.send', 'timeout');

    const id = await queue({
      channel: 'sms',
      from: 'Shop',
      recipients: [
        { to: '34600000001', text: 'Hi' },
        { to: '34600000002', text: 'Hi' },
      ],
    });
    const done = await settled(id, 'completed');

    expect(done).toMatchObject({ sent: 0, rejected: 1, unknown: 1 });
  });

  it('answers 404 for a batch that is not there, and 400 for a cursor it did not hand out', async () => {
    const missing = await slice.request('GET', '/v1/batches/bat_01JDX3K2M7ZQ4V8T6N5R2B9C1D');
    const badId = await slice.request('GET', '/v1/batches/msg_1');
    const cursor = await slice.request('GET', '/v1/batches?cursor=bm90LWFuLWlk');

    expectProblem(missing, 404, 'BATCH_NOT_FOUND');
    expectInvalid(slice, badId, ['id']);
    expectInvalid(slice, cursor, ['cursor']);
  });
});
