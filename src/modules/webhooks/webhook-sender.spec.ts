import type { LookupAddress } from 'node:dns';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { answer, WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { WebhookSender, type HostResolver } from './webhook-sender.js';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

/**
 * Name resolution the test controls: `*.test` names do not exist in any DNS, so a delivery to one reaches the
 * receiver only through this resolver — proof that the sender's sockets resolve through the guarded lookup.
 */
const NAMES: Record<string, LookupAddress[]> = {
  'receiver.test': [{ address: '127.0.0.1', family: 4 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'mapped.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  'link-local.test': [{ address: 'fe80::1', family: 6 }],
  'mixed.test': [
    { address: '127.0.0.1', family: 4 },
    { address: '169.254.169.254', family: 4 },
  ],
};

describe('WebhookSender', () => {
  const receiver = new WebhookReceiver();
  const asked: string[] = [];
  const resolve: HostResolver = (hostname) => {
    asked.push(hostname);
    const addresses = NAMES[hostname];
    return addresses === undefined
      ? Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }))
      : Promise.resolve(addresses);
  };
  const sender = new WebhookSender({ timeoutMs: 500, resolve });
  let port: number;

  beforeAll(async () => {
    port = Number(new URL(await receiver.start()).port);
  });

  afterAll(async () => {
    await sender.close();
    await receiver.stop();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    asked.length = 0;
    receiver.respond(answer(204));
  });

  const message = (url: string) => ({
    url,
    secret: SECRET,
    id: 'evt_01J9Z3X2M4N6P8Q0R2S4T6V8W0',
    payload: '{"type":"webhook.test","timestamp":"2026-01-15T09:00:00.000Z","data":{"ünïcode":"✓"}}',
    at: Date.now(),
  });

  it('POSTs the exact body signed as Standard Webhooks says, which standardwebhooks verifies', async () => {
    const sent = message(receiver.url('/hook'));

    const result = await sender.send(sent);

    expect(result).toMatchObject({ delivered: true, statusCode: 204, error: null, responseBody: null });
    const [webhook] = receiver.received;
    expect(webhook.body).toBe(sent.payload);
    expect(webhook.headers['content-type']).toBe('application/json');
    expect(webhook.headers['webhook-id']).toBe(sent.id);
    expect(webhook.headers['webhook-timestamp']).toBe(String(Math.floor(sent.at / 1000)));
    // The signature, computed here from the spec rather than by the library that made it.
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const signed = `${sent.id}.${String(webhook.headers['webhook-timestamp'])}.${sent.payload}`;
    expect(webhook.headers['webhook-signature']).toBe(
      `v1,${createHmac('sha256', key).update(signed).digest('base64')}`,
    );
    expect(new Webhook(SECRET).verify(webhook.body, webhook.headers as Record<string, string>)).toEqual(
      JSON.parse(sent.payload),
    );
  });

  it('does not follow a redirect: a 3xx is an attempt that did not deliver', async () => {
    receiver.respond(answer(302, 'moved', { Location: receiver.url('/elsewhere') }));

    const result = await sender.send(message(receiver.url('/hook')));

    expect(result).toMatchObject({ delivered: false, statusCode: 302, error: 'redirect not followed' });
    expect(receiver.received.map((webhook) => webhook.path)).toEqual(['/hook']);
  });

  it('keeps the first 1 KB of the answer of a failed attempt', async () => {
    receiver.respond(answer(503, 'x'.repeat(64 * 1024)));

    const result = await sender.send(message(receiver.url('/hook')));

    expect(result).toMatchObject({ delivered: false, statusCode: 503, error: 'not a 2xx answer' });
    expect(result.responseBody).toBe('x'.repeat(1024));
  });

  it('gives up on a receiver that does not answer within the deadline', async () => {
    receiver.respond(() => undefined);

    const result = await sender.send(message(receiver.url('/hook')));

    expect(result).toMatchObject({ delivered: false, statusCode: null, error: 'no answer within 500 ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(400);
  });

  it('reports a closed port with the socket error', async () => {
    const result = await sender.send(message('http://127.0.0.1:9/hook'));

    expect(result).toMatchObject({ delivered: false, statusCode: null });
    expect(result.error).toContain('ECONNREFUSED');
  });

  it('connects to a host name through the guarded lookup', async () => {
    const result = await sender.send(message(`http://receiver.test:${port}/by-name`));

    expect(result).toMatchObject({ delivered: true, statusCode: 204 });
    expect(asked).toEqual(['receiver.test']);
    expect(receiver.at('/by-name')).toHaveLength(1);
  });

  it.each(['metadata.test', 'mapped.test', 'link-local.test', 'mixed.test'])(
    'refuses to connect when %s resolves to a link-local address',
    async (host) => {
      const result = await sender.send(message(`http://${host}:${port}/by-name`));

      expect(result).toMatchObject({ delivered: false, statusCode: null });
      expect(result.error).toMatch(
        new RegExp(`^refused: ${host} resolves to .+, a link-local or cloud metadata address`),
      );
      expect(asked).toEqual([host]);
      expect(receiver.received).toEqual([]);
    },
  );

  it('refuses a link-local address written in the URL without resolving or connecting', async () => {
    const result = await sender.send(message('http://[::ffff:169.254.169.254]/latest/meta-data/'));

    expect(result).toMatchObject({
      delivered: false,
      statusCode: null,
      error: 'refused: the URL points at a link-local or cloud metadata address',
    });
    expect(asked).toEqual([]);
  });
});
