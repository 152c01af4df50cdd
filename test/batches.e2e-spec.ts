import { Webhook } from 'standardwebhooks';
import { numbers, smsBatch } from './support/batches.js';
import { describeEachStorage } from './support/databases.js';
import { eventually } from './support/eventually.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { RecordingAfilnet } from './support/recording-afilnet.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const KEYS = [
  'marketing:marketing-key-0123456789:sms+email',
  'ops:ops-key-0123456789abcdef:voice',
  'admin:admin-key-0123456789abcd:*',
  'thrifty:thrifty-key-0123456789ab:sms',
].join(',');
const AS = {
  marketing: { 'X-API-Key': 'marketing-key-0123456789' },
  ops: { 'X-API-Key': 'ops-key-0123456789abcdef' },
  admin: { 'X-API-Key': 'admin-key-0123456789abcd' },
  thrifty: { 'X-API-Key': 'thrifty-key-0123456789ab' },
};
const PACE = 20;

/** A batch as `GET /v1/batches/{id}` answers it (the fields the tests read). */
interface BatchView {
  readonly id: string;
  readonly status: string;
  readonly total: number;
  readonly queued: number;
  readonly sending: number;
  readonly sent: number;
  readonly canceled: number;
}

interface MessageView {
  readonly id: string;
  readonly to: string;
  readonly status: string;
}

describeEachStorage('batches', (makeStorage) => {
  const afilnet = new RecordingAfilnet();
  const receiver = new WebhookReceiver();
  let gateway: RunningGateway;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const storage = await makeStorage();
    drop = storage.drop;
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      ...storage.env,
      AFILNET_BASE_URL: await afilnet.start(),
      AFILNET_SENDS_PER_SECOND: String(PACE),
      GATEWAY_API_KEYS: KEYS,
      CREDIT_BUDGETS: 'thrifty:2',
    });
    await receiver.start();
  });

  afterEach(() => afilnet.reset());

  afterAll(async () => {
    await gateway.close();
    await afilnet.stop();
    await receiver.stop();
    await drop();
  });

  const sentTo = () => afilnet.calls('sendsms').map((call) => call.form.get('to'));
  const batchOf = async (id: string, as: Record<string, string> = AS.marketing) =>
    (await request<BatchView>(gateway, 'GET', `/v1/batches/${id}`, undefined, as)).body;
  /** `POST /v1/batches/{id}/resume` or `…/cancel`. */
  const batchAction = (id: string, action: 'resume' | 'cancel', as: Record<string, string> = AS.marketing) =>
    request(gateway, 'POST', `/v1/batches/${id}/${action}`, undefined, as);
  /** Waits until the batch has `status` and nothing of it is being sent. */
  const until = (id: string, status: string, timeoutMs = 15_000, as = AS.marketing) =>
    eventually(
      async () => {
        const batch = await batchOf(id, as);
        expect([batch.status, batch.sending]).toEqual([status, 0]);
        return batch;
      },
      { timeoutMs, intervalMs: 50 },
    );

  it('sends every recipient once at the pace, each in the ledger, and raises batch.completed', async () => {
    const endpoint = await request(
      gateway,
      'POST',
      '/v1/webhooks',
      { url: receiver.url('/batches'), events: ['batch.completed'] },
      AS.marketing,
    );
    const destinations = numbers(60);
    const start = afilnet.upstream.received.length;

    const accepted = await request(gateway, 'POST', '/v1/batches', smsBatch(destinations), AS.marketing);
    const completed = await until(accepted.body.id, 'completed');
    const sent = afilnet.upstream.received
      .slice(start)
      .filter((call) => call.form.get('method') === 'sendsms');
    const pages: MessageView[] = [];
    for (let cursor = ''; ;) {
      const page = await request<{ items: MessageView[]; nextCursor: string | null }>(
        gateway,
        'GET',
        `/v1/batches/${accepted.body.id}/messages?limit=25${cursor}`,
        undefined,
        AS.marketing,
      );
      pages.push(...page.body.items);
      if (page.body.nextCursor === null) break;
      cursor = `&cursor=${page.body.nextCursor}`;
    }
    const filtered = await request<{ items: MessageView[] }>(
      gateway,
      'GET',
      `/v1/messages?batchId=${accepted.body.id}&limit=200`,
      undefined,
      AS.marketing,
    );
    const event = await eventually(() => {
      const [delivered] = receiver.at('/batches');
      expect(delivered).toBeDefined();
      return delivered;
    });

    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^bat_/), status: 'queued', total: 60 });
    expect(sent.map((call) => call.form.get('to')).sort()).toEqual(destinations);
    expect(sent.map((call) => call.form.get('sms')).sort()).toEqual(destinations.map((to) => `Hello ${to}`));
    expect(completed).toMatchObject({
      channel: 'sms',
      operation: 'sms.sendsms',
      caller: 'marketing',
      total: 60,
      queued: 0,
      sending: 0,
      sent: 60,
      rejected: 0,
      credits: 60,
      completedAt: expect.any(String),
    });
    expect(pages.map((message) => message.to).sort()).toEqual(destinations);
    expect(new Set(pages.map((message) => message.status))).toEqual(new Set(['pending']));
    expect(filtered.body.items.map((message) => message.id).sort()).toEqual(
      pages.map((message) => message.id).sort(),
    );
    const verified = new Webhook(endpoint.body.secret).verify(
      event.body,
      event.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: 'batch.completed', data: { id: accepted.body.id, sent: 60 } });
  });

  it('keeps to the pace over the whole batch: a second’s burst at most, then AFILNET_SENDS_PER_SECOND', async () => {
    const start = afilnet.upstream.received.length;

    const accepted = await request(gateway, 'POST', '/v1/batches', smsBatch(numbers(80, 100)), AS.marketing);
    await until(accepted.body.id, 'completed');
    const times = afilnet.upstream.received
      .slice(start)
      .filter((call) => call.form.get('method') === 'sendsms')
      .map((call) => call.at);
    const span = (times[times.length - 1] - times[0]) / 1000;

    expect(times.length).toBe(80);
    // At most one second's worth (20) goes at once; the other 60 take three seconds at 20 per second.
    expect(span).toBeGreaterThanOrEqual(2.7);
    expect(span).toBeLessThan(6);
  });

  it('validates every recipient before queuing anything, naming each bad one by its index', async () => {
    const before = await request(gateway, 'GET', '/v1/batches?limit=200', undefined, AS.admin);
    const calls = afilnet.upstream.received.length;

    const refused = await request(
      gateway,
      'POST',
      '/v1/batches',
      {
        channel: 'sms',
        recipients: [
          { to: '34600000001', text: 'fine' },
          { to: '+34 600', text: 'fine' },
          { to: '34600000003', text: 'fine', params: { name: 'Ana' } },
        ],
      },
      AS.marketing,
    );
    const emailWithoutSubject = await request(
      gateway,
      'POST',
      '/v1/batches',
      {
        channel: 'email',
        recipients: [
          { to: 'ana@example.com', text: '<p>Hi</p>', subject: 'Hello' },
          { to: 'luis@example.com', text: '<p>Hi</p>' },
        ],
      },
      AS.marketing,
    );
    const after = await request(gateway, 'GET', '/v1/batches?limit=200', undefined, AS.admin);

    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'from',
      'recipients[1].to',
      'recipients[2].params',
    ]);
    expect(emailWithoutSubject.status).toBe(400);
    expect(emailWithoutSubject.body.errors).toEqual([
      { field: 'recipients[1].subject', message: expect.any(String) },
    ]);
    expect(after.body.items.length).toBe(before.body.items.length);
    expect(afilnet.upstream.received.length).toBe(calls);
  });

  it('pauses on NO_CREDITS without failing anyone, and resumes where it stopped', async () => {
    const destinations = numbers(5, 300);
    afilnet.refuseWith = 'NO_CREDITS';

    const accepted = await request(gateway, 'POST', '/v1/batches', smsBatch(destinations), AS.marketing);
    const paused = await until(accepted.body.id, 'paused');
    afilnet.reset();
    const before = sentTo().length;
    const resumed = await batchAction(accepted.body.id, 'resume');
    const completed = await until(accepted.body.id, 'completed');
    const again = await batchAction(accepted.body.id, 'resume');

    expect(paused).toMatchObject({ reason: 'NO_CREDITS', queued: 5, sent: 0, rejected: 0 });
    expect(resumed.status).toBe(200);
    expect(completed).toMatchObject({ sent: 5, rejected: 0, reason: null });
    expect(sentTo().slice(before).sort()).toEqual(destinations);
    expect([again.status, again.body.code]).toEqual([409, 'BATCH_NOT_PAUSED']);
  });

  it('sends a recipient whose scheduled time passed while the batch was paused now, not with a time in the past', async () => {
    const destinations = numbers(2, 320);
    const scheduledAt = new Date(Date.now() + 2_000).toISOString();
    /** The `scheduledatetime` of each call for these destinations so far. */
    const scheduledTimes = () =>
      afilnet
        .calls('sendsms')
        .filter((call) => destinations.includes(call.form.get('to')!))
        .map((call) => call.form.get('scheduledatetime'));
    afilnet.refuseWith = 'NO_CREDITS';

    const body = { ...smsBatch(destinations), scheduledAt };
    const accepted = await request(gateway, 'POST', '/v1/batches', body, AS.marketing);
    await until(accepted.body.id, 'paused');
    const whilePending = scheduledTimes();
    afilnet.reset(); // answers again; what it received stays
    await new Promise((resolve) => setTimeout(resolve, Date.parse(scheduledAt) - Date.now() + 50));
    await batchAction(accepted.body.id, 'resume');
    const completed = await until(accepted.body.id, 'completed');

    expect(whilePending[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(completed).toMatchObject({ sent: 2 });
    expect(scheduledTimes().slice(whilePending.length)).toEqual([null, null]);
  });

  it("pauses when the key's daily credit budget is spent, before Afilnet is called for the rest", async () => {
    const destinations = numbers(3, 350);

    const accepted = await request(gateway, 'POST', '/v1/batches', smsBatch(destinations), AS.thrifty);
    const paused = await until(accepted.body.id, 'paused', 15_000, AS.thrifty);

    expect(paused).toMatchObject({ reason: 'CREDIT_BUDGET_EXCEEDED', sent: 2, queued: 1 });
    expect(sentTo().filter((to) => destinations.includes(to!))).toHaveLength(2);
  });

  it('rejects a recipient Afilnet refuses for its own reason, and goes on with the rest', async () => {
    afilnet.refuseWith = 'NO_ROUTE_AVAILABLE';

    const accepted = await request(gateway, 'POST', '/v1/batches', smsBatch(numbers(3, 400)), AS.marketing);
    const completed = await until(accepted.body.id, 'completed');
    const messages = await request(
      gateway,
      'GET',
      `/v1/batches/${accepted.body.id}/messages`,
      undefined,
      AS.marketing,
    );

    expect(completed).toMatchObject({ sent: 0, rejected: 3 });
    expect(messages.body.items.map((message: { errorCode: string }) => message.errorCode)).toEqual([
      'NO_ROUTE_AVAILABLE',
      'NO_ROUTE_AVAILABLE',
      'NO_ROUTE_AVAILABLE',
    ]);
  });

  it('cancels what is not sent yet; what was sent stays sent', async () => {
    const destinations = numbers(200, 500);
    const accepted = await request(gateway, 'POST', '/v1/batches', smsBatch(destinations), AS.marketing);
    await eventually(async () => (await batchOf(accepted.body.id)).sent > 0, { timeoutMs: 5000 });

    const canceled = await batchAction(accepted.body.id, 'cancel');
    const settled = await eventually(async () => {
      const batch = await batchOf(accepted.body.id);
      expect(batch.sending).toBe(0);
      return batch;
    });
    const sent = sentTo().filter((to) => destinations.includes(to!));

    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    expect(settled.status).toBe('canceled');
    expect(settled.canceled).toBeGreaterThan(0);
    expect(settled.sent + settled.canceled).toBe(200);
    expect(sent.length).toBe(settled.sent);
  });

  it('queues one batch per Idempotency-Key, and lets only its creator (or a * key) see and control it', async () => {
    const body = smsBatch(numbers(2, 800));
    const headers = { ...AS.marketing, 'Idempotency-Key': 'reminders-2026-11-30' };

    const first = await request(gateway, 'POST', '/v1/batches', body, headers);
    const retry = await request(gateway, 'POST', '/v1/batches', body, headers);
    const forbidden = await request(gateway, 'POST', '/v1/batches', body, AS.ops);
    const voice = await request(
      gateway,
      'POST',
      '/v1/batches',
      {
        channel: 'voice',
        from: '34900000000',
        recipients: [{ to: '34600000900', text: 'Your table is ready.' }],
      },
      AS.ops,
    );
    const hidden = await request(gateway, 'GET', `/v1/batches/${first.body.id}`, undefined, AS.ops);
    const cancelHidden = await batchAction(first.body.id, 'cancel', AS.ops);
    const seen = await request(gateway, 'GET', `/v1/batches/${first.body.id}`, undefined, AS.admin);
    const listed = await request(gateway, 'GET', '/v1/batches', undefined, AS.ops);

    expect(first.status).toBe(202);
    expect(retry.body.id).toBe(first.body.id);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(forbidden.body.detail).toContain('"sms"');
    expect(voice.status).toBe(202);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'BATCH_NOT_FOUND']);
    expect(cancelHidden.status).toBe(404);
    expect(seen.body).toMatchObject({
      id: first.body.id,
      caller: 'marketing',
      idempotencyKey: 'reminders-2026-11-30',
    });
    expect(listed.body.items.map((batch: { id: string }) => batch.id)).toEqual([voice.body.id]);
    await until(first.body.id, 'completed');
  });

  it('takes a batch of 10 000 recipients in one request (its own body limit), and refuses 10 001', async () => {
    const many = {
      channel: 'sms',
      from: 'Shop',
      recipients: numbers(10_001, 20_000).map((to) => ({ to, text: 'Hi' })),
    };

    const tooMany = await request(gateway, 'POST', '/v1/batches', many, AS.marketing);
    many.recipients.pop();
    const accepted = await request(gateway, 'POST', '/v1/batches', many, AS.marketing);
    const canceled = await batchAction(accepted.body.id, 'cancel');

    expect([tooMany.status, tooMany.body.errors?.[0]?.field]).toEqual([400, 'recipients']);
    expect(accepted.body).toMatchObject({ status: 'queued', total: 10_000 });
    expect(canceled.body.total).toBe(10_000);
  }, 60_000);
});
