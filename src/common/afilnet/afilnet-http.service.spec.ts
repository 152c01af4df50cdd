import { ConfigModule } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { createServer } from 'node:net';
import { json, ScriptedUpstream } from '../../../test/support/scripted-upstream.js';
import { buildConfiguration } from '../../config/configuration.js';
import { ObservabilityModule } from '../observability/observability.module.js';
import { buildProblem } from '../errors/problem-details.filter.js';
import { AFILNET_ERROR_CODES } from './afilnet-error-table.js';
import { LiveAfilnetEndpointModule } from './afilnet-endpoint.js';
import { AfilnetModule } from './afilnet.module.js';
import { AfilnetApiError, AfilnetTransportError } from './afilnet.errors.js';
import { AfilnetHttpService } from './afilnet-http.service.js';

/** API.md §4, written out independently of the implementation's table. */
const EXPECTED: Record<string, [number, string]> = {
  MISSING_COMPULSORY_PARAM: [400, 'MISSING_COMPULSORY_PARAM'],
  INCORRECT_TYPE: [400, 'INCORRECT_TYPE'],
  INCORRECT_TIME_TYPE: [400, 'INCORRECT_TIME_TYPE'],
  INCORRECT_FORMAT: [400, 'INCORRECT_FORMAT'],
  INCORRECT_OTP_FORMAT: [400, 'INCORRECT_OTP_FORMAT'],
  MISSING_MAIN_FIELD: [400, 'MISSING_MAIN_FIELD'],
  NOT_ACCESS_TO_TEMPLATE: [404, 'NOT_ACCESS_TO_TEMPLATE'],
  NOT_ACCESS_TO_GROUP: [404, 'NOT_ACCESS_TO_GROUP'],
  CHANNEL_NOT_FOUND: [404, 'CHANNEL_NOT_FOUND'],
  NO_ROUTE_AVAILABLE: [422, 'NO_ROUTE_AVAILABLE'],
  NO_CREDITS: [402, 'NO_CREDITS'],
  MISSING_USER: [502, 'UPSTREAM_AUTH_FAILED'],
  MISSING_PASSWORD: [502, 'UPSTREAM_AUTH_FAILED'],
  INCORRECT_USER_PASSWORD: [502, 'UPSTREAM_AUTH_FAILED'],
  MISSING_CLASS: [502, 'UPSTREAM_CONTRACT_ERROR'],
  MISSING_METHOD: [502, 'UPSTREAM_CONTRACT_ERROR'],
  INCORRECT_CLASS: [502, 'UPSTREAM_CONTRACT_ERROR'],
  INCORRECT_METHOD: [502, 'UPSTREAM_CONTRACT_ERROR'],
  NOT_ACCESS_TO_CONTACT: [404, 'NOT_ACCESS_TO_CONTACT'],
  INCORRECT_FIELD: [400, 'INCORRECT_FIELD'],
  SOMETHING_NEW: [502, 'UPSTREAM_ERROR'],
};

const PASSWORD = 'p@ss word&=+é';

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function clientFor(baseUrl: string, timeoutMs = 400): Promise<[AfilnetHttpService, TestingModule]> {
  const config = buildConfiguration({
    AFILNET_BASE_URL: baseUrl,
    AFILNET_USER: 'gateway@example.com',
    AFILNET_PASSWORD: PASSWORD,
    AFILNET_TIMEOUT_MS: String(timeoutMs),
    AFILNET_READ_RETRIES: '0',
    // This suite maps single failures; the breaker and retries have their own tests.
    AFILNET_BREAKER_FAILURES: '1000',
    GATEWAY_AUTH: 'disabled',
  });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
      ObservabilityModule,
      AfilnetModule.forRoot(LiveAfilnetEndpointModule),
    ],
  }).compile();
  return [module.get(AfilnetHttpService), module];
}

describe('AfilnetHttpService against a real HTTP server', () => {
  const upstream = new ScriptedUpstream();
  let client: AfilnetHttpService;
  let module: TestingModule;

  beforeAll(async () => {
    [client, module] = await clientFor(await upstream.start());
  });

  afterAll(async () => {
    await module.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
  });

  it('POSTs a form body with the credentials and catalogued parameter names, nothing in the URL', async () => {
    upstream.respond((_request, response) =>
      json(response, { status: 'success', result: { messageid: '7' } }),
    );

    const result = await client.call('otp.generate', {
      type: 'mobile',
      destination: '34600000000',
      validity: 10,
      validityUnit: 'minutes',
      length: undefined,
      format: 'numbers',
    });

    expect(result).toEqual({ messageid: '7' });
    const [request] = upstream.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/http/');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request.form)).toEqual({
      class: 'otp',
      method: 'generateotp',
      user: 'gateway@example.com',
      password: PASSWORD,
      type: 'mobile',
      destination: '34600000000',
      time: '10',
      timetype: 'minutes',
      otpformat: 'numbers',
    });
    expect(request.body).not.toContain('length');
  });

  it.each(['SUCCESS', 'success', 'Success'])('reads status %s as success', async (status) => {
    upstream.respond((_request, response) => json(response, { status, result: 42 }));
    await expect(client.call('user.balance', {})).resolves.toBe(42);
  });

  it.each(Object.entries(EXPECTED))('maps Afilnet %s to HTTP %j', async (code, [status, gatewayCode]) => {
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: code }));

    const error = await failureOf(client.call('user.balance', {}));

    expect(error).toBeInstanceOf(AfilnetApiError);
    const problem = buildProblem(error, 'req-1');
    expect([problem.status, problem.code]).toEqual([status, gatewayCode]);
    expect(problem.upstream).toEqual({ class: 'user', method: 'getbalance', error: code });
    expect(JSON.stringify(problem)).not.toContain(PASSWORD);
  });

  it('covers every documented Afilnet code in the expectations above', () => {
    expect(AFILNET_ERROR_CODES.filter((code) => EXPECTED[code] === undefined)).toEqual([]);
  });

  it.each([
    ['a non-JSON answer', (response: Parameters<typeof json>[0]) => response.end('<html>maintenance</html>')],
    ['an HTTP 500', (response: Parameters<typeof json>[0]) => json(response, { status: 'SUCCESS' }, 500)],
    ['an HTTP 503', (response: Parameters<typeof json>[0]) => json(response, {}, 503)],
    ['an envelope without status', (response: Parameters<typeof json>[0]) => json(response, { result: 1 })],
    ['an unknown status', (response: Parameters<typeof json>[0]) => json(response, { status: 'MAYBE' })],
    [
      'an error without a code',
      (response: Parameters<typeof json>[0]) => json(response, { status: 'ERROR' }),
    ],
    ['a JSON scalar', (response: Parameters<typeof json>[0]) => json(response, 'SUCCESS')],
    [
      'a redirect (never followed)',
      (response: Parameters<typeof json>[0]) => {
        response.writeHead(302, { Location: 'http://127.0.0.1:9/elsewhere' });
        response.end();
      },
    ],
  ])('answers %s with 502 UPSTREAM_BAD_RESPONSE', async (_label, answer) => {
    upstream.respond((_request, response) => answer(response));

    const error = await failureOf(client.call('user.balance', {}));

    expect(error).toBeInstanceOf(AfilnetTransportError);
    expect((error as AfilnetTransportError).failure).toBe('bad_response');
    expect(buildProblem(error, 'r')).toMatchObject({ status: 502, code: 'UPSTREAM_BAD_RESPONSE' });
    expect(upstream.received).toHaveLength(1);
  });

  it('gives up after AFILNET_TIMEOUT_MS with 504 UPSTREAM_TIMEOUT', async () => {
    upstream.respond(() => undefined);
    const started = Date.now();

    const error = await failureOf(client.call('user.balance', {}));

    const elapsed = Date.now() - started;
    expect((error as AfilnetTransportError).failure).toBe('timeout');
    expect(buildProblem(error, 'r')).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(5000);
  });

  it('times out a server that trickles its answer past the deadline', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"status":');
      const drip = setInterval(() => response.write(' '), 100);
      response.on('close', () => clearInterval(drip));
    });

    const error = await failureOf(client.call('user.balance', {}));

    expect((error as AfilnetTransportError).failure).toBe('timeout');
  });

  it('answers a connection reset once the call was sent with 502 UPSTREAM_UNAVAILABLE, as possibly received', async () => {
    upstream.respond((_request, response, raw) => {
      void response;
      raw.socket.destroy();
    });

    const error = await failureOf(client.call('user.balance', {}));

    expect((error as AfilnetTransportError).failure).toBe('connection_lost');
    expect((error as AfilnetTransportError).mayHaveReachedAfilnet).toBe(true);
    expect(buildProblem(error, 'r')).toMatchObject({ status: 502, code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result: 1 }));
    await client.call('user.balance', {});
    const before = upstream.connections;

    for (let i = 0; i < 5; i += 1) await client.call('user.balance', {});

    expect(upstream.connections).toBe(before);
  });

  it('keeps the credentials out of every error it raises', async () => {
    upstream.respond((_request, response) => response.end('not json'));
    const error = (await failureOf(client.call('user.balance', {}))) as Error;

    expect(`${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`).not.toContain(PASSWORD);
  });

  it('records whether Afilnet was reachable for the readiness probe', async () => {
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: 'NO_CREDITS' }));
    await failureOf(client.call('user.balance', {}));
    expect(client.lastContact()?.reachable).toBe(true);

    upstream.respond((_request, response, raw) => {
      void response;
      raw.socket.destroy();
    });
    await failureOf(client.call('user.balance', {}));
    expect(client.lastContact()?.reachable).toBe(false);
  });
});

describe('AfilnetHttpService with nothing listening', () => {
  it('answers a refused connection with 502 UPSTREAM_UNAVAILABLE, as certainly not sent', async () => {
    const [client, module] = await clientFor(`http://127.0.0.1:${await freePort()}/api/http/`);
    try {
      const error = await failureOf(client.call('user.balance', {}));
      expect((error as AfilnetTransportError).failure).toBe('unreachable');
      expect((error as AfilnetTransportError).mayHaveReachedAfilnet).toBe(false);
      expect(buildProblem(error, 'r')).toMatchObject({ status: 502, code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      await module.close();
    }
  });
});
