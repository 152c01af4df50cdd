import { ManualClock } from '../../common/clock/clock.js';
import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { policyProviders } from '../../../test/unit/policies.js';
import { OtpModule } from '../otp/otp.module.js';
import { VerificationsModule } from './verifications.module.js';

const ALPHA = 'alpha-key-0123456789abcdef';
const BETA = 'beta-key-0123456789abcdef';
const as = (key: string) => ({ 'X-API-Key': key });
const MINUTE_MS = 60_000;

describe('OTP and verification controllers (slice: real pipes, filter, guard and store; fake Afilnet)', () => {
  const clock = new ManualClock(Date.parse('2030-01-15T09:00:00Z'));
  let slice: Slice;
  let destinations = 0;
  /** A destination no earlier test used: the send limit and attempt budget are per destination. */
  const fresh = () => `3460010${String((destinations += 1)).padStart(4, '0')}`;

  beforeAll(async () => {
    slice = await startSlice({
      imports: [OtpModule, VerificationsModule],
      env: {
        GATEWAY_API_KEYS: `alpha:${ALPHA}:otp,beta:${BETA}:otp`,
        VERIFICATION_MAX_ATTEMPTS: '2',
        VERIFICATION_MAX_STARTS: '2',
        OTP_MAX_VALIDITY_MINUTES: '60',
      },
      providers: policyProviders(),
      clock,
    });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  describe('POST /v1/otp', () => {
    it('asks Afilnet for a code with the validity, never returns the code, and says when it expires', async () => {
      slice.afilnet.answers('otp.generate', { messageid: 9, credits: 1, otp: '123456' });
      const to = fresh();

      const sent = await slice.request(
        'POST',
        '/v1/otp',
        {
          type: 'mobile',
          destination: to,
          validity: { time: 2, unit: 'minutes' },
          length: 6,
          format: 'numbers',
        },
        as(ALPHA),
      );

      expect([sent.status, sent.body]).toEqual([
        201,
        {
          id: expect.stringMatching(/^msg_/),
          destination: to,
          messageId: '9',
          credits: 1,
          expiresAt: '2030-01-15T09:02:00.000Z',
        },
      ]);
      expect(JSON.stringify(sent.body)).not.toContain('123456');
      expect(slice.afilnet.calls).toEqual([
        {
          operation: 'otp.generate',
          params: {
            type: 'mobile',
            destination: to,
            validity: 2,
            validityUnit: 'minutes',
            length: 6,
            format: 'numbers',
          },
        },
      ]);
    });

    it('asks for the longest allowed validity when none is given, and refuses a longer one', async () => {
      slice.afilnet.answers('otp.generate', {});
      const to = fresh();

      const sent = await slice.request('POST', '/v1/otp', { type: 'mobile', destination: to }, as(ALPHA));
      const tooLong = await slice.request(
        'POST',
        '/v1/otp',
        { type: 'mobile', destination: fresh(), validity: { time: 2, unit: 'hours' } },
        as(ALPHA),
      );

      expect(sent.body.expiresAt).toBe('2030-01-15T10:00:00.000Z');
      expect(slice.afilnet.callsOf('otp.generate')[0]).toMatchObject({
        validity: 60,
        validityUnit: 'minutes',
      });
      expectProblem(tooLong, 400, 'VALIDATION_FAILED');
      expect(tooLong.body.errors).toEqual([
        { field: 'validity', message: 'validity must be at most 60 minutes (1 hours)' },
      ]);
      expect(slice.afilnet.calls).toHaveLength(1);
    });

    it('refuses a destination that does not match its type, and an unknown unit', async () => {
      const refused = await slice.request(
        'POST',
        '/v1/otp',
        { type: 'email', destination: '34600000001', validity: { time: 1, unit: 'fortnights' } },
        as(ALPHA),
      );

      expectInvalid(slice, refused, ['destination', 'validity.unit']);
    });

    it('limits the codes per destination across keys (429 with Retry-After); a refused send counts too', async () => {
      const to = fresh();
      slice.afilnet.rejects('otp.generate', 'NO_CREDITS');
      slice.afilnet.answers('otp.generate', {});

      const noCredits = await slice.request(
        'POST',
        '/v1/otp',
        { type: 'mobile', destination: to },
        as(ALPHA),
      );
      const sent = await slice.request('POST', '/v1/otp', { type: 'mobile', destination: to }, as(BETA));
      const third = await slice.request('POST', '/v1/otp', { type: 'mobile', destination: to }, as(ALPHA));

      expectProblem(noCredits, 402, 'NO_CREDITS');
      expect(sent.status).toBe(201);
      expectProblem(third, 429, 'TOO_MANY_VERIFICATIONS');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(slice.afilnet.callsOf('otp.generate')).toHaveLength(2);

      clock.advance(60 * MINUTE_MS);
      slice.afilnet.answers('otp.generate', {});
      expect(
        (await slice.request('POST', '/v1/otp', { type: 'mobile', destination: to }, as(ALPHA))).status,
      ).toBe(201);
    });
  });

  describe('POST /v1/otp/verify', () => {
    it('answers valid, a known rejection with its reason, and any other Afilnet error as rejected', async () => {
      const to = fresh();
      slice.afilnet.answers('otp.generate', {});
      await slice.request('POST', '/v1/otp', { type: 'mobile', destination: to }, as(ALPHA));
      slice.afilnet.rejects('otp.verify', 'INCORRECT_OTP');
      slice.afilnet.answers('otp.verify', null);

      const wrong = await slice.request(
        'POST',
        '/v1/otp/verify',
        { destination: to, code: '0000' },
        as(ALPHA),
      );
      const right = await slice.request(
        'POST',
        '/v1/otp/verify',
        { destination: to, code: '1234' },
        as(ALPHA),
      );

      expect([wrong.status, wrong.body]).toEqual([
        200,
        { valid: false, reason: 'incorrect_code', upstreamCode: 'INCORRECT_OTP' },
      ]);
      expect([right.status, right.body]).toEqual([200, { valid: true }]);
      expect(slice.afilnet.callsOf('otp.verify')).toEqual([
        { destination: to, code: '0000' },
        { destination: to, code: '1234' },
      ]);

      const other = fresh();
      slice.afilnet.answers('otp.generate', {});
      await slice.request('POST', '/v1/otp', { type: 'mobile', destination: other }, as(ALPHA));
      slice.afilnet.rejects('otp.verify', 'CODE_WAS_NEVER_SEEN');
      const unknown = await slice.request(
        'POST',
        '/v1/otp/verify',
        { destination: other, code: '9999' },
        as(ALPHA),
      );
      expect(unknown.body).toEqual({ valid: false, reason: 'rejected', upstreamCode: 'CODE_WAS_NEVER_SEEN' });
    });

    it('answers a protocol error as the error it is, not as a rejected code', async () => {
      const to = fresh();
      slice.afilnet.rejects('otp.verify', 'INCORRECT_USER_PASSWORD');

      expectProblem(
        await slice.request('POST', '/v1/otp/verify', { destination: to, code: '1234' }, as(ALPHA)),
        502,
        'UPSTREAM_AUTH_FAILED',
      );
    });

    it('stops asking Afilnet once the attempts are spent (429 OTP_ATTEMPTS_EXHAUSTED)', async () => {
      const to = fresh();
      slice.afilnet.answers('otp.generate', {});
      await slice.request('POST', '/v1/otp', { type: 'mobile', destination: to }, as(ALPHA));
      slice.afilnet.rejects('otp.verify', 'INCORRECT_OTP').rejects('otp.verify', 'INCORRECT_OTP');

      await slice.request('POST', '/v1/otp/verify', { destination: to, code: '0001' }, as(ALPHA));
      await slice.request('POST', '/v1/otp/verify', { destination: to, code: '0002' }, as(BETA));
      const third = await slice.request(
        'POST',
        '/v1/otp/verify',
        { destination: to, code: '0003' },
        as(ALPHA),
      );

      expectProblem(third, 429, 'OTP_ATTEMPTS_EXHAUSTED');
      expect(slice.afilnet.callsOf('otp.verify')).toHaveLength(2);
    });

    it('refuses a code that is not 4 to 10 letters or digits', async () => {
      expectInvalid(
        slice,
        await slice.request(
          'POST',
          '/v1/otp/verify',
          { destination: '34600000001', code: '12-34' },
          as(ALPHA),
        ),
        ['code'],
      );
    });
  });

  describe('/v1/verifications', () => {
    const start = async (key = ALPHA, to = fresh()) => {
      slice.afilnet.answers('otp.generate', { otp: '424242' });
      const started = await slice.request(
        'POST',
        '/v1/verifications',
        { type: 'mobile', destination: to, ttlMinutes: 5 },
        as(key),
      );
      return { to, started, id: started.body.id as string };
    };

    it('starts a verification: the code is asked for with the TTL as validity, the destination is masked', async () => {
      const { to, started } = await start();

      expect(started.status).toBe(201);
      expect(started.body).toEqual({
        id: expect.stringMatching(/^VE[0-9a-f]{32}$/),
        status: 'pending',
        type: 'mobile',
        destination: `${to.slice(0, 3)}****${to.slice(-4)}`,
        attemptsLeft: 2,
        expiresAt: new Date(clock.now() + 5 * MINUTE_MS).toISOString(),
      });
      expect(JSON.stringify(started.body)).not.toContain('424242');
      expect(slice.afilnet.callsOf('otp.generate')).toEqual([
        { type: 'mobile', destination: to, validity: 5, validityUnit: 'minutes' },
      ]);
    });

    it('approves the right code once; a second check is answered without Afilnet', async () => {
      const { id } = await start();
      slice.afilnet.rejects('otp.verify', 'INCORRECT_OTP').answers('otp.verify', null);

      const wrong = await slice.request('POST', `/v1/verifications/${id}/check`, { code: '0000' }, as(ALPHA));
      const right = await slice.request(
        'POST',
        `/v1/verifications/${id}/check`,
        { code: '424242' },
        as(ALPHA),
      );
      const again = await slice.request(
        'POST',
        `/v1/verifications/${id}/check`,
        { code: '424242' },
        as(ALPHA),
      );

      expect([wrong.status, wrong.body.status, wrong.body.attemptsLeft]).toEqual([200, 'pending', 1]);
      expect([right.body.status, again.body.status]).toEqual(['approved', 'approved']);
      expect(slice.afilnet.callsOf('otp.verify')).toHaveLength(2);
    });

    it('reaches max_attempts_reached after the last wrong code', async () => {
      const { id } = await start();
      slice.afilnet.rejects('otp.verify', 'INCORRECT_OTP').rejects('otp.verify', 'SOMETHING_ELSE');

      await slice.request('POST', `/v1/verifications/${id}/check`, { code: '0000' }, as(ALPHA));
      const last = await slice.request('POST', `/v1/verifications/${id}/check`, { code: '0001' }, as(ALPHA));
      const read = await slice.request('GET', `/v1/verifications/${id}`, undefined, as(ALPHA));

      expect([last.body.status, last.body.attemptsLeft]).toEqual(['max_attempts_reached', 0]);
      expect(read.body.status).toBe('max_attempts_reached');
    });

    it('expires when the clock passes expiresAt, and then never asks Afilnet', async () => {
      const { id } = await start();

      clock.advance(5 * MINUTE_MS);
      const read = await slice.request('GET', `/v1/verifications/${id}`, undefined, as(ALPHA));
      const check = await slice.request(
        'POST',
        `/v1/verifications/${id}/check`,
        { code: '424242' },
        as(ALPHA),
      );

      expect([read.body.status, check.body.status]).toEqual(['expired', 'expired']);
      expect(slice.afilnet.callsOf('otp.verify')).toEqual([]);
    });

    it('cancels a pending verification; canceling again changes nothing', async () => {
      const { id } = await start();

      const canceled = await slice.request('POST', `/v1/verifications/${id}/cancel`, undefined, as(ALPHA));
      const again = await slice.request('POST', `/v1/verifications/${id}/cancel`, undefined, as(ALPHA));

      expect([canceled.status, canceled.body.status, again.body.status]).toEqual([
        200,
        'canceled',
        'canceled',
      ]);
    });

    it('supersedes an earlier verification of the destination when a new code is sent', async () => {
      const { id, to } = await start();
      await start(ALPHA, to);

      const first = await slice.request('GET', `/v1/verifications/${id}`, undefined, as(ALPHA));

      expect(first.body).toMatchObject({ status: 'canceled', reason: 'superseded' });
    });

    it("answers another key's verification exactly like a missing one (404)", async () => {
      const { id } = await start(ALPHA);

      const byBeta = await slice.request('GET', `/v1/verifications/${id}`, undefined, as(BETA));
      const missing = await slice.request(
        'GET',
        '/v1/verifications/VE0123456789abcdef0123456789abcdef',
        undefined,
        as(ALPHA),
      );

      expectProblem(byBeta, 404, 'VERIFICATION_NOT_FOUND');
      expectProblem(missing, 404, 'VERIFICATION_NOT_FOUND');
      expect(byBeta.body.detail).toBe(`No verification ${id} belongs to this API key.`);
    });

    it('answers 502 VERIFICATION_SEND_UNCERTAIN when the send may have gone out', async () => {
      slice.afilnet.failsInTransport('otp.generate', 'timeout');

      const uncertain = await slice.request(
        'POST',
        '/v1/verifications',
        { type: 'mobile', destination: fresh() },
        as(ALPHA),
      );

      expectProblem(uncertain, 502, 'VERIFICATION_SEND_UNCERTAIN');
      expect(uncertain.body.detail).toMatch(/may have been sent/);
    });

    it('passes a refusal through, removes the new verification and leaves the earlier one pending', async () => {
      const { id, to } = await start();
      slice.afilnet.rejects('otp.generate', 'NO_CREDITS');

      const refused = await slice.request(
        'POST',
        '/v1/verifications',
        { type: 'mobile', destination: to },
        as(ALPHA),
      );
      const earlier = await slice.request('GET', `/v1/verifications/${id}`, undefined, as(ALPHA));

      expectProblem(refused, 402, 'NO_CREDITS');
      expect(earlier.body).toMatchObject({ status: 'pending', attemptsLeft: 2 });
    });

    it('refuses a malformed id and an out-of-range TTL', async () => {
      expectInvalid(slice, await slice.request('GET', '/v1/verifications/VE123', undefined, as(ALPHA)), [
        'id',
      ]);
      expectInvalid(
        slice,
        await slice.request(
          'POST',
          '/v1/verifications',
          { type: 'mobile', destination: '34600000001', ttlMinutes: 61 },
          as(ALPHA),
        ),
        ['ttlMinutes'],
      );
    });

    it('needs an API key', async () => {
      expectProblem(
        await slice.request('GET', '/v1/verifications/VE0123456789abcdef0123456789abcdef'),
        401,
        'UNAUTHENTICATED',
      );
    });
  });
});
