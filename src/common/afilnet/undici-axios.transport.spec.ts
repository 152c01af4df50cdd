import axios, { type AxiosError } from 'axios';
import { json, ScriptedUpstream } from '../../../test/support/scripted-upstream.js';
import { UndiciAxiosTransport } from './undici-axios.transport.js';

async function failureOf(promise: Promise<unknown>): Promise<AxiosError> {
  try {
    await promise;
  } catch (error) {
    return error as AxiosError;
  }
  throw new Error('expected the call to fail');
}

describe('UndiciAxiosTransport under axios', () => {
  const upstream = new ScriptedUpstream();
  const transport = new UndiciAxiosTransport({ connections: 2, maxResponseBytes: 1024 });
  const client = axios.create({ adapter: transport.adapter, responseType: 'text', timeout: 300 });
  let url: string;

  beforeAll(async () => {
    url = await upstream.start();
  });

  afterAll(async () => {
    await transport.onApplicationShutdown();
    await upstream.stop();
  });

  it('sends the method, headers and body, and gives back status, headers and text', async () => {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS' }, 202));

    const response = await client.post<string>(`${url}?q=1`, 'a=1&b=2', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(202);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.data)).toEqual({ status: 'SUCCESS' });
    const [request] = upstream.received.slice(-1);
    expect([request.method, request.url, request.contentType, request.body]).toEqual([
      'POST',
      '/api/http/?q=1',
      'application/x-www-form-urlencoded',
      'a=1&b=2',
    ]);
  });

  it('rejects a status that validateStatus refuses, with the response attached', async () => {
    upstream.respond((_request, response) => json(response, {}, 500));

    const error = await failureOf(client.get(url));

    expect(error.code).toBe('ERR_BAD_RESPONSE');
    expect(error.response?.status).toBe(500);
  });

  it('answers ETIMEDOUT when the whole exchange outlasts `timeout`', async () => {
    upstream.respond(() => undefined);

    const error = await failureOf(client.get(url));

    expect(error.code).toBe('ETIMEDOUT');
  });

  it("answers ERR_CANCELED when the caller's signal aborts, before or during the call", async () => {
    // Aborted once the request has reached the far end, which never answers.
    const during = new AbortController();
    upstream.respond(() => during.abort());

    expect((await failureOf(client.get(url, { signal: AbortSignal.abort() }))).code).toBe('ERR_CANCELED');
    expect((await failureOf(client.get(url, { signal: during.signal }))).code).toBe('ERR_CANCELED');
  });

  it('refuses an answer over maxResponseBytes, announced or chunked', async () => {
    upstream.respond((_request, response) => response.end('x'.repeat(4096)));
    expect((await failureOf(client.get(url))).code).toBe('ERR_BAD_RESPONSE');

    upstream.respond((_request, response) => {
      for (let chunk = 0; chunk < 8; chunk += 1) response.write('x'.repeat(512));
      response.end();
    });
    expect((await failureOf(client.get(url))).code).toBe('ERR_BAD_RESPONSE');
  });

  it('never opens more connections than allowed', async () => {
    upstream.respond((_request, response) => setTimeout(() => json(response, {}), 50));
    const before = upstream.connections;

    await Promise.all(Array.from({ length: 6 }, () => client.get(url)));

    expect(upstream.connections - before).toBeLessThanOrEqual(2);
  });
});
