import { request, startGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

const SMS = { from: 'Shop', to: '34600000001', sms: 'Your order has shipped' };
const sent = { status: 'SUCCESS', result: { messageid: '1', credits: 1 } };

describe('one deadline per call (live mode)', () => {
  const upstream = new ScriptedUpstream();
  let url: string;

  beforeAll(async () => {
    url = await upstream.start();
  });

  afterAll(() => upstream.stop());

  beforeEach(() => {
    upstream.received.length = 0;
  });

  it('answers a read within AFILNET_TIMEOUT_MS, retries included, against a silent Afilnet', async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: url,
      AFILNET_TIMEOUT_MS: '600',
      AFILNET_READ_RETRIES: '2',
      AFILNET_BREAKER_FAILURES: '1000',
    });
    try {
      upstream.respond(() => undefined);
      const started = Date.now();

      const response = await request(gateway, 'GET', '/v1/account/balance');

      const elapsed = Date.now() - started;
      expect([response.status, response.body.code]).toEqual([504, 'UPSTREAM_TIMEOUT']);
      expect(elapsed).toBeGreaterThanOrEqual(550);
      // Before: a fresh 600 ms per attempt, three attempts and their backoff (about 2 s).
      expect(elapsed).toBeLessThan(1100);
      expect(upstream.received).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });

  it('answers a read within the deadline while it retries an upstream that keeps dropping the connection', async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: url,
      AFILNET_TIMEOUT_MS: '700',
      AFILNET_READ_RETRIES: '10',
      AFILNET_BREAKER_FAILURES: '1000',
    });
    try {
      upstream.respond((_request, _response, raw) => setTimeout(() => raw.socket.destroy(), 150));
      const started = Date.now();

      const response = await request(gateway, 'GET', '/v1/account/balance');

      expect([502, 504]).toContain(response.status);
      expect(Date.now() - started).toBeLessThan(1200);
      expect(upstream.received.length).toBeGreaterThan(1);
    } finally {
      await gateway.close();
    }
  });
});

describe('the queue for a connection (live mode, slow Afilnet)', () => {
  const upstream = new ScriptedUpstream();
  let url: string;

  beforeAll(async () => {
    url = await upstream.start();
  });

  afterAll(() => upstream.stop());

  beforeEach(() => {
    upstream.received.length = 0;
  });

  it('refuses sends past the queue at once, and never starts one after half its deadline: 503 UPSTREAM_BUSY, nothing sent', async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: url,
      AFILNET_TIMEOUT_MS: '1000',
      AFILNET_MAX_SOCKETS: '2',
      AFILNET_MAX_QUEUED: '3',
      AFILNET_BREAKER_FAILURES: '1000',
    });
    try {
      upstream.respond((_request, response) => setTimeout(() => json(response, sent), 800));

      const answers = await Promise.all(
        Array.from({ length: 8 }, () => request(gateway, 'POST', '/v1/sms', SMS)),
      );

      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([201, 201, 503, 503, 503, 503, 503, 503]);
      const busy = answers.filter((answer) => answer.status === 503);
      expect(new Set(busy.map((answer) => answer.body.code as string))).toEqual(new Set(['UPSTREAM_BUSY']));
      expect(busy.every((answer) => answer.headers.get('retry-after') === '1')).toBe(true);
      expect(busy[0].body.detail).toContain('nothing was sent');
      // Only the two calls that got a connection at once reached Afilnet; the queued ones were never started.
      expect(upstream.received).toHaveLength(2);
    } finally {
      await gateway.close();
    }
  });

  it('starts a queued send as soon as a connection frees up within half its deadline', async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: url,
      AFILNET_TIMEOUT_MS: '3000',
      AFILNET_MAX_SOCKETS: '1',
      AFILNET_MAX_QUEUED: '5',
    });
    try {
      upstream.respond((_request, response) => setTimeout(() => json(response, sent), 100));
      const connections = upstream.connections;

      const answers = await Promise.all(
        Array.from({ length: 4 }, () => request(gateway, 'POST', '/v1/sms', SMS)),
      );

      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
      expect(upstream.received).toHaveLength(4);
      expect(upstream.connections - connections).toBe(1);
    } finally {
      await gateway.close();
    }
  });
});
