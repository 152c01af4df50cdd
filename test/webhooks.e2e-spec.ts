import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type * as ClockModule from '../src/common/clock/clock.js';
import type * as EndpointsModule from '../src/database/repositories/webhook-endpoints.repository.js';
import type * as OutboxModule from '../src/database/repositories/webhook-outbox.repository.js';
import type * as WorkerModule from '../src/modules/webhooks/webhook-delivery.worker.js';
import { built } from './support/built.js';
import { createPostgresDatabase, describeWithPostgres } from './support/databases.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { answer, WebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');
const { WebhookDeliveryWorker } = built<typeof WorkerModule>('modules/webhooks/webhook-delivery.worker.js');
const { WebhookOutbox } = built<typeof OutboxModule>('database/repositories/webhook-outbox.repository.js');
const { WebhookEndpoints } = built<typeof EndpointsModule>(
  'database/repositories/webhook-endpoints.repository.js',
);

const ALPHA = 'alpha-key-0123456789abcdef';
const BETA = 'beta-key-0123456789abcdef';
const ADMIN = 'admin-key-0123456789abcdef';
const KEYS = `alpha:${ALPHA}:sms,beta:${BETA}:sms+voice,admin:${ADMIN}:*`;
const as = (key: string) => ({ 'X-API-Key': key });

const SECOND_MS = 1000;
const HOUR_MS = 3600 * SECOND_MS;
const DAY_MS = 24 * HOUR_MS;
const MAX_ATTEMPTS = 3;
const RETENTION_DAYS = 2;

/** What the ledger will queue: the exact body, built once. */
function messageEvent(type: 'message.delivered' | 'message.failed', id: string): string {
  return JSON.stringify({
    type,
    timestamp: '2026-01-15T09:00:00.000Z',
    data: { id, channel: 'sms', status: type.split('.')[1] },
  });
}

const headersOf = (webhook: ReceivedWebhook) => webhook.headers as Record<string, string>;

/** One item of `GET /v1/webhooks/{id}/deliveries`. */
interface AttemptItem {
  id: string;
  event: string;
  webhookId: string;
  attempt: number;
  status?: number;
  durationMs: number;
  error?: string;
  responseBody?: string;
  at: string;
}

/**
 * Where a suite's gateways keep their database: SQLite in a DATA_DIR of its own, or a PostgreSQL database of its
 * own — the same for every gateway the suite starts, so that a second gateway finds what the first left.
 */
interface DatabasePlace {
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

function sqlitePlace(): Promise<DatabasePlace> {
  const directory = mkdtempSync(join(tmpdir(), 'gateway-webhooks-'));
  return Promise.resolve({
    env: { DATA_DIR: directory },
    drop: () => Promise.resolve(rmSync(directory, { recursive: true, force: true })),
  });
}

async function postgresPlace(): Promise<DatabasePlace> {
  const { url, drop } = await createPostgresDatabase();
  return { env: { DATABASE_URL: url }, drop };
}

function deliverySuite(title: string, place: () => Promise<DatabasePlace>): void {
  describe(title, () => {
    const receiver = new WebhookReceiver();
    const clock = new ManualClock(Date.now());
    let database: DatabasePlace;
    let gateway: RunningGateway;
    const env = () => ({
      ...database.env,
      GATEWAY_API_KEYS: KEYS,
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_TIMEOUT_MS: '2000',
      LEDGER_RETENTION_DAYS: String(RETENTION_DAYS),
    });
    const deliverDue = () => gateway.app.get(WebhookDeliveryWorker).runOnce();
    const outbox = () => gateway.app.get(WebhookOutbox);

    beforeAll(async () => {
      database = await place();
      await receiver.start();
      gateway = await startGateway(env(), { clock });
    });

    afterAll(async () => {
      await gateway.close();
      await receiver.stop();
      await database.drop();
    });

    // Each test starts without endpoints (and so without deliveries): what one queued never reaches another. It
    // starts at the real time too: `standardwebhooks` checks `webhook-timestamp` against the real clock.
    beforeEach(async () => {
      clock.set(Date.now());
      receiver.received.length = 0;
      receiver.respond(answer(204));
      const endpoints = (await request(gateway, 'GET', '/v1/webhooks', undefined, as(ADMIN))).body;
      for (const { id } of endpoints as { id: string }[]) {
        await request(gateway, 'DELETE', `/v1/webhooks/${id}`, undefined, as(ADMIN));
      }
    });

    async function register(key: string, path: string, events: string[] = ['message.delivered']) {
      const created = await request(
        gateway,
        'POST',
        '/v1/webhooks',
        { url: receiver.url(path), events },
        as(key),
      );
      expect(created.status).toBe(201);
      return created.body as { id: string; secret: string };
    }

    const attemptsOf = async (id: string, key = ALPHA, query = '') =>
      (
        await request<{ items: AttemptItem[]; nextCursor: string | null }>(
          gateway,
          'GET',
          `/v1/webhooks/${id}/deliveries${query}`,
          undefined,
          as(key),
        )
      ).body;

    it('answers the secret at creation only, and signs every delivery so that standardwebhooks verifies it', async () => {
      const created = await request(
        gateway,
        'POST',
        '/v1/webhooks',
        { url: receiver.url('/signed'), events: ['message.delivered'], description: 'Billing receipts' },
        as(ALPHA),
      );
      const { id, secret } = created.body;

      expect(created.body).toEqual({
        id: expect.stringMatching(/^ep_[0-9A-Z]{26}$/),
        url: receiver.url('/signed'),
        events: ['message.delivered'],
        enabled: true,
        description: 'Billing receipts',
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
        createdAt: new Date(clock.now()).toISOString(),
        updatedAt: new Date(clock.now()).toISOString(),
      });
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
      const read = await request(gateway, 'GET', `/v1/webhooks/${id}`, undefined, as(ALPHA));
      const listed = await request(gateway, 'GET', '/v1/webhooks', undefined, as(ALPHA));
      const changed = await request(gateway, 'PATCH', `/v1/webhooks/${id}`, { enabled: true }, as(ALPHA));
      for (const response of [read, listed, changed]) {
        expect(response.status).toBe(200);
        expect(JSON.stringify(response.body)).not.toContain(secret.slice('whsec_'.length));
        expect(JSON.stringify(response.body)).not.toContain('"secret"');
      }
      expect(read.body).toEqual({ ...created.body, secret: undefined });

      const test = await request(gateway, 'POST', `/v1/webhooks/${id}/test`, undefined, as(ALPHA));
      expect(test.status).toBe(202);
      expect(test.body).toMatchObject({
        id: expect.stringMatching(/^evt_/),
        event: 'webhook.test',
        status: 'pending',
      });
      await deliverDue();

      const [webhook] = receiver.at('/signed');
      expect(receiver.at('/signed')).toHaveLength(1);
      expect(webhook.headers['webhook-id']).toBe(test.body.id);
      expect(webhook.headers['content-type']).toBe('application/json');
      expect(webhook.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      const event = new Webhook(secret).verify(webhook.body, headersOf(webhook)) as Record<string, any>;
      expect(event).toEqual({
        type: 'webhook.test',
        timestamp: expect.any(String),
        data: read.body,
      });
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(
          webhook.body,
          headersOf(webhook),
        ),
      ).toThrow();
      expect((await attemptsOf(id)).items).toEqual([
        {
          id: expect.stringMatching(/^att_/),
          event: 'webhook.test',
          webhookId: test.body.id,
          attempt: 1,
          status: 204,
          durationMs: expect.any(Number),
          at: new Date(clock.now()).toISOString(),
        },
      ]);
      expect(gateway.logs.join('\n')).not.toContain(secret.slice('whsec_'.length));
    });

    it("sends each endpoint only its own caller's events, of the types it subscribed to", async () => {
      const alpha = await register(ALPHA, '/alpha', ['message.delivered']);
      const beta = await register(BETA, '/beta', ['message.delivered', 'message.failed']);
      const forAlpha = messageEvent('message.delivered', 'msg_alpha');
      const forBeta = messageEvent('message.failed', 'msg_beta');

      await outbox().enqueue({ caller: 'alpha', type: 'message.delivered', payload: forAlpha });
      await outbox().enqueue({
        caller: 'alpha',
        type: 'message.failed',
        payload: messageEvent('message.failed', 'x'),
      });
      await outbox().enqueue({ caller: 'beta', type: 'message.failed', payload: forBeta });
      await outbox().enqueue({
        caller: 'gamma',
        type: 'message.delivered',
        payload: messageEvent('message.delivered', 'y'),
      });
      await deliverDue();

      expect(receiver.at('/alpha').map((webhook) => webhook.body)).toEqual([forAlpha]);
      expect(receiver.at('/beta').map((webhook) => webhook.body)).toEqual([forBeta]);
      expect(new Webhook(alpha.secret).verify(forAlpha, headersOf(receiver.at('/alpha')[0]))).toBeDefined();
      expect(new Webhook(beta.secret).verify(forBeta, headersOf(receiver.at('/beta')[0]))).toBeDefined();
      expect(() => new Webhook(beta.secret).verify(forAlpha, headersOf(receiver.at('/alpha')[0]))).toThrow();
    });

    it('retries a failing receiver with the same webhook-id as the clock moves, fails it after WEBHOOK_MAX_ATTEMPTS, and a manual retry delivers it', async () => {
      const { id } = await register(ALPHA, '/flaky');
      receiver.respond(answer(500, '{"error":"busy"}'));
      const queued = await outbox().enqueue({
        caller: 'alpha',
        type: 'message.delivered',
        payload: messageEvent('message.delivered', 'msg_flaky'),
      });
      const deliveryId = queued[0].id;

      expect(await deliverDue()).toBe(1);
      expect(await deliverDue()).toBe(0);
      clock.advance(5 * SECOND_MS);
      expect(await deliverDue()).toBe(1);
      clock.advance(29 * SECOND_MS);
      expect(await deliverDue()).toBe(0);
      clock.advance(1 * SECOND_MS);
      expect(await deliverDue()).toBe(1);
      clock.advance(DAY_MS);
      expect(await deliverDue()).toBe(0);

      expect(receiver.at('/flaky').map((webhook) => webhook.headers['webhook-id'])).toEqual([
        deliveryId,
        deliveryId,
        deliveryId,
      ]);
      const timestamps = receiver.at('/flaky').map((webhook) => Number(webhook.headers['webhook-timestamp']));
      expect(timestamps[2] - timestamps[0]).toBe(35);
      const attempts = await attemptsOf(id);
      expect(attempts.items.map((item) => [item.attempt, item.status, item.webhookId, item.error])).toEqual([
        [3, 500, deliveryId, 'not a 2xx answer'],
        [2, 500, deliveryId, 'not a 2xx answer'],
        [1, 500, deliveryId, 'not a 2xx answer'],
      ]);
      expect(attempts.items[0].responseBody).toBe('{"error":"busy"}');
      const firstPage = await attemptsOf(id, ALPHA, '?limit=2');
      const secondPage = await attemptsOf(id, ALPHA, `?limit=2&cursor=${firstPage.nextCursor!}`);
      expect([...firstPage.items, ...secondPage.items]).toEqual(attempts.items);
      expect(secondPage.nextCursor).toBeNull();

      receiver.respond(answer(200, 'thanks'));
      const retried = await request(
        gateway,
        'POST',
        `/v1/webhooks/${id}/deliveries/${deliveryId}/retry`,
        undefined,
        as(ALPHA),
      );
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: deliveryId, status: 'pending', attempts: 3 });
      expect(await deliverDue()).toBe(1);

      expect(receiver.at('/flaky').map((webhook) => webhook.headers['webhook-id'])).toHaveLength(4);
      expect(receiver.at('/flaky')[3].headers['webhook-id']).toBe(deliveryId);
      expect((await attemptsOf(id)).items[0]).toMatchObject({
        attempt: 4,
        status: 200,
        responseBody: 'thanks',
      });
      const again = await request(
        gateway,
        'POST',
        `/v1/webhooks/${id}/deliveries/${deliveryId}/retry`,
        undefined,
        as(ALPHA),
      );
      expect([again.status, again.body.code]).toEqual([409, 'WEBHOOK_DELIVERY_NOT_FAILED']);
    });

    it('does not follow a redirect: a 3xx is a failed attempt, retried later', async () => {
      const { id } = await register(ALPHA, '/moved');
      receiver.respond((webhook, response) => {
        if (webhook.path === '/moved') {
          response.writeHead(307, { Location: receiver.url('/target') });
          response.end();
        } else answer(204)(webhook, response);
      });
      await outbox().enqueue({
        caller: 'alpha',
        type: 'message.delivered',
        payload: messageEvent('message.delivered', 'm'),
      });

      await deliverDue();

      expect(receiver.at('/target')).toEqual([]);
      expect((await attemptsOf(id)).items).toEqual([
        expect.objectContaining({ attempt: 1, status: 307, error: 'redirect not followed' }),
      ]);
      clock.advance(5 * SECOND_MS);
      await deliverDue();
      expect(receiver.at('/moved')).toHaveLength(2);
      expect(receiver.at('/target')).toEqual([]);
    });

    it('refuses at delivery an endpoint whose address is link-local, without connecting', async () => {
      const endpoint = await gateway.app.get(WebhookEndpoints).create({
        caller: 'alpha',
        url: 'http://169.254.169.254/latest/meta-data/',
        events: ['message.delivered'],
        secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      });
      await outbox().enqueue({
        caller: 'alpha',
        type: 'message.delivered',
        payload: messageEvent('message.delivered', 'n'),
      });

      await deliverDue();

      expect((await attemptsOf(endpoint.id)).items).toEqual([
        expect.objectContaining({
          attempt: 1,
          error: 'refused: the URL points at a link-local or cloud metadata address',
        }),
      ]);
      expect((await attemptsOf(endpoint.id)).items[0].status).toBeUndefined();
      await request(gateway, 'DELETE', `/v1/webhooks/${endpoint.id}`, undefined, as(ALPHA));
    });

    it('lets no other key see or change an endpoint (a `*` key sees them all)', async () => {
      const { id } = await register(ALPHA, '/owned');
      const queued = await outbox().enqueueTo(id, 'webhook.test', '{}');
      const paths: [string, string, unknown?][] = [
        ['GET', `/v1/webhooks/${id}`],
        ['PATCH', `/v1/webhooks/${id}`, { enabled: false }],
        ['DELETE', `/v1/webhooks/${id}`],
        ['POST', `/v1/webhooks/${id}/test`],
        ['GET', `/v1/webhooks/${id}/deliveries`],
        ['POST', `/v1/webhooks/${id}/deliveries/${queued.id}/retry`],
      ];

      for (const [method, path, body] of paths) {
        const response = await request(gateway, method, path, body, as(BETA));
        expect([method, path, response.status, response.body.code]).toEqual([
          method,
          path,
          404,
          'WEBHOOK_NOT_FOUND',
        ]);
      }
      const betaList = await request(gateway, 'GET', '/v1/webhooks', undefined, as(BETA));
      const adminList = await request(gateway, 'GET', '/v1/webhooks', undefined, as(ADMIN));
      const alphaRead = await request(gateway, 'GET', `/v1/webhooks/${id}`, undefined, as(ALPHA));
      expect(betaList.body.map((endpoint: { id: string }) => endpoint.id)).not.toContain(id);
      expect(adminList.body.map((endpoint: { id: string }) => endpoint.id)).toContain(id);
      expect(alphaRead.body).toMatchObject({ id, enabled: true });
      expect((await request(gateway, 'GET', `/v1/webhooks/${id}`, undefined, as(ADMIN))).status).toBe(200);
      expect((await request(gateway, 'DELETE', `/v1/webhooks/${id}`, undefined, as(ALPHA))).status).toBe(204);
      expect((await request(gateway, 'GET', `/v1/webhooks/${id}`, undefined, as(ALPHA))).status).toBe(404);
    });

    it('deletes deliveries older than LEDGER_RETENTION_DAYS, and keeps the newer ones', async () => {
      const old = await register(ALPHA, '/old');
      await request(gateway, 'POST', `/v1/webhooks/${old.id}/test`, undefined, as(ALPHA));
      await deliverDue();
      expect((await attemptsOf(old.id)).items).toHaveLength(1);

      // Past the retention period, and past the hour between two purges whatever an earlier test did.
      clock.advance((RETENTION_DAYS + 2) * DAY_MS);
      const recent = await register(ALPHA, '/recent');
      await request(gateway, 'POST', `/v1/webhooks/${recent.id}/test`, undefined, as(ALPHA));
      await deliverDue();

      expect((await attemptsOf(old.id)).items).toEqual([]);
      expect((await attemptsOf(recent.id)).items).toHaveLength(1);
    });

    it('delivers after a restart what was still pending when the gateway stopped', async () => {
      const { id, secret } = await register(ALPHA, '/restart');
      await receiver.stop();
      const [pending] = await outbox().enqueue({
        caller: 'alpha',
        type: 'message.delivered',
        payload: messageEvent('message.delivered', 'msg_restart'),
      });
      await deliverDue();
      const [refused] = (await attemptsOf(id)).items;
      // A refused connection, or the keep-alive connection of an earlier delivery found closed.
      expect(refused).toMatchObject({ attempt: 1, webhookId: pending.id, error: expect.any(String) });
      expect(refused.status).toBeUndefined();

      await gateway.close();
      await receiver.start();
      clock.advance(5 * SECOND_MS);
      gateway = await startGateway(env(), { clock });
      await deliverDue();

      const delivered = receiver.at('/restart');
      expect(delivered.map((webhook) => webhook.headers['webhook-id'])).toEqual([pending.id]);
      expect(new Webhook(secret).verify(delivered[0].body, headersOf(delivered[0]))).toMatchObject({
        data: { id: 'msg_restart' },
      });
      expect((await attemptsOf(id)).items.map((item) => [item.attempt, item.status ?? null])).toEqual([
        [2, 204],
        [1, null],
      ]);
    });
  });
}

deliverySuite('webhook deliveries [sqlite]', sqlitePlace);

describeWithPostgres('webhook deliveries', () => {
  deliverySuite('on one database', postgresPlace);

  it('delivers each event once when two gateways work one outbox', async () => {
    const database = await postgresPlace();
    const receiver = new WebhookReceiver();
    await receiver.start();
    const gateways = [await startGateway(database.env), await startGateway(database.env)];
    try {
      const created = await request(gateways[0], 'POST', '/v1/webhooks', {
        url: receiver.url('/shared'),
        events: ['message.delivered'],
      });
      expect(created.status).toBe(201);
      const queued = [];
      for (let n = 0; n < 60; n += 1) {
        queued.push(
          ...(await gateways[n % 2].app.get(WebhookOutbox).enqueue({
            caller: null,
            type: 'message.delivered',
            payload: messageEvent('message.delivered', `msg_${n}`),
          })),
        );
      }

      await Promise.all(
        gateways.flatMap((gateway) => [0, 1].map(() => gateway.app.get(WebhookDeliveryWorker).runOnce())),
      );

      const ids = receiver.at('/shared').map((webhook) => webhook.headers['webhook-id']);
      expect(ids).toHaveLength(60);
      expect(new Set(ids)).toEqual(new Set(queued.map((delivery) => delivery.id)));
    } finally {
      for (const gateway of gateways) await gateway.close();
      await receiver.stop();
      await database.drop();
    }
  });
});

describe('webhook endpoints: validation and answers', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_API_KEYS: KEYS });
  });

  afterAll(() => gateway.close());

  const create = (body: unknown, headers: Record<string, string> = {}) =>
    request(gateway, 'POST', '/v1/webhooks', body, { ...as(ALPHA), ...headers });
  const fields = (body: { errors?: { field: string }[] }) => [
    ...new Set(body.errors?.map((error) => error.field)),
  ];

  it.each([
    ['ftp://hooks.example.com/', 'url must use http or https'],
    ['https://user:pass@hooks.example.com/', 'url must not contain credentials (user:password@)'],
    [
      'http://169.254.169.254/latest/meta-data/',
      'url must not point at a link-local or cloud metadata address',
    ],
    ['http://[fe80::1]/hook', 'url must not point at a link-local or cloud metadata address'],
    ['http://[::ffff:169.254.169.254]/', 'url must not point at a link-local or cloud metadata address'],
    ['http://2852039166/', 'url must not point at a link-local or cloud metadata address'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'url must not point at a cloud metadata service'],
    ['hooks.example.com/no-scheme', 'url must be an http(s) URL'],
  ])('refuses the URL %s with a 400 on url', async (url, message) => {
    const response = await create({ url, events: ['message.sent'] });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'url', message }] });
  });

  it('accepts loopback and private hosts (internal services)', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://10.0.0.5/hook',
      'http://[::1]/hook',
    ]) {
      expect([url, (await create({ url, events: ['message.sent'] })).status]).toEqual([url, 201]);
    }
  });

  const HOOK = 'https://hooks.example.com/';
  it.each([
    ['an unknown event', { url: HOOK, events: ['message.read'] }, ['events']],
    ['no event', { url: HOOK, events: [] }, ['events']],
    ['an event twice', { url: HOOK, events: ['message.sent', 'message.sent'] }, ['events']],
    ['no events list', { url: HOOK }, ['events']],
    ['no url', { events: ['message.sent'] }, ['url']],
    ['a secret of its own', { url: HOOK, events: ['message.sent'], secret: 'whsec_mine' }, ['secret']],
    [
      'a description too long',
      { url: HOOK, events: ['message.sent'], description: 'x'.repeat(501) },
      ['description'],
    ],
  ])('refuses %s with a 400 naming %j', async (_label, body, expected) => {
    const response = await create(body);

    expect([response.status, response.body.code, fields(response.body)]).toEqual([
      400,
      'VALIDATION_FAILED',
      expected,
    ]);
  });

  it('changes only the fields given, clears the description with null, and refuses an empty or null change', async () => {
    const { body: endpoint } = await create({
      url: 'https://hooks.example.com/a',
      events: ['message.sent'],
      description: 'first',
    });
    const patch = (body: unknown) =>
      request(gateway, 'PATCH', `/v1/webhooks/${endpoint.id}`, body, as(ALPHA));

    const changed = await patch({
      url: 'https://hooks.example.com/b',
      events: ['message.failed'],
      enabled: false,
    });
    const cleared = await patch({ description: null });

    expect(changed.body).toMatchObject({
      url: 'https://hooks.example.com/b',
      events: ['message.failed'],
      enabled: false,
      description: 'first',
    });
    expect(cleared.body).toMatchObject({
      url: 'https://hooks.example.com/b',
      enabled: false,
      description: null,
    });
    expect(fields((await patch({})).body)).toEqual(['body']);
    expect(fields((await patch({ url: null })).body)).toEqual(['url']);
    expect(fields((await patch({ enabled: 'no' })).body)).toEqual(['enabled']);
    expect(fields((await patch({ url: 'http://[fe80::2]/' })).body)).toEqual(['url']);
  });

  it('answers 400 for a malformed id or cursor and 404 for an unknown endpoint or delivery', async () => {
    const { body: endpoint } = await create({ url: 'https://hooks.example.com/c', events: ['message.sent'] });
    const get = (path: string) => request(gateway, 'GET', path, undefined, as(ALPHA));

    expect(fields((await get('/v1/webhooks/42')).body)).toEqual(['id']);
    expect(fields((await get(`/v1/webhooks/${endpoint.id}/deliveries?cursor=!!`)).body)).toEqual(['cursor']);
    expect(fields((await get(`/v1/webhooks/${endpoint.id}/deliveries?cursor=bm90LW91cnM`)).body)).toEqual([
      'cursor',
    ]);
    expect(fields((await get(`/v1/webhooks/${endpoint.id}/deliveries?limit=0`)).body)).toEqual(['limit']);
    expect((await get('/v1/webhooks/ep_01J9Z3W8Q6T2V5X7Y9A1B3C5D7')).body.code).toBe('WEBHOOK_NOT_FOUND');
    const retry = await request(
      gateway,
      'POST',
      `/v1/webhooks/${endpoint.id}/deliveries/evt_01J9Z3X2M4N6P8Q0R2S4T6V8W0/retry`,
      undefined,
      as(ALPHA),
    );
    expect([retry.status, retry.body.code]).toEqual([404, 'WEBHOOK_DELIVERY_NOT_FOUND']);
  });

  it('creates one endpoint for a repeated Idempotency-Key, answering the same secret', async () => {
    const body = { url: 'https://hooks.example.com/once', events: ['message.delivered'] };
    const first = await create(body, { 'Idempotency-Key': 'create-once' });
    const again = await create(body, { 'Idempotency-Key': 'create-once' });

    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    const listed = (await request(gateway, 'GET', '/v1/webhooks', undefined, as(ALPHA))).body;
    expect(listed.filter((endpoint: { url: string }) => endpoint.url === body.url)).toHaveLength(1);
  });
});
