import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type * as ClockModule from '../src/common/clock/clock.js';
import type * as RedisStoreModule from '../src/modules/verifications/redis-verification.store.js';
import { AfilnetSandbox } from '../src/sandbox/sandbox.server.js';
import { built } from './support/built.js';
import { eventually } from './support/eventually.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { otpRules } from './support/otp-rules.js';
import { verificationStoreContract } from './support/verification-store-contract.js';
import {
  describeWithRedis,
  DisposableRedis,
  REDIS_SERVER_AVAILABLE,
  TEST_REDIS_URL,
} from './support/redis.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

const SMS = { from: 'Shop', sms: 'Your order has shipped', to: '34600000001' };
const ok = { status: 'SUCCESS', result: { messageid: '1', credits: 1 } };
// Counters and records outlive a run in a shared Redis: every run uses key names of its own.
const RUN = randomUUID().slice(0, 8);
const API_KEY = `shared-key-${RUN}-0123456789`;
const LIMITED_KEY = `limited-key-${RUN}-0123456789`;
const KEYS = `ops-${RUN}:${API_KEY}:sms,limited-${RUN}:${LIMITED_KEY}:sms`;
// Enough for the idempotency tests' requests on one key; the rate-limit test spends another key's.
const LIMIT = 12;

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');
const { RedisVerificationStore } = built<typeof RedisStoreModule>(
  'modules/verifications/redis-verification.store.js',
);
/** Numbers and mailboxes of this run only: counters outlive a run in a shared Redis. */
const RUN_DIGITS = String(Number.parseInt(RUN, 16) % 1e6).padStart(6, '0');

const sends = (upstream: ScriptedUpstream) =>
  upstream.received.filter((call) => call.form.get('method') === 'sendsms').length;

describeWithRedis(
  TEST_REDIS_URL !== undefined,
  'TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)',
  'two instances sharing one Redis',
  () => {
    const upstream = new ScriptedUpstream();
    let gateways: RunningGateway[] = [];

    beforeAll(async () => {
      upstream.respond((_request, response) => json(response, ok));
      const env = {
        ...LIVE_ACCOUNT,
        AFILNET_BASE_URL: await upstream.start(),
        GATEWAY_API_KEYS: KEYS,
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        AUTH_FAILURES_PER_MINUTE: '4',
        TRUST_PROXY: '127.0.0.1',
        REDIS_URL: TEST_REDIS_URL!,
      };
      gateways = [await startGateway(env), await startGateway(env)];
    });

    afterAll(async () => {
      for (const gateway of gateways) await gateway.close();
      await upstream.stop();
    });

    const send = (instance: number, idempotencyKey: string, apiKey = API_KEY) =>
      request(gateways[instance % 2], 'POST', '/v1/sms', SMS, {
        'X-API-Key': apiKey,
        'Idempotency-Key': idempotencyKey,
      });

    it('sends once for concurrent requests with one Idempotency-Key spread across both instances', async () => {
      const key = `order-${RUN}`;
      // Afilnet holds the one send until every other request has been answered.
      let release: (() => void) | undefined;
      upstream.respond((_request, response) => (release = () => json(response, ok)));
      let conflicts = 0;
      const sending = Promise.all(
        Array.from({ length: 6 }, async (_, index) => {
          const answer = await send(index, key);
          if (answer.status === 409) conflicts += 1;
          return answer;
        }),
      );
      await eventually(() => expect(conflicts).toBe(5));
      (await eventually(() => release ?? false))();
      upstream.respond((_request, response) => json(response, ok));
      const answers = await sending;

      expect(sends(upstream)).toBe(1);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);

      const replays = [await send(0, key), await send(1, key)];
      for (const replay of replays) {
        expect(replay.status).toBe(201);
        expect(replay.headers.get('idempotency-replayed')).toBe('true');
      }
      expect(sends(upstream)).toBe(1);
    });

    it('lets a retry through once a crashed holder’s claim has expired', async () => {
      const key = `crashed-${RUN}`;
      const fingerprint = createHash('sha256')
        .update(`POST /v1/sms\n${JSON.stringify(SMS)}`)
        .digest('hex');
      const redis = new Redis(TEST_REDIS_URL!);
      const claim = `afilnet-gateway:idempotency:ops-${RUN}:${key}`;
      // What an instance that died mid-send leaves behind: a claim without an outcome, with its expiry.
      await redis.set(claim, JSON.stringify({ fingerprint }), 'PX', 60_000);
      const before = sends(upstream);

      const blocked = await send(0, key);
      // Its time comes (brought forward rather than waited for); Redis expires it on its own clock, which is
      // polled there, not with requests (they would count against the rate limit).
      await redis.pexpire(claim, 1);
      await eventually(async () => expect(await redis.exists(claim)).toBe(0));
      redis.disconnect();
      const retried = await send(1, key);

      expect([blocked.status, retried.status]).toEqual([409, 201]);
      expect(sends(upstream)).toBe(before + 1);
    });

    it('shares one rate limit per API key across both instances', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < LIMIT + 2; index += 1) {
        const answer = await request(
          gateways[index % 2],
          'POST',
          '/v1/sms/segments',
          { sms: 'hi' },
          {
            'X-API-Key': LIMITED_KEY,
          },
        );
        statuses.push(answer.status);
      }

      expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
    });

    it('shares the failed-authentication count of a client address across both instances', async () => {
      // An address of this run only: the count outlives a run in a shared Redis.
      const client = `2001:db8::${RUN.slice(0, 4)}:${RUN.slice(4)}`;
      const guess = (instance: number, key: string) =>
        request(gateways[instance % 2], 'GET', '/v1/sms/status?ids=1', undefined, {
          'X-API-Key': key,
          'X-Forwarded-For': client,
        });

      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1)
        statuses.push((await guess(index, `wrong-${index}-0123456789abcdef`)).status);
      const refused = [await guess(0, API_KEY), await guess(1, API_KEY)];

      expect(statuses).toEqual([401, 401, 401, 401]);
      expect(refused.map((answer) => answer.body.code as string)).toEqual([
        'TOO_MANY_AUTH_FAILURES',
        'TOO_MANY_AUTH_FAILURES',
      ]);
      expect(Number(refused[1].headers.get('retry-after'))).toBeGreaterThan(50);
    });

    it('reports Redis in readiness', async () => {
      const ready = await request(gateways[0], 'GET', '/health/ready');

      expect(ready.body.details.redis).toEqual({ status: 'up' });
    });
  },
);

describeWithRedis(
  REDIS_SERVER_AVAILABLE,
  'redis-server is not installed (apt-get install redis-server)',
  'when Redis goes away',
  () => {
    const upstream = new ScriptedUpstream();
    const redis = new DisposableRedis();
    let gateway: RunningGateway;
    let limited: RunningGateway;

    beforeAll(async () => {
      upstream.respond((_request, response) => json(response, ok));
      await redis.start();
      const env = { ...LIVE_ACCOUNT, AFILNET_BASE_URL: await upstream.start(), REDIS_URL: redis.url };
      gateway = await startGateway(env);
      limited = await startGateway({ ...env, RATE_LIMIT_PER_MINUTE: '100' });
    });

    afterAll(async () => {
      await gateway.close();
      await limited.close();
      await redis.stop();
      await upstream.stop();
    });

    const send = (key: string) => request(gateway, 'POST', '/v1/sms', SMS, { 'Idempotency-Key': key });

    it('fails sends and rate-limited routes closed with 503, readiness down, then recovers when Redis is back', async () => {
      expect((await send(`before-${RUN}`)).status).toBe(201);
      expect(sends(upstream)).toBe(1);

      await redis.stop();
      const refused = await send(`during-${RUN}`);
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('STATE_STORE_UNAVAILABLE');
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(sends(upstream)).toBe(1);
      const notReady = await request(gateway, 'GET', '/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body.code).toBe('NOT_READY');
      const uncounted = await request(limited, 'POST', '/v1/sms', SMS);
      expect(uncounted.status).toBe(503);
      expect(uncounted.body.code).toBe('STATE_STORE_UNAVAILABLE');
      expect(sends(upstream)).toBe(1);

      await redis.start();
      // The client reconnects by itself: polled until readiness says so.
      await eventually(async () => expect((await request(gateway, 'GET', '/health/ready')).status).toBe(200));
      expect((await send(`during-${RUN}`)).status).toBe(201);
      expect(sends(upstream)).toBe(2);
    });
  },
);

describeWithRedis(
  TEST_REDIS_URL !== undefined,
  'TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)',
  'verifications shared by two instances through one Redis',
  () => {
    const simulator = new AfilnetSandbox({
      user: LIVE_ACCOUNT.AFILNET_USER,
      password: LIVE_ACCOUNT.AFILNET_PASSWORD,
    });
    const OTP_KEY = `otp-key-${RUN}-0123456789`;
    let gateways: RunningGateway[] = [];

    beforeAll(async () => {
      const env = {
        ...LIVE_ACCOUNT,
        AFILNET_BASE_URL: await simulator.start(),
        GATEWAY_API_KEYS: `otp-${RUN}:${OTP_KEY}:otp`,
        REDIS_URL: TEST_REDIS_URL!,
        VERIFICATION_MAX_ATTEMPTS: '3',
        VERIFICATION_MAX_STARTS: '2',
      };
      gateways = [await startGateway(env), await startGateway(env)];
    });

    afterAll(async () => {
      for (const gateway of gateways) await gateway.close();
      await simulator.stop();
    });

    const on = (instance: number, method: string, path: string, body?: unknown) =>
      request(gateways[instance], method, path, body, { 'X-API-Key': OTP_KEY });
    // Destinations are fresh per run: start counters outlive a run in a shared Redis.
    const destination = (suffix: number) =>
      `34${String(Number.parseInt(RUN, 16) % 1e8).padStart(8, '0')}${suffix}`;

    it('counts attempts across instances and answers a settled verification from Redis alone', async () => {
      const to = destination(1);
      const started = await on(0, 'POST', '/v1/verifications', { type: 'mobile', destination: to });
      const { id } = started.body as { id: string };
      const code = /(\w+)$/.exec(simulator.state.outbox('otp')[0].text)![1];

      const wrongOnB = await on(1, 'POST', `/v1/verifications/${id}/check`, { code: '0000' });
      const wrongOnA = await on(0, 'POST', `/v1/verifications/${id}/check`, { code: '0001' });
      const seenOnB = await on(1, 'GET', `/v1/verifications/${id}`);
      const approvedOnB = await on(1, 'POST', `/v1/verifications/${id}/check`, { code });
      const checks = simulator.callCount('otp', 'verifyotp');
      const againOnA = await on(0, 'POST', `/v1/verifications/${id}/check`, { code });

      expect(started.status).toBe(201);
      expect([wrongOnB.body.attemptsLeft, wrongOnA.body.attemptsLeft, seenOnB.body.attemptsLeft]).toEqual([
        2, 1, 1,
      ]);
      expect([approvedOnB.body.status, againOnA.body.status]).toEqual(['approved', 'approved']);
      expect(simulator.callCount('otp', 'verifyotp')).toBe(checks);
    });

    it('does not keep a 503 STATE_STORE_UNAVAILABLE for an Idempotency-Key: the same retry sends once the store answers', async () => {
      const to = destination(3);
      const redis = new Redis(TEST_REDIS_URL!);
      // A destination record the store's script cannot read: the store fails, as when Redis cannot be asked.
      const record = `afilnet-gateway:otp-destination:mobile:${to}`;
      await redis.set(record, 'not json', 'PX', 60_000);
      const send = () =>
        request(
          gateways[0],
          'POST',
          '/v1/otp',
          { type: 'mobile', destination: to },
          { 'X-API-Key': OTP_KEY, 'Idempotency-Key': `store-${RUN}` },
        );
      const generated = () => simulator.callCount('otp', 'generateotp');
      const before = generated();

      const refused = await send();
      await redis.del(record);
      redis.disconnect();
      const retried = await send();

      expect([refused.status, refused.body.code]).toEqual([503, 'STATE_STORE_UNAVAILABLE']);
      expect([retried.status, retried.headers.get('idempotency-replayed')]).toEqual([201, null]);
      expect(generated()).toBe(before + 1);
    });

    it('applies the per-destination start limit across instances', async () => {
      const to = destination(2);
      const first = await on(0, 'POST', '/v1/verifications', { type: 'mobile', destination: to });
      const second = await on(1, 'POST', '/v1/verifications', { type: 'mobile', destination: to });
      const third = await on(0, 'POST', '/v1/verifications', { type: 'mobile', destination: to });

      expect([first.status, second.status, third.status]).toEqual([201, 201, 429]);
      expect(third.body.code).toBe('TOO_MANY_VERIFICATIONS');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  },
);

describeWithRedis(
  TEST_REDIS_URL !== undefined,
  'TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)',
  'the Redis verification store keeps the store contract (Lua scripts against a real Redis)',
  () => {
    const clients: Redis[] = [];

    afterAll(() => {
      for (const client of clients) client.disconnect();
    });

    verificationStoreContract(
      (limits) => {
        const clock = new ManualClock();
        const client = new Redis(TEST_REDIS_URL!, { keyPrefix: `afilnet-gateway-test:${RUN}:` });
        clients.push(client);
        return { store: new RedisVerificationStore(client, limits, clock), clock };
      },
      (n) => `34${RUN_DIGITS}${String(n).padStart(3, '0')}`,
    );
  },
);

describeWithRedis(
  TEST_REDIS_URL !== undefined,
  'TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)',
  'one-time-code rules with the Redis store',
  () => {
    otpRules(() => ({
      env: { REDIS_URL: TEST_REDIS_URL! },
      number: (n) => `35${RUN_DIGITS}${String(n).padStart(3, '0')}`,
      mailbox: (n) => `victim-${RUN}-${n}`,
    }));
  },
);

describeWithRedis(
  REDIS_SERVER_AVAILABLE,
  'redis-server is not installed (apt-get install redis-server)',
  'a verification start when Redis goes away during the send',
  () => {
    const upstream = new ScriptedUpstream();
    const redis = new DisposableRedis();
    let gateway: RunningGateway;

    beforeAll(async () => {
      await redis.start();
      gateway = await startGateway({
        ...LIVE_ACCOUNT,
        AFILNET_BASE_URL: await upstream.start(),
        GATEWAY_AUTH: 'disabled',
        REDIS_URL: redis.url,
      });
    });

    afterAll(async () => {
      await gateway.close();
      await redis.stop();
      await upstream.stop();
    });

    it('says the code may have been sent when the verification cannot be recorded after the send', async () => {
      let answer: (() => void) | undefined;
      upstream.respond((_call, response) => {
        answer = () => json(response, { status: 'SUCCESS', result: { messageid: '9', credits: 1 } });
      });

      const starting = request(gateway, 'POST', '/v1/verifications', {
        type: 'mobile',
        destination: '34699999999',
      });
      const release = await eventually(() => answer ?? false);
      await redis.stop();
      release();
      const response = await starting;

      expect([response.status, response.body.code]).toEqual([502, 'VERIFICATION_SEND_UNCERTAIN']);
      expect(response.body.detail).toMatch(/may have been sent/);
      expect(response.body.detail).not.toMatch(/nothing was sent/);
      expect(upstream.received.filter((call) => call.form.get('method') === 'generateotp')).toHaveLength(1);
    });
  },
);
