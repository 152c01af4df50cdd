import { lastOtpCode, request, startGateway, type RunningGateway } from './support/gateway.js';

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
    expect([second.status, second.body]).toEqual([200, { valid: false, reason: 'not_found' }]);
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

    expect([response.status, response.body]).toEqual([200, { valid: false, reason: 'incorrect_code' }]);
  });

  it('sends e-mail codes too', async () => {
    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'email',
      destination: 'ana@example.com',
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ destination: 'ana@example.com', credits: 0, expiresAt: null });
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
