import { setTimeout as sleep } from 'node:timers/promises';
import { DELIVERY_DELAY_MS } from '../src/sandbox/sandbox.messaging.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { expectValidationFailure, inHours } from './support/messaging.js';

describe('delivery over time and the sandbox-only routes', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  it('sees each channel’s status move from pending to delivered, or failed for the magic destinations', async () => {
    const sentAt = Date.now();
    const sends = await Promise.all([
      request(gateway, 'POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'hi' }),
      request(gateway, 'POST', '/v1/sms', { from: 'Shop', to: '34600000666', sms: 'hi' }),
      request(gateway, 'POST', '/v1/voice', { to: '34600000001', from: '34900000000', message: 'hi' }),
      request(gateway, 'POST', '/v1/email', { to: 'eva@example.com', subject: 'Hi', email: '<p>hi</p>' }),
      request(gateway, 'POST', '/v1/email', { to: 'bounce@example.com', subject: 'Hi', email: '<p>hi</p>' }),
    ]);
    const [sms, failingSms, voice, email, bouncing] = sends.map((sent) => sent.body.messageId as string);
    const statuses = async () =>
      Promise.all([
        request(gateway, 'GET', `/v1/sms/status?ids=${sms},${failingSms}`),
        request(gateway, 'GET', `/v1/voice/status?ids=${voice}`),
        request(gateway, 'GET', `/v1/email/status?ids=${email},${bouncing}`),
      ]).then((responses) =>
        responses.flatMap((response) => response.body as { status: string; deliveredAt: string | null }[]),
      );

    const before = await statuses();
    await sleep(DELIVERY_DELAY_MS + 200);
    const after = await statuses();

    expect(sends.map((sent) => sent.status)).toEqual([201, 201, 201, 201, 201]);
    expect(before.map((entry) => entry.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(after).toEqual([
      { messageId: sms, status: 'delivered', deliveredAt: expect.any(String), raw: 'DELIVERED' },
      { messageId: failingSms, status: 'failed', deliveredAt: null, raw: 'FAILED' },
      { messageId: voice, status: 'delivered', deliveredAt: expect.any(String), raw: 'DELIVERED' },
      { messageId: email, status: 'delivered', deliveredAt: expect.any(String), raw: 'DELIVERED' },
      { messageId: bouncing, status: 'failed', deliveredAt: null, raw: 'FAILED' },
    ]);
    // Afilnet's dates have whole seconds, read back in the gateway's zone: within a second of the real time.
    for (const entry of after.filter((item) => item.status === 'delivered')) {
      const deliveredAt = Date.parse(entry.deliveredAt!);
      expect(deliveredAt).toBeGreaterThanOrEqual(sentAt + DELIVERY_DELAY_MS - 1000);
      expect(deliveredAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it('lists what would have been sent, newest first, with its delivery status', async () => {
    await request(gateway, 'POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'first' });
    await request(gateway, 'POST', '/v1/sms', {
      from: 'Shop',
      to: '34600000002',
      sms: 'later',
      scheduledAt: inHours(1),
    });
    await request(gateway, 'POST', '/v1/whatsapp/messages', {
      channelId: 100,
      to: '34600000003',
      message: 'wa',
    });

    const all = await request(gateway, 'GET', '/v1/sandbox/messages');
    const sms = await request(gateway, 'GET', '/v1/sandbox/messages?channel=sms');

    expect(all.status).toBe(200);
    expect(all.body.map((message: { channel: string }) => message.channel)).toEqual([
      'whatsapp',
      'sms',
      'sms',
    ]);
    expect(sms.body).toEqual([
      {
        messageId: '2',
        channel: 'sms',
        destination: '34600000002',
        text: 'later',
        credits: 1,
        createdAt: expect.any(String),
        sendAt: expect.any(String),
        status: 'SCHEDULED',
        deliveredAt: null,
      },
      expect.objectContaining({ messageId: '1', text: 'first', status: 'PENDING', deliveredAt: null }),
    ]);
    expect(Date.parse(sms.body[0].sendAt) - Date.parse(sms.body[0].createdAt)).toBeGreaterThan(3_500_000);
  });

  it('resets the sandbox: outbox emptied, balance restored', async () => {
    await request(gateway, 'POST', '/v1/sms', { from: 'Shop', to: '34600000001', sms: 'hi' });

    const reset = await fetch(`${gateway.url}/v1/sandbox/reset`, { method: 'POST' });
    const listed = await request(gateway, 'GET', '/v1/sandbox/messages');
    const balance = await request(gateway, 'GET', '/v1/account/balance');

    expect([reset.status, await reset.text()]).toEqual([204, '']);
    expect(listed.body).toEqual([]);
    expect(balance.body).toEqual({ credits: 100 });
  });

  it('keeps the demo verification of the Swagger example, and brings it back on reset', async () => {
    const demo = '/v1/verifications/VE00000000000000000000000000000001';
    const seeded = await request(gateway, 'GET', demo);
    const canceled = await request(gateway, 'POST', `${demo}/cancel`);
    await fetch(`${gateway.url}/v1/sandbox/reset`, { method: 'POST' });
    const reseeded = await request(gateway, 'GET', demo);

    expect([seeded.status, seeded.body.status, seeded.body.destination]).toEqual([
      200,
      'pending',
      '346****0000',
    ]);
    expect(canceled.body.status).toBe('canceled');
    expect([reseeded.status, reseeded.body.status]).toEqual([200, 'pending']);
  });

  it('rejects an unknown channel filter', async () => {
    expectValidationFailure(await request(gateway, 'GET', '/v1/sandbox/messages?channel=fax'), 'channel');
  });
});
