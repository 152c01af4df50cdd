import { AfilnetSandbox } from '../src/sandbox/sandbox.server.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { expectOneFormPost, LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';
import { LEDGER_ID } from './support/messaging.js';

describe('live mode: exactly the documented class, method and parameters go upstream', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_TIMEOUT_MS: '500',
      // One failure per test here; the breaker and retries have their own suite.
      AFILNET_BREAKER_FAILURES: '1000',
      AFILNET_READ_RETRIES: '0',
      // Many tests send a code to one number; the per-destination send limit has its own suite.
      VERIFICATION_MAX_STARTS: '1000',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result: {} }));
  });

  it.each([
    [
      'POST /v1/otp',
      'POST',
      '/v1/otp',
      {
        type: 'mobile',
        destination: '34600000000',
        validity: { time: 2, unit: 'hours' },
        length: 6,
        format: 'all',
      },
      {
        class: 'otp',
        method: 'generateotp',
        type: 'mobile',
        destination: '34600000000',
        time: '2',
        timetype: 'hours',
        length: '6',
        otpformat: 'all',
      },
    ],
    [
      'POST /v1/otp (only what was given)',
      'POST',
      '/v1/otp',
      { type: 'email', destination: 'ana@example.com' },
      // Without a validity the gateway asks for the longest allowed (OTP_MAX_VALIDITY_MINUTES).
      {
        class: 'otp',
        method: 'generateotp',
        type: 'email',
        destination: 'ana@example.com',
        time: '1440',
        timetype: 'minutes',
      },
    ],
    [
      'POST /v1/otp (optional fields given as null count as not given)',
      'POST',
      '/v1/otp',
      { type: 'mobile', destination: '34600000000', validity: null, length: null, format: null },
      {
        class: 'otp',
        method: 'generateotp',
        type: 'mobile',
        destination: '34600000000',
        time: '1440',
        timetype: 'minutes',
      },
    ],
    [
      'POST /v1/otp/verify',
      'POST',
      '/v1/otp/verify',
      { destination: '34600000000', code: 'AB12' },
      { class: 'otp', method: 'verifyotp', destination: '34600000000', code: 'AB12' },
    ],
    [
      'GET /v1/account/balance',
      'GET',
      '/v1/account/balance',
      undefined,
      { class: 'user', method: 'getbalance' },
    ],
  ])('%s', async (_label, method, path, body, expected) => {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result: 5 }));

    await request(gateway, method, path, body);

    expectOneFormPost(upstream, expected);
  });

  it('drops a code that Afilnet echoes back in the generate result', async () => {
    upstream.respond((_request, response) =>
      json(response, { status: 'success', result: { messageid: '99', credits: '1', code: '424242' } }),
    );

    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000000',
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: LEDGER_ID,
      destination: '34600000000',
      messageId: '99',
      credits: 1,
      expiresAt: expect.any(String),
    });
  });

  it.each([
    ['INCORRECT_USER_PASSWORD', 502, 'UPSTREAM_AUTH_FAILED'],
    ['INCORRECT_METHOD', 502, 'UPSTREAM_CONTRACT_ERROR'],
    ['INCORRECT_OTP_FORMAT', 400, 'INCORRECT_OTP_FORMAT'],
    ['NO_CREDITS', 402, 'NO_CREDITS'],
    ['BRAND_NEW_CODE', 502, 'UPSTREAM_ERROR'],
  ])('surfaces Afilnet %s as %i %s', async (afilnetCode, status, code) => {
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: afilnetCode }));

    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000000',
    });

    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({
      code,
      upstream: { class: 'otp', method: 'generateotp', error: afilnetCode },
    });
    expect(JSON.stringify(response.body)).not.toContain(LIVE_ACCOUNT.AFILNET_PASSWORD);
  });

  it('keeps an error text that is not shaped like a code out of the answer, the metrics and the logs', async () => {
    const padding = 'padding '.repeat(20);
    const text = `Código <b>erróneo</b> para 34600000099 (${LIVE_ACCOUNT.AFILNET_PASSWORD})\n${padding.repeat(30)}`;
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: text }));

    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000099',
    });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();

    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstream: { class: 'otp', method: 'generateotp', error: 'UNRECOGNISED' },
    });
    expect(response.body.detail).toContain('erróneo');
    expect(response.body.detail.length).toBeLessThan(200);
    for (const leaked of ['34600000099', LIVE_ACCOUNT.AFILNET_PASSWORD, padding, '\n']) {
      expect(JSON.stringify(response.body)).not.toContain(leaked);
    }
    expect(metrics).toMatch(
      /afilnet_calls_total\{class="otp",method="generateotp",outcome="UNRECOGNISED"\} 1/,
    );
    expect(metrics).not.toContain('erróneo');
    expect(gateway.logs.join('\n')).not.toContain('34600000099');
    expect(gateway.logs.join('\n')).not.toContain(padding);
  });

  it('answers 504 UPSTREAM_TIMEOUT when Afilnet does not answer in time', async () => {
    upstream.respond(() => undefined);

    const response = await request(gateway, 'GET', '/v1/account/balance');

    expect(response.status).toBe(504);
    expect(response.body.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('answers 502 UPSTREAM_BAD_RESPONSE to an HTML error page', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(503, { 'Content-Type': 'text/html' });
      response.end('<h1>Service Unavailable</h1>');
    });

    const response = await request(gateway, 'GET', '/v1/account/balance');

    expect([response.status, response.body.code]).toEqual([502, 'UPSTREAM_BAD_RESPONSE']);
  });

  it('answers 502 UPSTREAM_BAD_RESPONSE to a balance that is not a number', async () => {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result: 'lots' }));

    const response = await request(gateway, 'GET', '/v1/account/balance');

    expect([response.status, response.body.code]).toEqual([502, 'UPSTREAM_BAD_RESPONSE']);
  });
});

describe('live mode against a standalone simulator', () => {
  const simulator = new AfilnetSandbox({
    user: LIVE_ACCOUNT.AFILNET_USER,
    password: LIVE_ACCOUNT.AFILNET_PASSWORD,
  });
  let url: string;

  beforeAll(async () => {
    url = await simulator.start();
  });

  afterAll(() => simulator.stop());

  it('works end to end with the right credentials, which never travel in the URL', async () => {
    const gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_BASE_URL: url });
    try {
      const response = await request(gateway, 'GET', '/v1/account/balance');
      expect([response.status, response.body]).toEqual([200, { credits: 100 }]);
      expect(
        simulator.requests.every((entry) => !entry.credentialsInQuery && entry.httpMethod === 'POST'),
      ).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it('answers 502 UPSTREAM_AUTH_FAILED when Afilnet rejects the credentials', async () => {
    const gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_PASSWORD: 'wrong', AFILNET_BASE_URL: url });
    try {
      const response = await request(gateway, 'GET', '/v1/account/balance');
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({
        code: 'UPSTREAM_AUTH_FAILED',
        upstream: { error: 'INCORRECT_USER_PASSWORD' },
      });
      expect(JSON.stringify(response.body)).not.toContain('wrong');
    } finally {
      await gateway.close();
    }
  });
});

describe('readiness and the upstream view', () => {
  it('stays ready while Afilnet is down, and shows Afilnet in /health/upstream: up, then 503 UPSTREAM_DOWN', async () => {
    const simulator = new AfilnetSandbox({
      user: LIVE_ACCOUNT.AFILNET_USER,
      password: LIVE_ACCOUNT.AFILNET_PASSWORD,
    });
    const url = await simulator.start();
    const gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_BASE_URL: url, AFILNET_TIMEOUT_MS: '300' });
    try {
      const ready = await request(gateway, 'GET', '/health/ready');
      const up = await request(gateway, 'GET', '/health/upstream');
      const probesWhileFresh = simulator.callCount('user', 'getbalance');
      await request(gateway, 'GET', '/health/upstream');
      await request(gateway, 'GET', '/health/upstream');

      expect([ready.status, ready.body.status]).toEqual([200, 'ok']);
      expect(ready.body.details).toEqual({ configuration: { status: 'up', mode: 'live' } });
      expect(up.status).toBe(200);
      expect(up.body).toEqual({
        status: 'up',
        circuit: 'closed',
        checkedAt: expect.any(String),
        connections: { active: 0, waiting: 0 },
      });
      expect(simulator.callCount('user', 'getbalance')).toBe(probesWhileFresh);

      await simulator.stop();
      await request(gateway, 'GET', '/v1/account/balance');
      const stillReady = await request(gateway, 'GET', '/health/ready');
      const down = await request(gateway, 'GET', '/health/upstream');
      const live = await request(gateway, 'GET', '/health/live');

      expect(stillReady.status).toBe(200);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ code: 'UPSTREAM_DOWN' });
      expect(down.body.detail).toMatch(/^Afilnet is not reachable from this instance \(last failed call at /);
      expect(live.status).toBe(200);
    } finally {
      await gateway.close();
      await simulator.stop();
    }
  });
});
