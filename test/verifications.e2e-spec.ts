import type * as ClockModule from '../src/common/clock/clock.js';
import { built } from './support/built.js';
import { eventually } from './support/eventually.js';
import { lastOtpCode, request, startGateway, type RunningGateway } from './support/gateway.js';
import { otpRules } from './support/otp-rules.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

const ALPHA = 'alpha-key-0123456789abcdef';
const BETA = 'beta-key-0123456789abcdef';
const SMS_ONLY = 'sms-key-0123456789abcdef';
const KEYS = `alpha:${ALPHA}:otp+sandbox,beta:${BETA}:otp,texter:${SMS_ONLY}:sms`;
const ID = /^VE[0-9a-f]{32}$/;
const MINUTE_MS = 60_000;

const as = (key: string) => ({ 'X-API-Key': key });

describe('one-time-code rules with the in-process store', () => {
  otpRules(() => ({
    env: {},
    number: (n) => `3462000${String(n).padStart(4, '0')}`,
    mailbox: (n) => `victim${n}`,
  }));
});

describe('verifications over HTTP against the sandbox', () => {
  const clock = new ManualClock(Date.now());
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(
      {
        GATEWAY_API_KEYS: KEYS,
        VERIFICATION_MAX_ATTEMPTS: '3',
        VERIFICATION_MAX_STARTS: '3',
        VERIFICATION_WINDOW_MINUTES: '10',
      },
      { clock },
    );
  });

  afterAll(() => gateway.close());

  async function start(destination: string, extra: Record<string, unknown> = {}, key = ALPHA) {
    const type = destination.includes('@') ? 'email' : 'mobile';
    return request(gateway, 'POST', '/v1/verifications', { type, destination, ...extra }, as(key));
  }

  const check = (id: string, code: string, key = ALPHA) =>
    request(gateway, 'POST', `/v1/verifications/${id}/check`, { code }, as(key));

  it('starts a pending verification, masks the destination and never returns the code', async () => {
    const before = clock.now();
    const response = await start('34600000001', { ttlMinutes: 5, length: 8, format: 'numbers' });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(ID),
      status: 'pending',
      type: 'mobile',
      destination: '346****0001',
      attemptsLeft: 3,
      expiresAt: expect.any(String),
    });
    const code = lastOtpCode(gateway, '34600000001');
    expect(code).toMatch(/^\d{8}$/);
    expect(JSON.stringify(response.body)).not.toContain(code);
    expect(JSON.stringify(response.body)).not.toContain('34600000001');
    expect(Date.parse(response.body.expiresAt) - before).toBe(5 * MINUTE_MS);
  });

  it('masks e-mail destinations and defaults to a 10-minute verification', async () => {
    const response = await start('ana.garcia@example.com');

    expect(response.status).toBe(201);
    expect(response.body.destination).toBe('a***@example.com');
    expect(Date.parse(response.body.expiresAt) - clock.now()).toBe(10 * MINUTE_MS);
    const fetched = await request(
      gateway,
      'GET',
      `/v1/verifications/${response.body.id}`,
      undefined,
      as(ALPHA),
    );
    expect(fetched.body).toEqual(response.body);
  });

  it('approves the right code once; the approved verification stays approved and is not checked again', async () => {
    const { body } = await start('34600000002');
    const code = lastOtpCode(gateway, '34600000002');

    const first = await check(body.id, code);
    expect([first.status, first.body.status]).toEqual([200, 'approved']);
    // A new code for the same destination is pending in the simulator: a second upstream check would consume it.
    await start('34600000002');
    const again = await check(body.id, lastOtpCode(gateway, '34600000002'));
    expect([again.status, again.body.status]).toEqual([200, 'approved']);
    expect(gateway.sandbox!.state.pendingOtp('34600000002')).toBeDefined();
    const canceled = await request(
      gateway,
      'POST',
      `/v1/verifications/${body.id}/cancel`,
      undefined,
      as(ALPHA),
    );
    expect([canceled.status, canceled.body.status]).toEqual([200, 'approved']);
  });

  it('answers wrong codes with pending, then max_attempts_reached, after which even the right code fails', async () => {
    const { body } = await start('34600000003', { format: 'numbers' });
    const code = lastOtpCode(gateway, '34600000003');

    const answers: { status: string; attemptsLeft: number }[] = [];
    for (const wrong of ['AAAA', 'BBBB', 'CCCC']) answers.push((await check(body.id, wrong)).body);
    const right = await check(body.id, code);

    expect(answers.map(({ status, attemptsLeft }) => [status, attemptsLeft])).toEqual([
      ['pending', 2],
      ['pending', 1],
      ['max_attempts_reached', 0],
    ]);
    expect([right.status, right.body.status]).toEqual([200, 'max_attempts_reached']);
    expect(gateway.sandbox!.state.pendingOtp('34600000003')).toBeDefined();
  });

  it('cancels a pending verification; its code is then never checked', async () => {
    const { body } = await start('34600000004');
    const canceled = await request(
      gateway,
      'POST',
      `/v1/verifications/${body.id}/cancel`,
      undefined,
      as(ALPHA),
    );
    const checked = await check(body.id, lastOtpCode(gateway, '34600000004'));

    expect([canceled.status, canceled.body.status]).toEqual([200, 'canceled']);
    expect([checked.status, checked.body.status]).toEqual([200, 'canceled']);
    expect(gateway.sandbox!.state.pendingOtp('34600000004')).toBeDefined();
  });

  it('answers expired for a verification past its TTL, without checking the code upstream', async () => {
    const { body } = await start('34600000005');
    clock.advance(10 * MINUTE_MS);

    const checked = await check(body.id, lastOtpCode(gateway, '34600000005'));
    const fetched = await request(gateway, 'GET', `/v1/verifications/${body.id}`, undefined, as(ALPHA));

    expect([checked.status, checked.body.status]).toEqual([200, 'expired']);
    expect(fetched.body.status).toBe('expired');
    expect(gateway.sandbox!.state.pendingOtp('34600000005')).toBeDefined();
  });

  it('limits starts per destination with 429 and Retry-After, whichever key asks', async () => {
    const statuses = [];
    for (const key of [ALPHA, BETA, ALPHA]) statuses.push((await start('34600000006', {}, key)).status);
    const sentBefore = gateway.sandbox!.state.outbox('otp').length;
    const refused = await start('34600000006', {}, BETA);
    const other = await start('34600000007');

    expect(statuses).toEqual([201, 201, 201]);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_VERIFICATIONS');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(gateway.sandbox!.state.outbox('otp').length).toBe(sentBefore + 1);
    expect(other.status).toBe(201);
  });

  it("keeps each key's verifications to itself", async () => {
    const { body } = await start('34600000008');
    const code = lastOtpCode(gateway, '34600000008');

    const read = await request(gateway, 'GET', `/v1/verifications/${body.id}`, undefined, as(BETA));
    const checked = await check(body.id, code, BETA);
    const canceled = await request(
      gateway,
      'POST',
      `/v1/verifications/${body.id}/cancel`,
      undefined,
      as(BETA),
    );
    const noScope = await request(gateway, 'GET', `/v1/verifications/${body.id}`, undefined, as(SMS_ONLY));
    const own = await check(body.id, code);

    for (const response of [read, checked, canceled]) {
      expect([response.status, response.body.code]).toEqual([404, 'VERIFICATION_NOT_FOUND']);
    }
    expect([noScope.status, noScope.body.code]).toEqual([403, 'FORBIDDEN']);
    expect([own.status, own.body.status]).toEqual([200, 'approved']);
  });

  it('replays a start sent again with the same Idempotency-Key', async () => {
    const headers = { ...as(ALPHA), 'Idempotency-Key': 'verification-9' };
    const body = { type: 'mobile', destination: '34600000009' };
    const first = await request(gateway, 'POST', '/v1/verifications', body, headers);
    const second = await request(gateway, 'POST', '/v1/verifications', body, headers);

    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(gateway.sandbox!.state.outbox('otp').filter((m) => m.destination === '34600000009')).toHaveLength(
      1,
    );
  });

  it('validates ids and bodies before anything else', async () => {
    const badId = await request(gateway, 'GET', '/v1/verifications/123', undefined, as(ALPHA));
    const unknown = await request(
      gateway,
      'GET',
      `/v1/verifications/VE${'a'.repeat(32)}`,
      undefined,
      as(ALPHA),
    );
    const badTtl = await start('34600000010', { ttlMinutes: 61 });
    const badCode = await check(`VE${'a'.repeat(32)}`, '12');

    expect([badId.status, badId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'VERIFICATION_NOT_FOUND']);
    expect([badTtl.status, badTtl.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([badCode.status, badCode.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('verifications in live mode: which states reach Afilnet', () => {
  const upstream = new ScriptedUpstream();
  const CODE = '738261';
  const clock = new ManualClock(Date.now());
  let gateway: RunningGateway;

  const calls = (method: string) => upstream.received.filter((call) => call.form.get('method') === method);

  beforeAll(async () => {
    gateway = await startGateway(
      {
        AFILNET_USER: 'ops@example.com',
        AFILNET_PASSWORD: 'correct horse',
        AFILNET_BASE_URL: await upstream.start(),
        AFILNET_BREAKER_FAILURES: '1000',
        AFILNET_TIMEOUT_MS: '1000',
        GATEWAY_API_KEYS: KEYS,
        VERIFICATION_MAX_ATTEMPTS: '5',
        VERIFICATION_MAX_STARTS: '2',
      },
      { clock },
    );
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
    // Afilnet may echo the code it generated; the gateway must drop it.
    upstream.respond((call, response) =>
      call.form.get('method') === 'generateotp'
        ? json(response, { status: 'SUCCESS', result: { messageid: '77', credits: 1, code: CODE } })
        : call.form.get('code') === CODE
          ? json(response, { status: 'SUCCESS', result: { valid: true } })
          : json(response, { status: 'ERROR', error: 'INCORRECT_OTP' }),
    );
  });

  async function start(destination: string) {
    const response = await request(
      gateway,
      'POST',
      '/v1/verifications',
      { type: 'mobile', destination, ttlMinutes: 15, length: 6, format: 'numbers' },
      as(ALPHA),
    );
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  const check = (id: string, code: string) =>
    request(gateway, 'POST', `/v1/verifications/${id}/check`, { code }, as(ALPHA));

  it('sends otp.generateotp with the TTL in minutes and never passes on a code Afilnet returns', async () => {
    const response = await request(
      gateway,
      'POST',
      '/v1/verifications',
      { type: 'mobile', destination: '34611111111', ttlMinutes: 15, length: 6, format: 'numbers' },
      as(ALPHA),
    );

    expect(response.status).toBe(201);
    expect(JSON.stringify(response.body)).not.toContain(CODE);
    expect(response.body.destination).toBe('346****1111');
    expect(Object.fromEntries(calls('generateotp')[0].form)).toEqual(
      expect.objectContaining({
        class: 'otp',
        method: 'generateotp',
        type: 'mobile',
        destination: '34611111111',
        time: '15',
        timetype: 'minutes',
        length: '6',
        otpformat: 'numbers',
      }),
    );
  });

  it('stops calling Afilnet after the last allowed attempt', async () => {
    const { id } = await start('34611111112');
    const statuses = [];
    for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await check(id, '000000')).body.status);
    const right = await check(id, CODE);

    expect(statuses).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'max_attempts_reached',
      'max_attempts_reached',
      'max_attempts_reached',
    ]);
    expect(right.body.status).toBe('max_attempts_reached');
    expect(calls('verifyotp')).toHaveLength(5);
    expect(calls('verifyotp')[0].form.get('destination')).toBe('34611111112');
  });

  it('lets concurrent wrong codes through to Afilnet no more often than the attempt limit', async () => {
    const { id } = await start('34611111119');

    const answers = await Promise.all(Array.from({ length: 12 }, () => check(id, '000000')));

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(calls('verifyotp')).toHaveLength(5);
    const fetched = await request(gateway, 'GET', `/v1/verifications/${id}`, undefined, as(ALPHA));
    expect(fetched.body.status).toBe('max_attempts_reached');
  });

  it('checks an approved verification upstream only once', async () => {
    const { id } = await start('34611111113');
    const first = await check(id, CODE);
    const second = await check(id, CODE);

    expect([first.body.status, second.body.status]).toEqual(['approved', 'approved']);
    expect(calls('verifyotp')).toHaveLength(1);
  });

  it('never checks expired or canceled verifications upstream', async () => {
    const expired = await start('34611111114');
    clock.advance(15 * MINUTE_MS);
    const canceled = await start('34611111115');
    await request(gateway, 'POST', `/v1/verifications/${canceled.id}/cancel`, undefined, as(ALPHA));

    const expiredCheck = await check(expired.id, CODE);
    const canceledCheck = await check(canceled.id, CODE);

    expect([expiredCheck.body.status, canceledCheck.body.status]).toEqual(['expired', 'canceled']);
    expect(calls('verifyotp')).toHaveLength(0);
  });

  it('marks a verification expired when Afilnet says the code expired', async () => {
    const { id } = await start('34611111116');
    upstream.respond((_call, response) => json(response, { status: 'ERROR', error: 'OTP_EXPIRED' }));

    const first = await check(id, CODE);
    const second = await check(id, CODE);

    expect([first.body.status, second.body.status]).toEqual(['expired', 'expired']);
    expect(calls('verifyotp')).toHaveLength(1);
  });

  it('refuses a third start for a destination without calling Afilnet', async () => {
    await start('34611111117');
    await start('34611111117');
    const refused = await request(
      gateway,
      'POST',
      '/v1/verifications',
      { type: 'mobile', destination: '34611111117' },
      as(ALPHA),
    );

    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_VERIFICATIONS']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(calls('generateotp')).toHaveLength(2);
  });

  it('reads an Afilnet error it has no name for as a wrong code: a spent attempt, never a 5xx', async () => {
    const { id } = await start('34611111118');
    upstream.respond((_call, response) => json(response, { status: 'ERROR', error: 'CODE_NOT_VALID' }));

    const failed = await check(id, CODE);
    const fetched = await request(gateway, 'GET', `/v1/verifications/${id}`, undefined, as(ALPHA));

    expect([failed.status, failed.body.status, failed.body.attemptsLeft]).toEqual([200, 'pending', 4]);
    expect([fetched.body.status, fetched.body.attemptsLeft]).toEqual(['pending', 4]);
  });

  it.each([
    ['a rejected account', '34611111201', 'INCORRECT_USER_PASSWORD', 502, 'UPSTREAM_AUTH_FAILED'],
    ['an unknown method', '34611111202', 'INCORRECT_METHOD', 502, 'UPSTREAM_CONTRACT_ERROR'],
    ['a missing parameter', '34611111203', 'MISSING_COMPULSORY_PARAM', 400, 'MISSING_COMPULSORY_PARAM'],
  ])(
    'reports %s as the failure it is, and still counts the attempt',
    async (_label, to, error, status, code) => {
      const { id } = await start(to);
      upstream.respond((_call, response) => json(response, { status: 'ERROR', error }));

      const failed = await check(id, CODE);
      const fetched = await request(gateway, 'GET', `/v1/verifications/${id}`, undefined, as(ALPHA));

      expect([failed.status, failed.body.code]).toEqual([status, code]);
      expect([fetched.body.status, fetched.body.attemptsLeft]).toEqual(['pending', 4]);
    },
  );

  it('answers a start whose send timed out with "may have been sent", and supersedes the earlier verification', async () => {
    const earlier = await start('34611111121');
    // Afilnet takes the request and never answers it in time.
    upstream.respond((call, response) => {
      if (call.form.get('method') === 'generateotp') return;
      json(response, { status: 'SUCCESS', result: { valid: true } });
    });

    const uncertain = await request(
      gateway,
      'POST',
      '/v1/verifications',
      { type: 'mobile', destination: '34611111121' },
      as(ALPHA),
    );
    const checked = await check(earlier.id, CODE);

    expect([uncertain.status, uncertain.body.code]).toEqual([502, 'VERIFICATION_SEND_UNCERTAIN']);
    expect(uncertain.body.detail).toMatch(/may have been sent/);
    expect(uncertain.body.detail).not.toMatch(/nothing was sent/);
    expect([checked.body.status, checked.body.reason]).toEqual(['canceled', 'superseded']);
    expect(calls('verifyotp')).toHaveLength(0);
  });

  it('answers a start Afilnet refused as nothing sent, and leaves the earlier verification as it was', async () => {
    const earlier = await start('34611111122');
    upstream.respond((call, response) =>
      call.form.get('method') === 'generateotp'
        ? json(response, { status: 'ERROR', error: 'NO_CREDITS' })
        : json(response, { status: 'SUCCESS', result: { valid: true } }),
    );

    const refused = await request(
      gateway,
      'POST',
      '/v1/verifications',
      { type: 'mobile', destination: '34611111122' },
      as(ALPHA),
    );
    const checked = await check(earlier.id, CODE);

    expect([refused.status, refused.body.code]).toEqual([402, 'NO_CREDITS']);
    expect(checked.body.status).toBe('approved');
  });

  it('records a start before Afilnet is called: the earlier verification stops being checkable at once', async () => {
    const earlier = await start('34611111123');
    let answer: (() => void) | undefined;
    upstream.respond((call, response) => {
      if (call.form.get('method') === 'generateotp') {
        answer = () => json(response, { status: 'SUCCESS', result: { messageid: '78', credits: 1 } });
      } else json(response, { status: 'SUCCESS', result: { valid: true } });
    });

    const starting = request(
      gateway,
      'POST',
      '/v1/verifications',
      { type: 'mobile', destination: '34611111123' },
      as(BETA),
    );
    // Held by the fake Afilnet until the check below has been answered.
    const release = await eventually(() => answer ?? false);
    const duringSend = await check(earlier.id, CODE);
    release();
    const started = await starting;

    expect([duringSend.body.status, duringSend.body.reason]).toEqual(['canceled', 'superseded']);
    expect(calls('verifyotp')).toHaveLength(0);
    expect([started.status, started.body.status]).toEqual([201, 'pending']);
  });
});
