import type * as ClockModule from '../../src/common/clock/clock.js';
import { built } from './built.js';
import { lastOtpCode, request, startGateway, type RunningGateway } from './gateway.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

const ALPHA = 'alpha-otp-key-0123456789abcdef';
const BETA = 'beta-otp-key-0123456789abcdef';
const as = (key: string) => ({ 'X-API-Key': key });

export interface OtpRulesSetup {
  /** Extra environment (e.g. REDIS_URL for the shared store). */
  env: Record<string, string>;
  /** A mobile number no other test (nor, with a shared Redis, any earlier run) has used. */
  number(n: number): string;
  /** The same for an e-mail mailbox's local part. */
  mailbox(n: number): string;
}

/**
 * The one-time-code rules over HTTP against the sandbox, with two API keys and both routes (`/v1/otp` and
 * `/v1/verifications`): the attempt budget and the send limit belong to the destination, a new code supersedes
 * earlier verifications, the send window slides, and e-mail destinations count by mailbox. Run once per store.
 */
export function otpRules(setup: () => OtpRulesSetup): void {
  let gateway: RunningGateway;
  let clock: InstanceType<typeof ManualClock>;
  let number: OtpRulesSetup['number'];
  let mailbox: OtpRulesSetup['mailbox'];

  beforeAll(async () => {
    const options = setup();
    ({ number, mailbox } = options);
    clock = new ManualClock(Date.now());
    gateway = await startGateway(
      {
        GATEWAY_API_KEYS: `alpha:${ALPHA}:otp,beta:${BETA}:otp`,
        VERIFICATION_MAX_ATTEMPTS: '5',
        VERIFICATION_MAX_STARTS: '5',
        VERIFICATION_WINDOW_MINUTES: '10',
        ...options.env,
      },
      { clock },
    );
  });

  afterAll(() => gateway.close());

  const typeOf = (destination: string) => (destination.includes('@') ? 'email' : 'mobile');
  const start = (destination: string, key: string) =>
    request(gateway, 'POST', '/v1/verifications', { type: typeOf(destination), destination }, as(key));
  const generate = (destination: string, key: string) =>
    request(gateway, 'POST', '/v1/otp', { type: typeOf(destination), destination }, as(key));
  const check = (id: string, code: string, key: string) =>
    request(gateway, 'POST', `/v1/verifications/${id}/check`, { code }, as(key));
  const read = (id: string, key: string) =>
    request(gateway, 'GET', `/v1/verifications/${id}`, undefined, as(key));
  const verify = (destination: string, code: string, key: string) =>
    request(gateway, 'POST', '/v1/otp/verify', { destination, code }, as(key));
  const upstreamChecks = () => gateway.sandbox!.callCount('otp', 'verifyotp');
  const sent = () => gateway.sandbox!.state.outbox('otp').length;
  /** Certainly not the code sent: the sandbox's codes have six characters unless asked otherwise. */
  const WRONG = '0000';

  it('spends one budget of wrong codes per destination across both routes and both keys, then refuses without Afilnet', async () => {
    const destination = number(1);
    const { body: verification } = await start(destination, ALPHA);
    const code = lastOtpCode(gateway, destination);
    const before = upstreamChecks();

    const viaOtp: { valid: boolean }[] = [];
    for (let guess = 0; guess < 3; guess += 1) viaOtp.push((await verify(destination, WRONG, BETA)).body);
    const viaVerification = (await check(verification.id, WRONG, ALPHA)).body;
    const seen = (await read(verification.id, ALPHA)).body;
    const last = await verify(destination, WRONG, BETA);
    const rightViaOtp = await verify(destination, code, BETA);
    const rightViaVerification = await check(verification.id, code, ALPHA);

    expect(viaOtp.map((answer) => answer.valid)).toEqual([false, false, false]);
    expect([viaVerification.status, viaVerification.attemptsLeft]).toEqual(['pending', 1]);
    expect(seen.attemptsLeft).toBe(1);
    expect([last.status, last.body.valid]).toEqual([200, false]);
    expect([rightViaOtp.status, rightViaOtp.body.code]).toEqual([429, 'OTP_ATTEMPTS_EXHAUSTED']);
    expect(rightViaOtp.body.detail).toMatch(/new code/);
    expect([rightViaVerification.status, rightViaVerification.body.status]).toEqual([
      200,
      'max_attempts_reached',
    ]);
    expect(upstreamChecks()).toBe(before + 5);
    expect(gateway.sandbox!.state.pendingOtp(destination)).toBeDefined();
  });

  it('opens the budget again only with a new code, from either route', async () => {
    const destination = number(2);
    await generate(destination, ALPHA);
    const first = lastOtpCode(gateway, destination);
    for (let guess = 0; guess < 5; guess += 1) await verify(destination, WRONG, ALPHA);
    expect((await verify(destination, first, BETA)).status).toBe(429);

    await generate(destination, BETA);
    const second = lastOtpCode(gateway, destination);
    const afterOtp = await verify(destination, second, ALPHA);
    for (let guess = 0; guess < 5; guess += 1) await verify(destination, WRONG, ALPHA);
    const { body: verification } = await start(destination, ALPHA);
    const checked = await check(verification.id, lastOtpCode(gateway, destination), ALPHA);

    expect([afterOtp.status, afterOtp.body]).toEqual([200, { valid: true }]);
    expect([verification.status, verification.attemptsLeft]).toEqual(['pending', 5]);
    expect(checked.body.status).toBe('approved');
  });

  it("supersedes an earlier verification with a later one's code: it is never approved and never checked upstream", async () => {
    const destination = number(3);
    const { body: first } = await start(destination, ALPHA);
    const { body: second } = await start(destination, BETA);
    const secondCode = lastOtpCode(gateway, destination);
    const before = upstreamChecks();

    const stolen = await check(first.id, secondCode, ALPHA);
    const seen = await read(first.id, ALPHA);
    const own = await check(second.id, secondCode, BETA);

    expect([stolen.status, stolen.body.status, stolen.body.reason]).toEqual([200, 'canceled', 'superseded']);
    expect([seen.body.status, seen.body.reason]).toEqual(['canceled', 'superseded']);
    expect(upstreamChecks()).toBe(before + 1);
    expect([own.body.status, own.body.reason]).toEqual(['approved', undefined]);
  });

  it('supersedes a verification when POST /v1/otp sends the destination a new code', async () => {
    const destination = number(4);
    const { body: verification } = await start(destination, ALPHA);
    await generate(destination, BETA);
    const before = upstreamChecks();

    const checked = await check(verification.id, lastOtpCode(gateway, destination), ALPHA);
    const canceled = await request(
      gateway,
      'POST',
      `/v1/verifications/${verification.id}/cancel`,
      undefined,
      as(ALPHA),
    );

    expect([checked.body.status, checked.body.reason]).toEqual(['canceled', 'superseded']);
    expect([canceled.body.status, canceled.body.reason]).toEqual(['canceled', 'superseded']);
    expect(upstreamChecks()).toBe(before);
  });

  it('gives five starts five guesses at the newest code, not twenty-five', async () => {
    const destination = number(5);
    const ids: string[] = [];
    for (let started = 0; started < 5; started += 1)
      ids.push((await start(destination, started % 2 === 0 ? ALPHA : BETA)).body.id);
    const code = lastOtpCode(gateway, destination);
    const before = upstreamChecks();

    const answers = [];
    for (const [index, id] of ids.entries())
      for (let guess = 0; guess < 5; guess += 1)
        answers.push((await check(id, WRONG, index % 2 === 0 ? ALPHA : BETA)).body.status);
    const right = await check(ids[4], code, ALPHA);

    expect(upstreamChecks()).toBe(before + 5);
    expect(answers.slice(0, 20).every((status) => status === 'canceled')).toBe(true);
    expect(answers.slice(20)).toEqual(['pending', 'pending', 'pending', 'pending', 'max_attempts_reached']);
    expect(right.body.status).toBe('max_attempts_reached');
  });

  it('counts POST /v1/otp and verification starts in one send limit per destination, across keys', async () => {
    const destination = number(6);
    const statuses = [];
    for (let send = 0; send < 3; send += 1) statuses.push((await generate(destination, ALPHA)).status);
    for (let send = 0; send < 2; send += 1) statuses.push((await start(destination, BETA)).status);
    const before = sent();

    const refusedOtp = await generate(destination, BETA);
    const refusedStart = await start(destination, ALPHA);

    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    for (const refused of [refusedOtp, refusedStart]) {
      expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_VERIFICATIONS']);
      expect(Number(refused.headers.get('retry-after'))).toBe(600);
    }
    expect(sent()).toBe(before);
  });

  it('limits sends in a sliding window: no second burst right after a window edge', async () => {
    const destination = number(7);
    expect((await generate(destination, ALPHA)).status).toBe(201);
    clock.advance(9 * 60_000 + 58_000);
    for (let send = 0; send < 4; send += 1) expect((await start(destination, BETA)).status).toBe(201);
    expect((await generate(destination, ALPHA)).status).toBe(429);

    clock.advance(2_000);
    const afterEdge = [];
    for (let send = 0; send < 3; send += 1)
      afterEdge.push(await generate(destination, send % 2 ? ALPHA : BETA));

    // Only the send from ten minutes ago has left the window: one more code, not a fresh five.
    expect(afterEdge.map((answer) => answer.status)).toEqual([201, 429, 429]);
    expect(Number(afterEdge[1].headers.get('retry-after'))).toBe(598);
  });

  it('counts every +tag and spelling of a mailbox as that mailbox, for sends and for checks', async () => {
    const local = mailbox(8);
    const address = (tag: number) => `${local}+${tag}@example.com`;
    const statuses = [];
    for (let tag = 1; tag <= 3; tag += 1) statuses.push((await generate(address(tag), ALPHA)).status);
    const started = await start(address(4), BETA);
    statuses.push(started.status);
    statuses.push((await start(address(5), ALPHA)).status);
    const refused = await generate(address(6), BETA);
    const respelled = await start(`${local.toUpperCase()}@EXAMPLE.com`, ALPHA);
    const before = upstreamChecks();
    const olderTag = await verify(address(1), lastOtpCode(gateway, address(1)), BETA);
    const code = lastOtpCode(gateway, address(5));
    for (let guess = 0; guess < 5; guess += 1) await verify(address(5), WRONG, BETA);
    const exhausted = await verify(address(5), code, ALPHA);

    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_VERIFICATIONS']);
    expect([respelled.status, respelled.body.code]).toEqual([429, 'TOO_MANY_VERIFICATIONS']);
    expect(olderTag.body).toEqual({ valid: false, reason: 'superseded' });
    expect((await read(started.body.id, BETA)).body.reason).toBe('superseded');
    expect([exhausted.status, exhausted.body.code]).toEqual([429, 'OTP_ATTEMPTS_EXHAUSTED']);
    expect(upstreamChecks()).toBe(before + 5);
  });
}
