import { describeEachDialect } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import { InvalidCursorError } from '../pagination.js';
import { KyselyWebhookEndpoints, type NewWebhookEndpoint } from './webhook-endpoints.repository.js';
import {
  KyselyWebhookOutbox,
  MAX_RESPONSE_BODY_CHARS,
  type AttemptReport,
} from './webhook-outbox.repository.js';

const START = Date.parse('2026-03-02T10:00:00Z');

describeEachDialect('WebhookOutbox', (database) => {
  let clock: ManualClock;
  let endpoints: KyselyWebhookEndpoints;
  let outbox: KyselyWebhookOutbox;

  beforeEach(() => {
    clock = new ManualClock(START);
    endpoints = new KyselyWebhookEndpoints(database().db, clock);
    outbox = new KyselyWebhookOutbox(database().db, clock);
  });

  function register(overrides: Partial<NewWebhookEndpoint> = {}) {
    return endpoints.create({
      caller: 'billing',
      url: 'https://hooks.internal/a',
      events: ['message.delivered'],
      secret: 'whsec_c2VjcmV0',
      ...overrides,
    });
  }

  function failedAttempt(deliveryId: string, next: AttemptReport['next']): AttemptReport {
    return { deliveryId, statusCode: 503, durationMs: 40, error: null, responseBody: 'busy', next };
  }

  describe('enqueue', () => {
    it('queues an event for each enabled endpoint of its caller subscribed to its type', async () => {
      const subscribed = await register();
      const alsoSubscribed = await register({
        url: 'https://hooks.internal/b',
        events: ['message.failed', 'message.delivered'],
      });
      await register({ events: ['message.failed'] });
      const disabled = await register();
      await endpoints.update(disabled.id, null, { enabled: false });
      await register({ caller: 'marketing' });
      await register({ caller: null });

      const deliveries = await outbox.enqueue({
        caller: 'billing',
        type: 'message.delivered',
        payload: '{"type":"message.delivered"}',
      });

      expect(deliveries.map((delivery) => delivery.endpointId).sort()).toEqual(
        [subscribed.id, alsoSubscribed.id].sort(),
      );
      expect(deliveries[0]).toEqual({
        id: expect.stringMatching(/^evt_[0-9A-Z]{26}$/),
        endpointId: expect.any(String),
        eventType: 'message.delivered',
        payload: '{"type":"message.delivered"}',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: START,
        createdAt: START,
        updatedAt: START,
      });
      expect(deliveries[0].id).not.toBe(deliveries[1].id);
    });

    it('keeps the events of callers without keys (null) to their own endpoints', async () => {
      const open = await register({ caller: null });
      await register();

      const deliveries = await outbox.enqueue({ caller: null, type: 'message.delivered', payload: '{}' });

      expect(deliveries.map((delivery) => delivery.endpointId)).toEqual([open.id]);
      expect(await outbox.enqueue({ caller: 'nobody', type: 'message.delivered', payload: '{}' })).toEqual(
        [],
      );
    });
  });

  describe('claimDue', () => {
    it("claims due deliveries of enabled endpoints once per lease, with the endpoint's URL and secret", async () => {
      const endpoint = await register();
      const paused = await register({ url: 'https://hooks.internal/paused' });
      const first = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{"n":1}');
      clock.advance(1);
      const second = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{"n":2}');
      const waiting = await outbox.enqueueTo(paused.id, 'webhook.test', '{}');
      await endpoints.update(paused.id, null, { enabled: false });

      const claimed = await outbox.claimDue({ limit: 10, leaseMs: 30_000 });
      const again = await outbox.claimDue({ limit: 10, leaseMs: 30_000 });
      clock.advance(30_000);
      await endpoints.update(paused.id, null, { enabled: true });
      const afterLease = await outbox.claimDue({ limit: 10, leaseMs: 30_000 });

      expect(claimed).toEqual([
        expect.objectContaining({
          id: first.id,
          url: 'https://hooks.internal/a',
          secret: 'whsec_c2VjcmV0',
          nextAttemptAt: START + 30_001,
        }),
        expect.objectContaining({ id: second.id, payload: '{"n":2}' }),
      ]);
      expect(again).toEqual([]);
      expect(afterLease.map((delivery) => delivery.id)).toEqual([first.id, second.id, waiting.id]);
    });

    it('hands each due delivery to exactly one of several instances claiming at once', async () => {
      const endpoint = await register();
      const total = 200;
      for (let index = 0; index < total; index += 1)
        await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');
      const instances = Array.from({ length: 5 }, () => new KyselyWebhookOutbox(database().connect(), clock));

      const claims = await Promise.all(
        instances.map(async (instance) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await instance.claimDue({ limit: 6, leaseMs: 60_000 });
            if (batch.length === 0) return mine;
            mine.push(...batch.map((delivery) => delivery.id));
          }
        }),
      );

      expect(claims.flat()).toHaveLength(total);
      expect(new Set(claims.flat()).size).toBe(total);
    });
  });

  describe('recordAttempt', () => {
    it('counts attempts and moves the delivery on: retry, then success', async () => {
      const endpoint = await register();
      const delivery = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');
      clock.advance(100);

      const first = await outbox.recordAttempt(
        failedAttempt(delivery.id, { outcome: 'retry', nextAttemptAt: START + 5_100 }),
      );
      expect(await outbox.findDelivery(delivery.id, endpoint.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: START + 5_100,
      });
      clock.advance(5_000);
      const second = await outbox.recordAttempt({
        deliveryId: delivery.id,
        statusCode: 204,
        durationMs: 12.6,
        error: null,
        responseBody: null,
        next: { outcome: 'succeeded' },
      });

      expect(first).toEqual({
        id: expect.stringMatching(/^att_[0-9A-Z]{26}$/),
        deliveryId: delivery.id,
        endpointId: endpoint.id,
        eventType: 'webhook.test',
        attempt: 1,
        statusCode: 503,
        durationMs: 40,
        error: null,
        responseBody: 'busy',
        at: START + 100,
      });
      expect(second).toMatchObject({ attempt: 2, statusCode: 204, durationMs: 13, at: START + 5_100 });
      expect(await outbox.findDelivery(delivery.id, endpoint.id)).toMatchObject({
        status: 'succeeded',
        attempts: 2,
        nextAttemptAt: null,
      });
      expect(await outbox.claimDue({ limit: 10, leaseMs: 1 })).toEqual([]);
    });

    it('marks the delivery failed when no attempt is left, and keeps only 1 KB of the answer', async () => {
      const endpoint = await register();
      const delivery = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');

      const attempt = await outbox.recordAttempt({
        deliveryId: delivery.id,
        statusCode: null,
        durationMs: 5_000,
        error: 'timeout after 5000 ms',
        responseBody: 'x'.repeat(5_000),
        next: { outcome: 'failed' },
      });

      expect(attempt?.responseBody).toHaveLength(MAX_RESPONSE_BODY_CHARS);
      expect(attempt).toMatchObject({ statusCode: null, error: 'timeout after 5000 ms' });
      expect(await outbox.findDelivery(delivery.id, endpoint.id)).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
      });
    });

    it('answers undefined for a delivery that is gone', async () => {
      expect(
        await outbox.recordAttempt(failedAttempt('evt_01KJ0000000000000000000000', { outcome: 'failed' })),
      ).toBeUndefined();
    });
  });

  describe('listAttempts', () => {
    it("pages through an endpoint's attempts newest first", async () => {
      const endpoint = await register();
      const other = await register();
      const delivery = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');
      const elsewhere = await outbox.enqueueTo(other.id, 'webhook.test', '{}');
      const recorded: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        clock.advance(1_000);
        const attempt = await outbox.recordAttempt(
          failedAttempt(delivery.id, { outcome: 'retry', nextAttemptAt: 0 }),
        );
        recorded.push(attempt!.id);
      }
      await outbox.recordAttempt(failedAttempt(elsewhere.id, { outcome: 'failed' }));

      const first = await outbox.listAttempts(endpoint.id, { limit: 3 });
      const second = await outbox.listAttempts(endpoint.id, { limit: 3, cursor: first.nextCursor! });

      expect(first.items.map((attempt) => attempt.attempt)).toEqual([5, 4, 3]);
      expect([...first.items, ...second.items].map((attempt) => attempt.id)).toEqual(recorded.reverse());
      expect(second.nextCursor).toBeNull();
      expect(first.items[0]).toMatchObject({ eventType: 'webhook.test', deliveryId: delivery.id });
      await expect(outbox.listAttempts(endpoint.id, { limit: 3, cursor: 'bm9wZQ' })).rejects.toThrow(
        InvalidCursorError,
      );
    });
  });

  describe('retry', () => {
    it('queues a failed delivery again, keeping its id; refuses others', async () => {
      const endpoint = await register();
      const other = await register();
      const failed = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');
      await outbox.recordAttempt(failedAttempt(failed.id, { outcome: 'failed' }));
      const pending = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');
      clock.advance(60_000);

      expect(await outbox.retry(failed.id, other.id)).toBe('not_found');
      expect(await outbox.retry(pending.id, endpoint.id)).toBe('not_failed');
      expect(await outbox.retry(failed.id, endpoint.id)).toBe('requeued');

      expect(await outbox.findDelivery(failed.id, endpoint.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: START + 60_000,
      });
      expect((await outbox.claimDue({ limit: 10, leaseMs: 1_000 })).map((delivery) => delivery.id)).toEqual([
        failed.id,
        pending.id,
      ]);
    });
  });

  describe('purge', () => {
    it('deletes deliveries created before the limit, with their attempts', async () => {
      const endpoint = await register();
      const old = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');
      await outbox.recordAttempt(failedAttempt(old.id, { outcome: 'failed' }));
      clock.advance(86_400_000);
      const recent = await outbox.enqueueTo(endpoint.id, 'webhook.test', '{}');

      expect(await outbox.purge(START + 1)).toBe(1);

      expect(await outbox.findDelivery(old.id, endpoint.id)).toBeUndefined();
      expect(await outbox.findDelivery(recent.id, endpoint.id)).toBeDefined();
      expect((await outbox.listAttempts(endpoint.id, { limit: 10 })).items).toEqual([]);
    });
  });
});
