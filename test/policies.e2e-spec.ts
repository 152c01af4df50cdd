import { createHash } from 'node:crypto';
import type * as ClockModule from '../src/common/clock/clock.js';
import { built } from './support/built.js';
import { eventually } from './support/eventually.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { servedDocument } from './support/openapi.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

const BILLING = 'billing-key-0123456789';
const OPS = 'ops-key-0123456789abcdef';
const READER = 'reader-key-0123456789';
const KEYS = [
  `billing:${BILLING}:otp+sms`,
  `ops:sha256:${createHash('sha256').update(OPS).digest('hex')}`,
  `reader:${READER}:user`,
].join(',');

const OTP = { type: 'mobile', destination: '34600000000' };
const ok = (result: unknown = { messageid: '1', credits: 1 }) => ({ status: 'SUCCESS', result });

describe('API keys and scopes (live mode)', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      GATEWAY_API_KEYS: KEYS,
    });
    upstream.respond((_request, response) => json(response, ok(7)));
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
  });

  it.each([
    ['no key', {}],
    ['an unknown key', { 'X-API-Key': 'not-a-key-at-all-000' }],
    ['a key that differs in one character', { 'X-API-Key': `${BILLING.slice(0, -1)}X` }],
  ])('answers %s with 401 UNAUTHENTICATED and no upstream call', async (_label, headers) => {
    const response = await request(gateway, 'POST', '/v1/otp', OTP, headers);

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(upstream.received).toHaveLength(0);
  });

  it('answers a key without the scope with 403 FORBIDDEN and no upstream call', async () => {
    const response = await request(gateway, 'GET', '/v1/account/balance', undefined, {
      'X-API-Key': BILLING,
    });

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
    expect(response.body.detail).toContain('"billing"');
    expect(upstream.received).toHaveLength(0);
  });

  it('lets each key use its scopes: a plain key, a sha256 key with all scopes, a read-only key', async () => {
    const billing = await request(gateway, 'POST', '/v1/otp', OTP, { 'X-API-Key': BILLING });
    const ops = await request(gateway, 'GET', '/v1/account/balance', undefined, { 'X-API-Key': OPS });
    const reader = await request(gateway, 'GET', '/v1/account/balance', undefined, { 'X-API-Key': READER });

    expect([billing.status, ops.status, reader.status]).toEqual([201, 200, 200]);
  });

  it('keeps probes open without a key', async () => {
    expect((await request(gateway, 'GET', '/health/live')).status).toBe(200);
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(200);
  });

  it("names the caller's key, never the key itself, in metrics", async () => {
    await request(gateway, 'GET', '/v1/account/balance', undefined, { 'X-API-Key': READER });

    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();

    expect(metrics).toMatch(/gateway_http_requests_total\{[^}]*api_key="reader"[^}]*\} \d+/);
    expect(metrics).not.toContain(READER);
    expect(metrics).not.toContain(BILLING);
  });
});

describe('protected probes', () => {
  it('asks for a key on health and metrics when PROBES_ACCESS=protected', async () => {
    const gateway = await startGateway({ GATEWAY_API_KEYS: KEYS, PROBES_ACCESS: 'protected' });
    try {
      expect((await request(gateway, 'GET', '/health/live')).status).toBe(401);
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
      expect((await request(gateway, 'GET', '/health/live', undefined, { 'X-API-Key': OPS })).status).toBe(
        200,
      );
    } finally {
      await gateway.close();
    }
  });
});

describe('rate limits per API key', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_API_KEYS: KEYS, RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(() => gateway.close());

  it('counts each key across routes, with RateLimit headers, then 429 with Retry-After', async () => {
    const key = { 'X-API-Key': OPS };
    const answers = [
      await request(gateway, 'GET', '/v1/account/balance', undefined, key),
      await request(gateway, 'POST', '/v1/otp', OTP, key),
      await request(gateway, 'GET', '/v1/account/balance', undefined, key),
    ];
    const limited = await request(gateway, 'GET', '/v1/account/balance', undefined, key);
    const otherKey = await request(gateway, 'GET', '/v1/account/balance', undefined, { 'X-API-Key': READER });

    expect(answers.map((answer) => answer.status)).toEqual([200, 201, 200]);
    expect(answers.map((answer) => answer.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
    expect(answers[0].headers.get('ratelimit-limit')).toBe('3');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(otherKey.status).toBe(200);
  });

  it('never limits probes', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await request(gateway, 'GET', '/health/live')).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});

describe('failed authentication, limited per client address', () => {
  const clock = new ManualClock(Date.now());
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(
      { GATEWAY_API_KEYS: KEYS, AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' },
      { clock },
    );
  });

  afterAll(() => gateway.close());

  const from = (client: string, key?: string) =>
    request(gateway, 'GET', '/v1/account/balance', undefined, {
      'X-Forwarded-For': client,
      ...(key === undefined ? {} : { 'X-API-Key': key }),
    });

  it('answers 429 with Retry-After once an address has too many 401s, right key or wrong, until the window has passed', async () => {
    const guesses = [
      await from('203.0.113.7'),
      await from('203.0.113.7', 'wrong-key-000000001'),
      await from('203.0.113.7', 'wrong-key-000000002'),
    ];
    const nextGuess = await from('203.0.113.7', 'wrong-key-000000003');
    const rightKey = await from('203.0.113.7', OPS);
    const otherClient = await from('203.0.113.8', OPS);
    const probe = await fetch(`${gateway.url}/health/live`, {
      headers: { 'X-Forwarded-For': '203.0.113.7' },
    });
    clock.advance(61_000);
    const later = await from('203.0.113.7', OPS);

    expect(guesses.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect([nextGuess.status, nextGuess.body.code]).toEqual([429, 'TOO_MANY_AUTH_FAILURES']);
    expect(Number(nextGuess.headers.get('retry-after'))).toBe(60);
    expect([rightKey.status, rightKey.body.code]).toEqual([429, 'TOO_MANY_AUTH_FAILURES']);
    expect(otherClient.status).toBe(200);
    expect(probe.status).toBe(200);
    expect(later.status).toBe(200);
  });
});

describe('Idempotency-Key (live mode)', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;
  let answer: () => unknown = () => ok();

  beforeAll(async () => {
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      GATEWAY_API_KEYS: KEYS,
      // Every test here sends a code to the same number; the per-destination send limit has its own suite.
      VERIFICATION_MAX_STARTS: '1000',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
    answer = () => ok();
    upstream.respond((_request, response) => json(response, answer()));
  });

  const send = (key: string, body: unknown = OTP, apiKey = OPS) =>
    request(gateway, 'POST', '/v1/otp', body, { 'X-API-Key': apiKey, 'Idempotency-Key': key });

  it('sends once for N concurrent identical requests; the others get 409 with Retry-After', async () => {
    // Afilnet holds the one send until every other request has been answered.
    let release: (() => void) | undefined;
    upstream.respond((_request, response) => (release = () => json(response, answer())));
    let conflicts = 0;
    const sending = Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await send('concurrent-1');
        if (response.status === 409) conflicts += 1;
        return response;
      }),
    );
    await eventually(() => expect(conflicts).toBe(7));
    (await eventually(() => release ?? false))();
    const answers = await sending;

    expect(upstream.received).toHaveLength(1);
    const statuses = answers.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const conflict = answers.find((response) => response.status === 409)!;
    expect(conflict.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(conflict.headers.get('retry-after')).toBe('1');
  });

  it('replays the first answer without calling Afilnet again', async () => {
    const first = await send('replay-1');
    const second = await send('replay-1');

    expect(upstream.received).toHaveLength(1);
    expect(first.status).toBe(201);
    expect([second.status, second.body]).toEqual([201, first.body]);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(first.headers.get('idempotency-replayed')).toBeNull();
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    await send('order-1', { type: 'mobile', destination: '34600000000' });
    const again = await send('order-1', { destination: '34600000000', type: 'mobile' });

    expect(again.status).toBe(201);
    expect(upstream.received).toHaveLength(1);
  });

  it('answers the same key with another body with 422 and no call', async () => {
    await send('mismatch-1');
    const other = await send('mismatch-1', { type: 'mobile', destination: '34611111111' });

    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(upstream.received).toHaveLength(1);
  });

  it('replays an upstream error as well, with the new request id', async () => {
    answer = () => ({ status: 'ERROR', error: 'NO_CREDITS' });
    const first = await send('error-1');
    const second = await send('error-1');

    expect([first.status, second.status]).toEqual([402, 402]);
    expect(second.body).toMatchObject({ code: 'NO_CREDITS', upstream: { error: 'NO_CREDITS' } });
    expect(second.body.requestId).toBe(second.headers.get('x-request-id'));
    expect(second.body.requestId).not.toBe(first.body.requestId);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(upstream.received).toHaveLength(1);
  });

  it('does not record a request that failed validation, so it can be corrected and sent', async () => {
    const invalid = await send('fix-1', { type: 'mobile', destination: '+34 600' });
    const fixed = await send('fix-1');

    expect([invalid.status, fixed.status]).toEqual([400, 201]);
    expect(upstream.received).toHaveLength(1);
  });

  it('keeps keys apart per API key', async () => {
    await send('shared-1', OTP, OPS);
    const other = await send('shared-1', OTP, BILLING);

    expect(other.status).toBe(201);
    expect(other.headers.get('idempotency-replayed')).toBeNull();
    expect(upstream.received).toHaveLength(2);
  });

  it('rejects an over-long key with 400', async () => {
    const response = await send('k'.repeat(256));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('Idempotency-Key');
    expect(upstream.received).toHaveLength(0);
  });

  it('documents the header and its answers on sends', async () => {
    const document = await servedDocument<any>(gateway);
    const op = document.paths['/v1/otp'].post;
    expect(op.parameters.map((parameter: { name: string }) => parameter.name)).toContain('Idempotency-Key');
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['401', '403', '409', '422', '429', '503']),
    );
  });
});

describe('upstream resilience (live mode)', () => {
  const upstream = new ScriptedUpstream();
  let url: string;

  beforeAll(async () => {
    url = await upstream.start();
  });

  afterAll(() => upstream.stop());

  beforeEach(() => {
    upstream.received.length = 0;
  });

  const reset = () =>
    upstream.respond((_request, response, raw) => {
      void response;
      raw.socket.destroy();
    });

  it('retries reads with backoff, never sends', async () => {
    const gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_BASE_URL: url, AFILNET_READ_RETRIES: '2' });
    try {
      reset();
      const read = await request(gateway, 'GET', '/v1/account/balance');
      const reads = upstream.received.length;
      upstream.received.length = 0;
      const sent = await request(gateway, 'POST', '/v1/otp', OTP);

      expect(read.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(reads).toBe(3);
      expect(sent.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(upstream.received).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });

  it('does not retry on Afilnet business errors', async () => {
    const gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_BASE_URL: url, AFILNET_READ_RETRIES: '2' });
    try {
      upstream.respond((_request, response) =>
        json(response, { status: 'ERROR', error: 'INCORRECT_USER_PASSWORD' }),
      );
      await request(gateway, 'GET', '/v1/account/balance');
      expect(upstream.received).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });

  it('opens the circuit after consecutive transport failures, fails fast with 503, then closes again', async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: url,
      AFILNET_READ_RETRIES: '0',
      AFILNET_BREAKER_FAILURES: '3',
      AFILNET_BREAKER_COOLDOWN_MS: '400',
    });
    try {
      upstream.respond((_request, response) => json(response, { status: 'ERROR', error: 'NO_CREDITS' }));
      for (let i = 0; i < 4; i += 1) await request(gateway, 'POST', '/v1/otp', OTP);
      expect((await request(gateway, 'GET', '/health/upstream')).status).toBe(200);

      upstream.respond((_request, response) => json(response, {}, 500));
      for (let i = 0; i < 3; i += 1) await request(gateway, 'GET', '/v1/account/balance');
      const calls = upstream.received.length;
      const fast = await request(gateway, 'POST', '/v1/otp', OTP);
      const ready = await request(gateway, 'GET', '/health/ready');
      const upstreamView = await request(gateway, 'GET', '/health/upstream');
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();

      expect(fast.status).toBe(503);
      expect(fast.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(Number(fast.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(upstream.received.length).toBe(calls);
      // Every instance shares Afilnet: an open circuit is shown, but never takes the instance out of the balancer.
      expect(ready.status).toBe(200);
      expect([upstreamView.status, upstreamView.body.code]).toEqual([503, 'UPSTREAM_DOWN']);
      expect(upstreamView.body.detail).toMatch(/circuit breaker is open/);
      expect(metrics).toMatch(/^afilnet_circuit_state 2$/m);

      upstream.respond((_request, response) => json(response, ok(9)));
      // The breaker (cockatiel) keeps its own time: polled until it lets its trial call through. Until then each
      // call fails fast, without reaching Afilnet.
      const recovered = await eventually(async () => {
        const answer = await request(gateway, 'GET', '/v1/account/balance');
        expect(answer.status).toBe(200);
        return answer;
      });
      const after = await (await fetch(`${gateway.url}/metrics`)).text();

      expect(recovered.body).toEqual({ credits: 9 });
      expect(upstream.received.length).toBe(calls + 1);
      expect(after).toMatch(/^afilnet_circuit_state 0$/m);
    } finally {
      await gateway.close();
    }
  });
});

describe('metrics', () => {
  it('counts upstream calls by class, method and outcome, and credits per channel', async () => {
    const gateway = await startGateway();
    try {
      await request(gateway, 'POST', '/v1/otp', OTP);
      gateway.sandbox!.state.charge(gateway.sandbox!.state.balance);
      await request(gateway, 'POST', '/v1/otp', OTP);

      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();

      expect(metrics).toMatch(/afilnet_calls_total\{class="otp",method="generateotp",outcome="success"\} 1/);
      expect(metrics).toMatch(
        /afilnet_calls_total\{class="otp",method="generateotp",outcome="NO_CREDITS"\} 1/,
      );
      expect(metrics).toMatch(/afilnet_credits_spent_total\{channel="otp"\} 1/);
      expect(metrics).toMatch(/afilnet_call_duration_seconds_bucket\{[^}]*class="otp"/);
      expect(metrics).toMatch(/gateway_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/otp"/);
      expect(metrics).toContain('process_cpu_user_seconds_total');
    } finally {
      await gateway.close();
    }
  });
});

describe('hygiene', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ CORS_ORIGINS: 'https://console.example.com' });
  });

  afterAll(() => gateway.close());

  it('sends security headers', async () => {
    const response = await request(gateway, 'GET', '/v1/account/balance');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
  });

  it('sends the same security headers on every later response, whatever the route or status', async () => {
    const security = (headers: Headers) =>
      [...headers].filter(([name]) => !['x-request-id', 'date', 'content-length', 'etag'].includes(name));
    const first = await request(gateway, 'GET', '/v1/account/balance');
    const later = [
      await request(gateway, 'GET', '/health/live'),
      await request(gateway, 'GET', '/v1/no-such-route'),
      await request(gateway, 'POST', '/v1/sms', { to: 'x' }),
    ];

    const expected = ['content-security-policy', 'x-frame-options', 'strict-transport-security'].map(
      (name) => [name, first.headers.get(name)],
    );
    for (const response of later) {
      expect(security(response.headers)).toEqual(expect.arrayContaining(expected));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await fetch(`${gateway.url}/v1/account/balance`, {
      headers: { Origin: 'https://console.example.com' },
    });
    const other = await fetch(`${gateway.url}/v1/account/balance`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('has CORS off when no origin is configured', async () => {
    const plain = await startGateway();
    try {
      const response = await fetch(`${plain.url}/v1/account/balance`, {
        headers: { Origin: 'https://a.example' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it.each([
    ['__proto__', '{"type":"mobile","destination":"34600000000","__proto__":{"admin":true}}'],
    [
      'constructor.prototype',
      '{"type":"mobile","destination":"34600000000","constructor":{"prototype":{"a":1}}}',
    ],
  ])('rejects a body with %s with 400 and no upstream call', async (_label, body) => {
    const calls = gateway.sandbox!.requests.length;
    const response = await request(gateway, 'POST', '/v1/otp', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(gateway.sandbox!.requests.length).toBe(calls);
  });
});
