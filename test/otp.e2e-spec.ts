import { lastOtpCode, request, startGateway, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';
import { LEDGER_ID } from './support/messaging.js';

const HOUR_MS = 3_600_000;

describe('OTP over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  it('sends a code to a mobile number and never returns it', async () => {
    const before = Date.now();

    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000001',
      validity: { time: 10, unit: 'minutes' },
      length: 8,
      format: 'numbers',
    });

    expect(response.status).toBe(201);
    const code = lastOtpCode(gateway, '34600000001');
    expect(code).toMatch(/^\d{8}$/);
    expect(JSON.stringify(response.body)).not.toContain(code);
    expect(response.body).toEqual({
      id: LEDGER_ID,
      destination: '34600000001',
      messageId: expect.any(String),
      credits: 1,
      expiresAt: expect.any(String),
    });
    const expiresIn = Date.parse(response.body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 5000);
  });

  it('verifies the right code once, then reports it as no longer there', async () => {
    await request(gateway, 'POST', '/v1/otp', { type: 'mobile', destination: '34600000002' });
    const code = lastOtpCode(gateway, '34600000002');

    const first = await request(gateway, 'POST', '/v1/otp/verify', { destination: '34600000002', code });
    const second = await request(gateway, 'POST', '/v1/otp/verify', { destination: '34600000002', code });

    expect([first.status, first.body]).toEqual([200, { valid: true }]);
    expect([second.status, second.body]).toEqual([
      200,
      { valid: false, reason: 'not_found', upstreamCode: 'OTP_NOT_FOUND' },
    ]);
  });

  it('answers a wrong code with 200 valid:false, not an error', async () => {
    await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000003',
      format: 'letters',
    });

    const response = await request(gateway, 'POST', '/v1/otp/verify', {
      destination: '34600000003',
      code: '1234',
    });

    expect([response.status, response.body]).toEqual([
      200,
      { valid: false, reason: 'incorrect_code', upstreamCode: 'INCORRECT_OTP' },
    ]);
  });

  it('sends e-mail codes too', async () => {
    const before = Date.now();
    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'email',
      destination: 'ana@example.com',
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ destination: 'ana@example.com', credits: 0 });
    // No validity asked for: the longest allowed (24 hours by default), never Afilnet's unknown default.
    const expiresIn = Date.parse(response.body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(24 * HOUR_MS - 1000);
    expect(expiresIn).toBeLessThanOrEqual(24 * HOUR_MS + 5000);
    const code = lastOtpCode(gateway, 'ana@example.com');
    const verified = await request(gateway, 'POST', '/v1/otp/verify', {
      destination: 'ana@example.com',
      code,
    });
    expect(verified.body).toEqual({ valid: true });
  });

  it.each([
    ['no type', { destination: '34600000000' }, 'type'],
    ['an unknown type', { type: 'sms', destination: '34600000000' }, 'type'],
    ['a + in the number', { type: 'mobile', destination: '+34600000000' }, 'destination'],
    ['spaces in the number', { type: 'mobile', destination: '34 600 000 000' }, 'destination'],
    ['a too short number', { type: 'mobile', destination: '3460000' }, 'destination'],
    ['a too long number', { type: 'mobile', destination: '3460000000000000' }, 'destination'],
    ['an e-mail for a mobile', { type: 'mobile', destination: 'ana@example.com' }, 'destination'],
    ['a number for an e-mail', { type: 'email', destination: '34600000000' }, 'destination'],
    ['a number as destination', { type: 'mobile', destination: 34600000000 }, 'destination'],
    ['length 3', { type: 'mobile', destination: '34600000000', length: 3 }, 'length'],
    ['length 11', { type: 'mobile', destination: '34600000000', length: 11 }, 'length'],
    ['an unknown format', { type: 'mobile', destination: '34600000000', format: 'hex' }, 'format'],
    [
      'validity 0',
      { type: 'mobile', destination: '34600000000', validity: { time: 0, unit: 'days' } },
      'validity.time',
    ],
    [
      'validity in seconds',
      { type: 'mobile', destination: '34600000000', validity: { time: 30, unit: 'seconds' } },
      'validity.unit',
    ],
    ['validity as a string', { type: 'mobile', destination: '34600000000', validity: '1 day' }, 'validity'],
    ['an unknown property', { type: 'mobile', destination: '34600000000', sender: 'x' }, 'sender'],
  ])('rejects %s with 400 before calling Afilnet', async (_label, body, field) => {
    const calls = gateway.sandbox!.callCount('otp', 'generateotp');

    const response = await request(gateway, 'POST', '/v1/otp', body);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(gateway.sandbox!.callCount('otp', 'generateotp')).toBe(calls);
  });

  it.each([
    ['25 hours', { time: 25, unit: 'hours' }],
    ['2 days', { time: 2, unit: 'days' }],
    ['1441 minutes', { time: 1441, unit: 'minutes' }],
    ['a year', { time: 1, unit: 'years' }],
  ])(
    'refuses a validity of %s (longer than OTP_MAX_VALIDITY_MINUTES) with 400 before calling Afilnet',
    async (_label, validity) => {
      const calls = gateway.sandbox!.callCount('otp', 'generateotp');

      const response = await request(gateway, 'POST', '/v1/otp', {
        type: 'mobile',
        destination: '34600000005',
        validity,
      });

      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.errors).toEqual([
        { field: 'validity', message: 'validity must be at most 1440 minutes (24 hours)' },
      ]);
      expect(gateway.sandbox!.callCount('otp', 'generateotp')).toBe(calls);
    },
  );

  it.each([
    ['a day', { time: 1, unit: 'days' }],
    ['1440 minutes', { time: 1440, unit: 'minutes' }],
  ])('accepts a validity of %s, the longest allowed', async (_label, validity) => {
    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000006',
      validity,
    });

    expect(response.status).toBe(201);
  });

  it.each([
    ['no code', { destination: '34600000000' }, 'code'],
    ['a short code', { destination: '34600000000', code: '12' }, 'code'],
    ['symbols in the code', { destination: '34600000000', code: '12-34' }, 'code'],
    ['a destination of neither kind', { destination: 'ana', code: '1234' }, 'destination'],
  ])('rejects a verification with %s before calling Afilnet', async (_label, body, field) => {
    const calls = gateway.sandbox!.callCount('otp', 'verifyotp');

    const response = await request(gateway, 'POST', '/v1/otp/verify', body);

    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(gateway.sandbox!.callCount('otp', 'verifyotp')).toBe(calls);
  });

  it('surfaces NO_CREDITS as 402 with the upstream code', async () => {
    const { state } = gateway.sandbox!;
    state.charge(state.balance);

    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34600000004',
    });

    expect(response.status).toBe(402);
    expect(response.body).toMatchObject({
      code: 'NO_CREDITS',
      upstream: { class: 'otp', method: 'generateotp', error: 'NO_CREDITS' },
      requestId: response.headers.get('x-request-id'),
    });
  });
});

describe("OTP in live mode: how Afilnet's answers to verifyotp are read", () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_BREAKER_FAILURES: '1000',
      OTP_MAX_VALIDITY_MINUTES: '120',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
  });

  const verify = (destination: string) =>
    request(gateway, 'POST', '/v1/otp/verify', { destination, code: '123456' });
  const answering = (error: string) =>
    upstream.respond((_call, response) => json(response, { status: 'ERROR', error }));

  it.each(['CODE_NOT_VALID', 'WRONG_OTP', 'NO_CREDITS'])(
    'reads %s, a code the simulator never answers, as a rejected code: 200 valid:false',
    async (error) => {
      answering(error);

      const response = await verify('34622222201');

      expect([response.status, response.body]).toEqual([
        200,
        { valid: false, reason: 'rejected', upstreamCode: error },
      ]);
    },
  );

  it('counts those rejections against the destination, then stops asking Afilnet', async () => {
    answering('CODE_NOT_VALID');
    const answers = [];
    for (let guess = 0; guess < 6; guess += 1) answers.push(await verify('34622222202'));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[5].body.code).toBe('OTP_ATTEMPTS_EXHAUSTED');
    expect(upstream.received).toHaveLength(5);
  });

  it('never echoes an error that is not shaped like a code', async () => {
    answering('<b>wrong</b> code for 34622222203');

    const response = await verify('34622222203');

    expect(response.body).toEqual({ valid: false, reason: 'rejected', upstreamCode: null });
  });

  it.each([
    ['INCORRECT_USER_PASSWORD', 502, 'UPSTREAM_AUTH_FAILED'],
    ['MISSING_PASSWORD', 502, 'UPSTREAM_AUTH_FAILED'],
    ['INCORRECT_CLASS', 502, 'UPSTREAM_CONTRACT_ERROR'],
    ['INCORRECT_METHOD', 502, 'UPSTREAM_CONTRACT_ERROR'],
    ['MISSING_COMPULSORY_PARAM', 400, 'MISSING_COMPULSORY_PARAM'],
  ])('leaves the protocol or account error %s an error', async (error, status, code) => {
    answering(error);

    const response = await verify('34622222204');

    expect([response.status, response.body.code]).toEqual([status, code]);
  });

  it('leaves a transport failure an error', async () => {
    upstream.respond((_call, response) => json(response, { oops: true }, 500));

    const response = await verify('34622222205');

    expect([response.status, response.body.code]).toEqual([502, 'UPSTREAM_BAD_RESPONSE']);
  });

  it('asks Afilnet for the longest allowed validity when none is given', async () => {
    upstream.respond((_call, response) => json(response, { status: 'SUCCESS', result: {} }));

    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: '34622222206',
    });

    expect(response.status).toBe(201);
    expect(upstream.received[0].form.get('time')).toBe('120');
    expect(upstream.received[0].form.get('timetype')).toBe('minutes');
  });
});
