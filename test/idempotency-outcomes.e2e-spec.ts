import type * as ClockModule from '../src/common/clock/clock.js';
import { built } from './support/built.js';
import { request, startGateway, type JsonResponse, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { freePort } from './support/process.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

const SMS = { from: 'Shop', to: '34600000001', sms: 'Your order has shipped' };
const sent = { status: 'SUCCESS', result: { messageid: '1', credits: 1 } };

const sendSms = (gateway: RunningGateway, key: string, body: unknown = SMS) =>
  request(gateway, 'POST', '/v1/sms', body, { 'Idempotency-Key': key });

const smsCalls = (upstream: ScriptedUpstream) =>
  upstream.received.filter((call) => call.form.get('method') === 'sendsms').length;

/** Retries the request until it answers something else than `status`, for at most `withinMs`. */
async function retryWhile(
  status: number,
  send: () => Promise<JsonResponse>,
  withinMs: number,
): Promise<JsonResponse> {
  const deadline = Date.now() + withinMs;
  let response = await send();
  while (response.status === status && Date.now() < deadline) response = await send();
  return response;
}

describe('Idempotency-Key keeps only outcomes where the request did its work or may have (live mode)', () => {
  const upstream = new ScriptedUpstream();

  afterEach(async () => {
    upstream.received.length = 0;
    await upstream.stop().catch(() => undefined);
  });

  it("does not keep an open circuit's 503: once the circuit closes, the same retry sends", async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_BREAKER_FAILURES: '1',
      AFILNET_BREAKER_COOLDOWN_MS: '300',
      AFILNET_READ_RETRIES: '0',
    });
    try {
      upstream.respond((_request, _response, raw) => raw.socket.destroy());
      await request(gateway, 'GET', '/v1/account/balance');

      const refused = await sendSms(gateway, 'circuit-1');
      upstream.respond((_request, response) => json(response, sent));
      const retried = await retryWhile(503, () => sendSms(gateway, 'circuit-1'), 3000);
      const replayed = await sendSms(gateway, 'circuit-1');

      expect([refused.status, refused.body.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotency-replayed')).toBeNull();
      expect([replayed.status, replayed.headers.get('idempotency-replayed')]).toEqual([201, 'true']);
      expect(smsCalls(upstream)).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it("does not keep a refused connection's 502 (nothing was sent): once Afilnet listens, the same retry sends", async () => {
    const port = await freePort();
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: `http://127.0.0.1:${port}/api/http/`,
      AFILNET_BREAKER_FAILURES: '1000',
    });
    try {
      const refused = await sendSms(gateway, 'refused-1');
      await upstream.start(port);
      upstream.respond((_request, response) => json(response, sent));
      const retried = await sendSms(gateway, 'refused-1');

      expect([refused.status, refused.body.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
      expect(refused.body.detail).toContain('nothing was sent');
      expect([retried.status, retried.headers.get('idempotency-replayed')]).toEqual([201, null]);
      expect(smsCalls(upstream)).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('does not keep a 429 for too many codes: once the window has moved, the same retry sends', async () => {
    const clock = new ManualClock(Date.now());
    const gateway = await startGateway(
      {
        ...LIVE_ACCOUNT,
        AFILNET_BASE_URL: await upstream.start(),
        VERIFICATION_MAX_STARTS: '1',
        VERIFICATION_WINDOW_MINUTES: '10',
      },
      { clock },
    );
    try {
      upstream.respond((_request, response) => json(response, sent));
      const otp = { type: 'mobile', destination: '34600000002' };
      const first = await request(gateway, 'POST', '/v1/otp', otp, { 'Idempotency-Key': 'otp-1' });
      const limited = await request(gateway, 'POST', '/v1/otp', otp, { 'Idempotency-Key': 'otp-2' });
      clock.advance(11 * 60_000);
      const retried = await request(gateway, 'POST', '/v1/otp', otp, { 'Idempotency-Key': 'otp-2' });

      expect(first.status).toBe(201);
      expect([limited.status, limited.body.code]).toEqual([429, 'TOO_MANY_VERIFICATIONS']);
      expect([retried.status, retried.headers.get('idempotency-replayed')]).toEqual([201, null]);
      expect(upstream.received).toHaveLength(2);
    } finally {
      await gateway.close();
    }
  });

  it.each([
    [
      'a connection lost once the request left',
      (raw: { socket: { destroy(): void } }) => raw.socket.destroy(),
      502,
      'UPSTREAM_UNAVAILABLE',
    ],
    ['no answer by the deadline', () => undefined, 504, 'UPSTREAM_TIMEOUT'],
  ])(
    'keeps %s (it may have been sent) and replays it without a second call',
    async (_label, answer, status, code) => {
      const gateway = await startGateway({
        ...LIVE_ACCOUNT,
        AFILNET_BASE_URL: await upstream.start(),
        AFILNET_TIMEOUT_MS: '400',
        AFILNET_BREAKER_FAILURES: '1000',
      });
      try {
        upstream.respond((_request, _response, raw) => answer(raw));
        const first = await sendSms(gateway, 'maybe-1');
        upstream.respond((_request, response) => json(response, sent));
        const retried = await sendSms(gateway, 'maybe-1');

        expect([first.status, first.body.code]).toEqual([status, code]);
        expect([retried.status, retried.body.code]).toEqual([status, code]);
        expect(retried.headers.get('idempotency-replayed')).toBe('true');
        expect(smsCalls(upstream)).toBe(1);
      } finally {
        await gateway.close();
      }
    },
  );
});

describe('the in-memory idempotency store under pressure', () => {
  const upstream = new ScriptedUpstream();

  afterAll(() => upstream.stop());

  it('never evicts a claim still in flight: a retry gets 409 and nothing is sent twice', async () => {
    const gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      IDEMPOTENCY_MAX_ENTRIES: '100',
    });
    try {
      let answerHeld: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (answerHeld = resolve));
      // Only the first call is held: a second send, if there were one, would be answered at once.
      let holding = true;
      upstream.respond((call, response) => {
        if (holding && call.form.get('to') === '34600000999') void held.then(() => json(response, sent));
        else json(response, sent);
        if (call.form.get('to') === '34600000999') holding = false;
      });

      const inFlight = sendSms(gateway, 'held-1', { ...SMS, to: '34600000999' });
      while (upstream.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
      for (let other = 0; other < 110; other += 1) {
        expect((await sendSms(gateway, `other-${other}`)).status).toBe(201);
      }
      const retryWhileInFlight = await sendSms(gateway, 'held-1', { ...SMS, to: '34600000999' });
      answerHeld();
      const first = await inFlight;
      const retryAfter = await sendSms(gateway, 'held-1', { ...SMS, to: '34600000999' });

      expect([retryWhileInFlight.status, retryWhileInFlight.body.code]).toEqual([
        409,
        'IDEMPOTENCY_IN_PROGRESS',
      ]);
      expect(first.status).toBe(201);
      expect([retryAfter.status, retryAfter.headers.get('idempotency-replayed')]).toEqual([201, 'true']);
      expect(upstream.received.filter((call) => call.form.get('to') === '34600000999')).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});
