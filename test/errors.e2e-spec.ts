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

  it.each([
    ['without', {}],
    ['with', { 'Idempotency-Key': 'deep-1' }],
  ])(
    'refuses JSON nested 3 000 levels deep (%s an Idempotency-Key) with 400, not 500, and never calls Afilnet',
    async (_label, headers) => {
      const calls = gateway.sandbox!.requests.length;
      const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;

      const response = await request(
        gateway,
        'POST',
        '/v1/otp',
        `{"type":"mobile","destination":"34600000000","length":${deep}}`,
        headers,
      );

      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([
        { field: 'body', message: 'body must not nest objects or arrays deeper than 32 levels' },
      ]);
      expect(gateway.sandbox!.requests.length).toBe(calls);
    },
  );

  it('reads a body nested 32 levels deep and refuses one nested 33', async () => {
    const nested = (levels: number) => `${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}`;
    const send = (levels: number) =>
      request(
        gateway,
        'POST',
        '/v1/otp',
        `{"type":"mobile","destination":"34600000000","length":${nested(levels)}}`,
      );

    const deepest = await send(32);
    const deeper = await send(33);

    // 32 levels reach validation, which names the field; 33 are refused before it.
    const fields = (response: JsonResponse) => [
      ...new Set(response.body.errors.map((error: { field: string }) => error.field)),
    ];
    expect(fields(deepest)).toEqual(['length']);
    expect(fields(deeper)).toEqual(['body']);
  });

  it('refuses a quoted e-mail address with Afilnet separators as a main field with 400, and never calls Afilnet', async () => {
    const calls = gateway.sandbox!.requests.length;

    const response = await request(gateway, 'DELETE', '/v1/groups/1/contacts?main=%22a,b:c%22@example.com');

    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('main');
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
