import type * as ClockModule from '../src/common/clock/clock.js';
import { built } from './support/built.js';
import { request, startGateway, type JsonResponse, type RunningGateway } from './support/gateway.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

describe('the error model and request ids over HTTP', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    // A clock that stands still: delivery tracking never falls due, so every upstream call counted is the request's.
    gateway = await startGateway({}, { clock: new ManualClock(Date.now()) });
  });

  afterAll(() => gateway.close());

  function expectProblem(response: JsonResponse, status: number, code: string): void {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:/) });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  }

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    expectProblem(await request(gateway, 'GET', '/v1/nothing-here'), 404, 'NOT_FOUND');
  });

  it('answers malformed JSON with 400 and never calls Afilnet', async () => {
    const calls = gateway.sandbox!.requests.length;

    const response = await request(gateway, 'POST', '/v1/otp', '{"type": "mobile",');

    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(gateway.sandbox!.requests.length).toBe(calls);
  });

  it('refuses a send with an empty JSON body with 400 naming the missing fields, and never calls Afilnet', async () => {
    const calls = gateway.sandbox!.requests.length;

    const response = await request(gateway, 'POST', '/v1/otp', '');

    expectProblem(response, 400, 'VALIDATION_FAILED');
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'destination']));
    expect(gateway.sandbox!.requests.length).toBe(calls);
  });

  // Many HTTP client wrappers send this header on every request, body or not.
  it('answers an empty-bodied JSON DELETE as if no body was sent', async () => {
    const response = await request(gateway, 'DELETE', '/v1/groups/1/contacts/1', '');

    expect([response.status, response.body]).toEqual([200, { groupId: 1, contactId: 1 }]);
    expect(gateway.sandbox!.requests.at(-1)).toMatchObject({ class: 'group', method: 'deletecontact' });
    gateway.sandbox!.state.reset();
  });

  it('answers a GET with a JSON content type and no body as usual', async () => {
    const response = await request(gateway, 'GET', '/v1/account/balance', undefined, {
      'Content-Type': 'application/json',
    });

    expect([response.status, response.body]).toEqual([200, { credits: expect.any(Number) }]);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('answers a %s body with 415', async (type) => {
    const response = await fetch(`${gateway.url}/v1/otp`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: 'type=mobile',
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(gateway, 'POST', '/v1/otp', {
      type: 'mobile',
      destination: 'x'.repeat(300_000),
    });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('lists every broken rule in errors[] with its field', async () => {
    const response = await request(gateway, 'POST', '/v1/otp', { type: 'fax', length: 'six' });

    expectProblem(response, 400, 'VALIDATION_FAILED');
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'destination', 'length']));
    for (const error of response.body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it('echoes a sane caller X-Request-Id on success and in problems', async () => {
    const ok = await request(gateway, 'GET', '/v1/account/balance', undefined, {
      'X-Request-Id': 'caller-id-1',
    });
    const bad = await request(gateway, 'POST', '/v1/otp', {}, { 'X-Request-Id': 'caller-id-2' });

    expect(ok.headers.get('x-request-id')).toBe('caller-id-1');
    expect(bad.headers.get('x-request-id')).toBe('caller-id-2');
    expect(bad.body.requestId).toBe('caller-id-2');
  });

  it('replaces an unsafe X-Request-Id with a generated one', async () => {
    const response = await request(gateway, 'GET', '/v1/account/balance', undefined, {
      'X-Request-Id': 'x'.repeat(200),
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates a different id for each request without one', async () => {
    const first = await request(gateway, 'GET', '/health/live');
    const second = await request(gateway, 'GET', '/health/live');
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });
});
