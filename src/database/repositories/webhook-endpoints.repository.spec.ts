import { describeEachDialect } from '../../../test/support/databases.js';
import { ManualClock } from '../../common/clock/clock.js';
import { KyselyWebhookEndpoints, type NewWebhookEndpoint } from './webhook-endpoints.repository.js';
import { KyselyWebhookOutbox } from './webhook-outbox.repository.js';

const START = Date.parse('2026-03-02T10:00:00Z');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function endpoint(overrides: Partial<NewWebhookEndpoint> = {}): NewWebhookEndpoint {
  return {
    caller: 'billing',
    url: 'https://hooks.internal/afilnet',
    description: 'Billing receipts',
    events: ['message.delivered', 'message.failed'],
    secret: SECRET,
    ...overrides,
  };
}

describeEachDialect('WebhookEndpoints', (database) => {
  let clock: ManualClock;
  let endpoints: KyselyWebhookEndpoints;

  beforeEach(() => {
    clock = new ManualClock(START);
    endpoints = new KyselyWebhookEndpoints(database().db, clock);
  });

  it('stores an endpoint, enabled, and never answers its secret', async () => {
    const created = await endpoints.create(endpoint());

    expect(created).toEqual({
      id: expect.stringMatching(/^ep_[0-9A-Z]{26}$/),
      caller: 'billing',
      url: 'https://hooks.internal/afilnet',
      description: 'Billing receipts',
      events: ['message.delivered', 'message.failed'],
      enabled: true,
      createdAt: START,
      updatedAt: START,
    });
    const read = [
      await endpoints.find(created.id, null),
      await endpoints.list(null),
      await endpoints.update(created.id, null, { enabled: false }),
    ];
    expect(JSON.stringify([created, ...read])).not.toContain(SECRET);
    const stored = await database().db.selectFrom('webhook_endpoints').select('secret').executeTakeFirst();
    expect(stored?.secret).toBe(SECRET);
  });

  it('shows each caller only its own endpoints; null sees all', async () => {
    const billing = await endpoints.create(endpoint());
    clock.advance(1);
    const marketing = await endpoints.create(endpoint({ caller: 'marketing' }));

    expect((await endpoints.list('billing')).map((e) => e.id)).toEqual([billing.id]);
    expect((await endpoints.list(null)).map((e) => e.id)).toEqual([billing.id, marketing.id]);
    expect(await endpoints.find(marketing.id, 'billing')).toBeUndefined();
    expect(await endpoints.find(marketing.id, 'marketing')).toBeDefined();
    expect(await endpoints.update(marketing.id, 'billing', { enabled: false })).toBeUndefined();
    expect(await endpoints.delete(marketing.id, 'billing')).toBe(false);
    expect((await endpoints.find(marketing.id, null))?.enabled).toBe(true);
  });

  it('changes only the fields given', async () => {
    const created = await endpoints.create(endpoint());
    clock.advance(5_000);

    const changed = await endpoints.update(created.id, 'billing', {
      url: 'http://127.0.0.1:9000/hooks',
      events: ['message.sent'],
      enabled: false,
    });

    expect(changed).toEqual({
      ...created,
      url: 'http://127.0.0.1:9000/hooks',
      events: ['message.sent'],
      enabled: false,
      updatedAt: START + 5_000,
    });
    expect(await endpoints.update(created.id, null, { description: null })).toMatchObject({
      description: null,
      url: 'http://127.0.0.1:9000/hooks',
    });
  });

  it('deletes an endpoint with its deliveries and their attempts', async () => {
    const doomed = await endpoints.create(endpoint());
    const kept = await endpoints.create(endpoint());
    const outbox = new KyselyWebhookOutbox(database().db, clock);
    const gone = await outbox.enqueueTo(doomed.id, 'webhook.test', '{}');
    const stays = await outbox.enqueueTo(kept.id, 'webhook.test', '{}');
    for (const delivery of [gone, stays]) {
      await outbox.recordAttempt({
        deliveryId: delivery.id,
        statusCode: 500,
        durationMs: 12,
        error: null,
        responseBody: 'oops',
        next: { outcome: 'retry', nextAttemptAt: START + 5_000 },
      });
    }

    expect(await endpoints.delete(doomed.id, 'billing')).toBe(true);

    expect(await endpoints.find(doomed.id, null)).toBeUndefined();
    expect(await outbox.findDelivery(gone.id, doomed.id)).toBeUndefined();
    const attempts = await database().db.selectFrom('webhook_attempts').select('delivery_id').execute();
    expect(attempts).toEqual([{ delivery_id: stays.id }]);
    expect(await endpoints.delete(doomed.id, null)).toBe(false);
  });
});
