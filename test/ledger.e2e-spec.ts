import type * as ClockModule from '../src/common/clock/clock.js';
import { Webhook } from 'standardwebhooks';
import type * as TrackerModule from '../src/modules/ledger/delivery-tracker.service.js';
import type * as WorkerModule from '../src/modules/webhooks/webhook-delivery.worker.js';
import { built } from './support/built.js';
import { createPostgresDatabase, TEST_DATABASE_URL } from './support/databases.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { LEDGER_ID } from './support/messaging.js';
import { RecordingAfilnet } from './support/recording-afilnet.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');
const { DeliveryTracker } = built<typeof TrackerModule>('modules/ledger/delivery-tracker.service.js');
const { WebhookDeliveryWorker } = built<typeof WorkerModule>('modules/webhooks/webhook-delivery.worker.js');

type Clock = InstanceType<typeof ManualClock>;

const SMS = { from: 'Shop', to: '34600000001', sms: 'Your order has shipped' };
const KEYS = {
  GATEWAY_API_KEYS: [
    'billing:billing-key-0123456789:sms+otp',
    'ops:ops-key-0123456789abcdef:sms',
    'admin:admin-key-0123456789abcd:*',
  ].join(','),
};
const AS = {
  billing: { 'X-API-Key': 'billing-key-0123456789' },
  ops: { 'X-API-Key': 'ops-key-0123456789abcdef' },
  admin: { 'X-API-Key': 'admin-key-0123456789abcd' },
};

function tracker(gateway: RunningGateway): InstanceType<typeof DeliveryTracker> {
  return gateway.app.get(DeliveryTracker, { strict: false });
}

/** Runs tracking rounds until nothing due is left (the background loop may take some of the work). */
async function trackAll(gateway: RunningGateway): Promise<void> {
  while ((await tracker(gateway).runOnce()) > 0);
}

describe('the message ledger in sandbox mode', () => {
  let gateway: RunningGateway;
  let clock: Clock;

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    gateway = await startGateway({}, { clock });
  });

  afterAll(() => gateway.close());

  it('records a send before answering it, then follows it to delivered (or failed) as the clock moves', async () => {
    const delivered = await request(gateway, 'POST', '/v1/sms', SMS);
    const failing = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000666' });
    const right = await request(gateway, 'GET', `/v1/messages/${delivered.body.id}`);

    expect([delivered.status, delivered.body.id]).toEqual([201, LEDGER_ID]);
    expect(right.body).toMatchObject({
      id: delivered.body.id,
      channel: 'sms',
      operation: 'sms.sendsms',
      to: '34600000001',
      messageId: delivered.body.messageId,
      status: 'pending',
      credits: 1,
      segments: 1,
      contentLength: SMS.sms.length,
      content: null,
    });
    expect(right.body.history.map((change: { status: string }) => change.status)).toEqual([
      'sending',
      'pending',
    ]);

    clock.advance(11_000);
    await trackAll(gateway);
    const [afterDelivery, afterFailure] = await Promise.all([
      request(gateway, 'GET', `/v1/messages/${delivered.body.id}`),
      request(gateway, 'GET', `/v1/messages/${failing.body.id}`),
    ]);

    expect([afterDelivery.body.status, afterDelivery.body.deliveredAt]).toEqual([
      'delivered',
      expect.any(String),
    ]);
    expect(afterDelivery.body.history.map((change: { status: string }) => change.status)).toEqual([
      'sending',
      'pending',
      'delivered',
    ]);
    expect(afterFailure.body.status).toBe('failed');
  });

  it('pushes message.sent and message.delivered to a registered endpoint, signed per Standard Webhooks', async () => {
    const receiver = new WebhookReceiver();
    try {
      const created = await request(gateway, 'POST', '/v1/webhooks', {
        url: (await receiver.start()) + 'hooks',
        events: ['message.sent', 'message.delivered'],
      });
      const sent = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000011' });
      const deliver = gateway.app.get(WebhookDeliveryWorker, { strict: false });
      await deliver.runOnce();
      clock.advance(11_000);
      await trackAll(gateway);
      await deliver.runOnce();

      const verifier = new Webhook(created.body.secret as string);
      const events = receiver.received.map(
        (webhook) =>
          verifier.verify(webhook.body, webhook.headers as Record<string, string>) as {
            type: string;
            data: { id: string; status: string };
          },
      );
      expect(events.map((event) => [event.type, event.data.id, event.data.status])).toEqual([
        ['message.sent', sent.body.id, 'pending'],
        ['message.delivered', sent.body.id, 'delivered'],
      ]);
      expect(new Set(receiver.received.map((webhook) => webhook.headers['webhook-id'])).size).toBe(2);
    } finally {
      await receiver.stop();
    }
  });

  it('records a refused send as rejected with Afilnet’s code', async () => {
    const response = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '99912345678' });
    const listed = await request(gateway, 'GET', '/v1/messages?to=99912345678');

    expect(response.status).toBe(422);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ status: 'rejected', errorCode: 'NO_ROUTE_AVAILABLE', messageId: null }),
    ]);
  });

  it('gives every destination of a group send its own message', async () => {
    const response = await request(gateway, 'POST', '/v1/sms/bulk', {
      from: 'Shop',
      countryCode: '34',
      groupId: 1,
      sms: 'Hello <name>',
    });
    const messages = await Promise.all(
      response.body.destinations.map((destination: { id: string }) =>
        request(gateway, 'GET', `/v1/messages/${destination.id}`),
      ),
    );

    expect(response.body.destinations).toEqual([
      { id: LEDGER_ID, messageId: expect.any(String), destination: '34600000001' },
      { id: LEDGER_ID, messageId: expect.any(String), destination: '34600000002' },
    ]);
    expect(
      messages.map((message): unknown[] => [message.body.to, message.body.operation, message.body.status]),
    ).toEqual([
      ['34600000001', 'sms.sendsmstogroup', 'pending'],
      ['34600000002', 'sms.sendsmstogroup', 'pending'],
    ]);
  });

  it('records one-time codes without the code', async () => {
    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000077',
    });
    const code = /([A-Z0-9]+)$/.exec(gateway.sandbox!.state.outbox('otp')[0].text)![1];
    const recorded = await request(gateway, 'GET', `/v1/messages/${response.body.id}`);

    expect(recorded.body).toMatchObject({
      channel: 'otp',
      to: '34600000077',
      content: null,
      contentLength: null,
    });
    expect(JSON.stringify(recorded.body)).not.toContain(code);
  });

  it('does not add a message for an idempotent replay', async () => {
    const headers = { 'Idempotency-Key': `ledger-replay-${Date.now()}` };
    const first = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000055' }, headers);
    const replay = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000055' }, headers);
    const listed = await request(gateway, 'GET', '/v1/messages?to=34600000055');

    expect([replay.headers.get('idempotency-replayed'), replay.body.id]).toEqual(['true', first.body.id]);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: first.body.id, idempotencyKey: headers['Idempotency-Key'] }),
    ]);
  });

  it('pages newest first with an opaque cursor, and refuses one it did not hand out', async () => {
    for (const to of ['34600000101', '34600000102', '34600000103']) {
      await request(gateway, 'POST', '/v1/sms', { ...SMS, to });
    }
    const seen: string[] = [];
    const ids: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { items: { id: string; to: string }[]; nextCursor: string | null } } =
        await request(
          gateway,
          'GET',
          `/v1/messages?channel=sms&limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`,
        );
      seen.push(...page.body.items.map((item) => item.to));
      ids.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    }
    const forged = await request(gateway, 'GET', '/v1/messages?cursor=bm90LWFuLWlk');

    expect(seen.slice(0, 3)).toEqual(['34600000103', '34600000102', '34600000101']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect([forged.status, forged.body.errors]).toEqual([
      400,
      [expect.objectContaining({ field: 'cursor' })],
    ]);
  });

  it('refuses filters it cannot apply', async () => {
    const responses = await Promise.all([
      request(gateway, 'GET', '/v1/messages?status=lost'),
      request(gateway, 'GET', '/v1/messages?limit=201'),
      request(gateway, 'GET', '/v1/messages?since=yesterday'),
      request(gateway, 'GET', '/v1/messages/not-an-id'),
      request(gateway, 'GET', '/v1/messages/msg_01JDX3K2M7ZQ4V8T6N5R2B9C1D'),
    ]);

    expect(responses.map((response): unknown[] => [response.status, response.body.code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [404, 'MESSAGE_NOT_FOUND'],
    ]);
  });
});

describe('the message ledger with API keys: each caller its own, `*` all', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ ...KEYS, CREDIT_BUDGETS: 'ops:2', LEDGER_STORE_CONTENT: 'true' });
  });

  afterAll(() => gateway.close());

  it('shows a message to the key that sent it and to a * key, as 404 to any other', async () => {
    const sent = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000201' }, AS.billing);
    const [own, other, admin, otherList, adminList] = await Promise.all([
      request(gateway, 'GET', `/v1/messages/${sent.body.id}`, undefined, AS.billing),
      request(gateway, 'GET', `/v1/messages/${sent.body.id}`, undefined, AS.ops),
      request(gateway, 'GET', `/v1/messages/${sent.body.id}`, undefined, AS.admin),
      request(gateway, 'GET', '/v1/messages?to=34600000201', undefined, AS.ops),
      request(gateway, 'GET', '/v1/messages?to=34600000201', undefined, AS.admin),
    ]);

    expect([own.status, own.body.caller, own.body.content]).toEqual([200, 'billing', SMS.sms]);
    expect([other.status, other.body.code]).toEqual([404, 'MESSAGE_NOT_FOUND']);
    expect(admin.status).toBe(200);
    expect(otherList.body.items).toEqual([]);
    expect(adminList.body.items.map((item: { id: string }) => item.id)).toEqual([sent.body.id]);
  });

  it('refuses a send that would pass the caller’s daily budget before Afilnet is called', async () => {
    const calls = gateway.sandbox!.callCount('sms', 'sendsms');
    const first = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000301' }, AS.ops);
    const second = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000302' }, AS.ops);
    const third = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000303' }, AS.ops);
    const unlimited = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000304' }, AS.billing);

    expect([first.status, second.status, unlimited.status]).toEqual([201, 201, 201]);
    expect([third.status, third.body.code]).toEqual([429, 'CREDIT_BUDGET_EXCEEDED']);
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(gateway.sandbox!.callCount('sms', 'sendsms')).toBe(calls + 3);
  });

  it('accounts usage per caller and channel from the ledger', async () => {
    const usage = await request(gateway, 'GET', '/v1/usage?groupBy=caller,channel', undefined, AS.admin);
    const own = await request(gateway, 'GET', '/v1/usage?groupBy=caller', undefined, AS.ops);
    const bad = await request(gateway, 'GET', '/v1/usage?groupBy=caller,colour', undefined, AS.admin);

    expect(usage.body).toEqual(
      expect.arrayContaining([
        { caller: 'billing', channel: 'sms', messages: 2, credits: 2 },
        { caller: 'ops', channel: 'sms', messages: 2, credits: 2 },
      ]),
    );
    expect(own.body).toEqual([{ caller: 'ops', messages: 2, credits: 2 }]);
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'groupBy']);
  });
});

/** Live mode against the recording fake, on the embedded SQLite file and on PostgreSQL. */
type Backend = () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
const BACKENDS: (readonly [string, Backend])[] = [
  ['sqlite', () => Promise.resolve({ env: {}, drop: () => Promise.resolve() })],
  ...(TEST_DATABASE_URL === undefined
    ? []
    : ([
        [
          'postgres',
          async () => {
            const { url, drop } = await createPostgresDatabase();
            return { env: { DATABASE_URL: url }, drop };
          },
        ],
      ] as const)),
];
if (TEST_DATABASE_URL === undefined) {
  process.stderr.write(
    '\nSKIPPED "the message ledger in live mode [postgres]": TEST_DATABASE_URL is not set\n',
  );
}

describe.each(BACKENDS)('the message ledger in live mode [%s]', (_backend, makeDatabase) => {
  const afilnet = new RecordingAfilnet();
  let gateway: RunningGateway;
  let clock: Clock;
  let database: { env: Record<string, string>; drop: () => Promise<void> };
  let url: string;

  beforeAll(async () => {
    url = await afilnet.start();
    database = await makeDatabase();
    clock = new ManualClock(Date.now());
    gateway = await startGateway(
      {
        ...LIVE_ACCOUNT,
        ...database.env,
        AFILNET_BASE_URL: url,
        AFILNET_TIMEOUT_MS: '400',
        AFILNET_BREAKER_FAILURES: '1000',
      },
      { clock },
    );
  });

  afterAll(async () => {
    await gateway.close();
    await afilnet.stop();
    await database.drop();
  });

  beforeEach(() => afilnet.reset());

  it('writes the message sending before the call, pending with Afilnet’s id after, and delivered once tracked', async () => {
    const hold = afilnet.holdNextSend();
    const sending = request(gateway, 'POST', '/v1/sms', SMS);
    await hold.reached;
    const during = await request(gateway, 'GET', '/v1/messages?channel=sms&limit=1');
    hold.release();
    const sent = await sending;
    const after = await request(gateway, 'GET', `/v1/messages/${sent.body.id}`);

    expect(during.body.items).toEqual([expect.objectContaining({ id: sent.body.id, status: 'sending' })]);
    expect(after.body).toMatchObject({ status: 'pending', messageId: sent.body.messageId });

    afilnet.messages.get(sent.body.messageId)!.status = 'DELIVERED';
    clock.advance(10_000);
    await trackAll(gateway);
    const delivered = await request(gateway, 'GET', `/v1/messages/${sent.body.id}`);

    expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    expect(afilnet.statusQueries().at(-1)).toEqual([sent.body.messageId]);
  });

  it('backs off, and keeps a failing Afilnet from failing messages', async () => {
    const sent = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000401' });
    const queries = () => afilnet.statusQueries().filter((ids) => ids.includes(sent.body.messageId)).length;

    clock.advance(10_000);
    await trackAll(gateway);
    clock.advance(10_000);
    await trackAll(gateway);
    const afterTwentySeconds = queries();
    clock.advance(10_000);
    await trackAll(gateway);
    const afterThirty = queries();
    afilnet.failTransport();
    clock.advance(3_600_000);
    await trackAll(gateway);
    const meanwhile = await request(gateway, 'GET', `/v1/messages/${sent.body.id}`);

    expect([afterTwentySeconds, afterThirty]).toEqual([1, 2]);
    expect(meanwhile.body.status).toBe('pending');
  });

  it('adds usage up to exactly the credits Afilnet charged', async () => {
    const since = new Date(clock.now()).toISOString();
    const chargedBefore = afilnet.charged;
    afilnet.prices = [1, 2.5, 3, 1.25];
    for (const to of ['34600000801', '34600000802', '34600000803', '34600000804']) {
      expect((await request(gateway, 'POST', '/v1/sms', { ...SMS, to })).status).toBe(201);
    }
    clock.advance(1);
    const usage = await request(
      gateway,
      'GET',
      `/v1/usage?groupBy=channel&since=${encodeURIComponent(since)}&until=${encodeURIComponent(new Date(clock.now()).toISOString())}`,
    );

    expect(usage.body).toEqual([{ channel: 'sms', messages: 4, credits: afilnet.charged - chargedBefore }]);
    expect(afilnet.charged - chargedBefore).toBe(7.75);
  });

  it('records a send Afilnet refused as rejected, and one that may have gone out as unknown — sent once', async () => {
    const before = afilnet.calls('sendsms').length;
    afilnet.refuseWith = 'NO_CREDITS';
    const refused = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000501' });
    afilnet.refuseWith = undefined;
    afilnet.neverAnswer();
    const timedOut = await request(gateway, 'POST', '/v1/sms', { ...SMS, to: '34600000502' });
    const [rejected, unknown] = await Promise.all([
      request(gateway, 'GET', '/v1/messages?to=34600000501'),
      request(gateway, 'GET', '/v1/messages?to=34600000502'),
    ]);

    expect([refused.status, timedOut.status]).toEqual([402, 504]);
    expect(rejected.body.items).toEqual([
      expect.objectContaining({ status: 'rejected', errorCode: 'NO_CREDITS' }),
    ]);
    expect(unknown.body.items).toEqual([
      expect.objectContaining({ status: 'unknown', errorCode: 'UPSTREAM_TIMEOUT' }),
    ]);
    expect(afilnet.calls('sendsms').length - before).toBe(2);
  });
});
