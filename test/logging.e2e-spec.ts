import { eventually } from './support/eventually.js';
import { lastOtpCode, request, startGateway, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { ScriptedUpstream } from './support/scripted-upstream.js';

const entriesOf = (gateway: RunningGateway) =>
  gateway.logs.map((line) => JSON.parse(line) as Record<string, any>);

describe('structured logs', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ LOG_LEVEL: 'trace', GATEWAY_API_KEYS: 'billing:key-that-must-not-leak' });
  });

  afterAll(() => gateway.close());

  const KEY = { 'X-API-Key': 'key-that-must-not-leak' };
  const entries = () => entriesOf(gateway);

  it('writes one JSON line per request with id, method, route, status and duration', async () => {
    await request(gateway, 'GET', '/v1/account/balance', undefined, {
      ...KEY,
      'X-Request-Id': 'log-check-1',
    });

    // Fastify writes the request line once the response has gone out: it may come just after the answer.
    const completed = await eventually(() => {
      const line = entries().find((entry) => entry.req?.id === 'log-check-1' && entry.res !== undefined);
      expect(line).toBeDefined();
      return line;
    });

    expect(completed).toMatchObject({
      reqId: 'log-check-1',
      req: { method: 'GET', url: '/v1/account/balance' },
      route: '/v1/account/balance',
      apiKeyName: 'billing',
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
  });

  it('puts the request id on the lines written while serving it', async () => {
    await request(gateway, 'GET', '/v1/account/balance', undefined, {
      ...KEY,
      'X-Request-Id': 'log-check-2',
    });

    const upstreamLine = entries().find(
      (entry) => entry.afilnet === 'user.getbalance' && entry.reqId === 'log-check-2',
    );

    expect(upstreamLine).toMatchObject({ outcome: 'success', durationMs: expect.any(Number) });
  });

  it('logs the route pattern and never a query value: a key in ?api_key= or an address in ?main= stays out', async () => {
    await request(gateway, 'GET', '/v1/account/balance?api_key=key-that-must-not-leak', undefined, {
      ...KEY,
      'X-Request-Id': 'log-check-query-1',
    });
    await request(gateway, 'DELETE', '/v1/groups/2/contacts?main=victim.person%40example.com', undefined, {
      ...KEY,
      'X-Request-Id': 'log-check-query-2',
    });
    await request(gateway, 'GET', '/v1/key-that-must-not-leak/x?key-that-must-not-leak', undefined, {
      'X-Request-Id': 'log-check-query-3',
    });
    const line = (id: string) => entries().find((entry) => entry.req?.id === id && entry.res !== undefined);
    const lines = ['log-check-query-1', 'log-check-query-2', 'log-check-query-3'].map(line);

    expect(lines.map((entry) => entry?.req.url as string | undefined)).toEqual([
      '/v1/account/balance?api_key=[REDACTED]',
      '/v1/groups/:id/contacts?main=[REDACTED]',
      '/v1/[REDACTED]/x?[REDACTED]=[REDACTED]',
    ]);
    expect(lines[1]).toMatchObject({ route: '/v1/groups/:id/contacts' });
    const everything = gateway.logs.join('\n');
    expect(everything).not.toContain('key-that-must-not-leak');
    expect(everything).not.toMatch(/victim\.person/);
  });

  it('never logs the Afilnet password, an API key or a one-time code', async () => {
    const headers = { ...KEY, Authorization: 'Bearer key-that-must-not-leak' };
    await request(gateway, 'POST', '/v1/otp', { type: 'mobile', destination: '34600000077' }, headers);
    const code = lastOtpCode(gateway, '34600000077');
    await request(gateway, 'POST', '/v1/otp/verify', { destination: '34600000077', code: '0000' }, headers);
    await request(gateway, 'POST', '/v1/otp/verify', { destination: '34600000077', code }, headers);
    await request(
      gateway,
      'POST',
      '/v1/otp',
      { type: 'mobile', destination: code },
      { ...headers, 'X-Request-Id': 'log-check-last' },
    );
    await eventually(() =>
      entries().some((entry) => entry.reqId === 'log-check-last' && entry.res !== undefined),
    );

    const { password } = gateway.endpoint;
    const everything = gateway.logs.join('\n');
    expect(gateway.logs.length).toBeGreaterThan(10);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain('key-that-must-not-leak');
    expect(everything).not.toMatch(new RegExp(`\\b${code}\\b`));
  });
});

// Below `debug` no request context is bound (bench/RESULTS.md, step 5): what is written about a request is
// written through the request's own logger.
describe('structured logs at info level', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    const url = await upstream.start();
    gateway = await startGateway({ ...LIVE_ACCOUNT, AFILNET_BASE_URL: url, LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  it("puts the request id on a failed request's problem line and request line", async () => {
    upstream.respond((_request, _response, raw) => raw.socket.destroy());
    const answer = await request(
      gateway,
      'POST',
      '/v1/sms',
      { from: 'Shop', to: '34600000001', sms: 'Your order has shipped' },
      { 'X-Request-Id': 'log-check-3' },
    );

    expect(answer.body.code).toBe('UPSTREAM_UNAVAILABLE');
    const lines = await eventually(() => {
      const written = entriesOf(gateway).filter((entry) => entry.reqId === 'log-check-3');
      expect(written.map((entry): unknown => entry.msg)).toContain('request errored');
      return written;
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, context: 'Errors', errorCode: 'UPSTREAM_UNAVAILABLE' }),
      expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 502 } }),
    ]);
    expect(entriesOf(gateway).filter((entry) => entry.level < 30)).toEqual([]);
  });
});
