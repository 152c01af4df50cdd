import { HttpCode, HttpStatus, type CallHandler } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, Observable, of, Subject, throwError } from 'rxjs';
import {
  fakeRequest,
  FakeReply,
  httpContext,
  type FakeRequest,
} from '../../../test/unit/execution-context.js';
import { AfilnetApiError } from '../afilnet/afilnet.errors.js';
import { ManualClock } from '../clock/clock.js';
import { decideProblem } from '../errors/problem-details.filter.js';
import { GatewayError } from '../errors/gateway.error.js';
import { ReplayedProblemError } from '../errors/replayed-problem.error.js';
import { RequestValidationError } from '../errors/request-validation.error.js';
import { Idempotent } from '../policies/policy.decorators.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { MemoryIdempotencyStore, type Claim, type StoredOutcome } from './idempotency.store.js';

class Routes {
  @Idempotent()
  send(): void {}

  @Idempotent()
  @HttpCode(HttpStatus.OK)
  check(): void {}

  /** No @Idempotent(): a retry runs again. */
  plain(): void {}
}

const SMS = { from: 'Shop', to: '34600000001', sms: 'hi' };

/** The in-process store, recording what the interceptor asks of it; `failNextComplete` makes it go away once. */
class RecordingStore extends MemoryIdempotencyStore {
  readonly claims: [key: string, fingerprint: string][] = [];
  readonly completed: StoredOutcome[] = [];
  failNextComplete = false;

  override claim(key: string, fingerprint: string): Promise<Claim> {
    this.claims.push([key, fingerprint]);
    return super.claim(key, fingerprint);
  }

  override complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    if (this.failNextComplete) {
      this.failNextComplete = false;
      return Promise.reject(new Error('store gone'));
    }
    this.completed.push(outcome);
    return super.complete(key, fingerprint, outcome);
  }
}

/** A handler that counts its runs and answers what the test gives it. */
class Handler implements CallHandler {
  runs = 0;

  constructor(private readonly answer: () => Observable<unknown>) {}

  handle(): Observable<unknown> {
    this.runs += 1;
    return this.answer();
  }
}

describe('IdempotencyInterceptor', () => {
  let store: RecordingStore;
  let interceptor: IdempotencyInterceptor;

  beforeEach(() => {
    store = new RecordingStore(60_000, 100, new ManualClock());
    interceptor = new IdempotencyInterceptor(store, new Reflector());
  });

  const post = (key: string | string[] | undefined, body: unknown = SMS, apiKeyName = 'ops'): FakeRequest =>
    fakeRequest({
      headers: key === undefined ? {} : { 'idempotency-key': key },
      body,
      apiKeyName,
    });

  async function run(
    request: FakeRequest,
    handler: Handler,
    route: keyof Routes = 'send',
    reply = new FakeReply(),
  ): Promise<unknown> {
    return lastValueFrom(await interceptor.intercept(httpContext(Routes, route, request, reply), handler));
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected the request to fail');
  }

  it('leaves requests without the header, non-POSTs and routes without @Idempotent alone', async () => {
    const handler = new Handler(() => of({ ok: true }));

    await run(post(undefined), handler);
    await run({ ...post('k-1'), method: 'GET' }, handler);
    await run(post('k-1'), handler, 'plain');
    await run(post('k-1'), handler, 'plain');

    expect(handler.runs).toBe(4);
    expect(store.claims).toEqual([]);
  });

  it.each([
    ['an empty key', ''],
    ['a key with a space', 'order 1'],
    ['a non-ASCII key', 'pedido-ñ'],
    ['a 256-character key', 'k'.repeat(256)],
    ['the header twice', ['k-1', 'k-1']],
  ])('refuses %s as a validation error on Idempotency-Key, running nothing', async (_label, key) => {
    const handler = new Handler(() => of({}));

    const refused = await failure(run(post(key), handler));

    expect(refused).toBeInstanceOf(RequestValidationError);
    expect((refused as RequestValidationError).errors).toEqual([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
    ]);
    expect(handler.runs).toBe(0);
  });

  it('replays a success with its status and Idempotency-Replayed, without running the handler again', async () => {
    const handler = new Handler(() => of({ messageId: '7' }));
    const replay = new FakeReply();

    const first = await run(post('order-1'), handler);
    const second = await run(post('order-1'), handler, 'send', replay);

    expect([first, second]).toEqual([{ messageId: '7' }, { messageId: '7' }]);
    expect(handler.runs).toBe(1);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotency-replayed']).toBe('true');
  });

  it("replays with the route's own success status (@HttpCode)", async () => {
    const handler = new Handler(() => of({ valid: true }));
    const replay = new FakeReply();

    await run(post('check-1'), handler, 'check');
    await run(post('check-1'), handler, 'check', replay);

    expect(replay.statusCode).toBe(200);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const handler = new Handler(() => of({ messageId: '8' }));

    await run(post('order-2', { from: 'Shop', to: '34600000001', sms: 'hi' }), handler);
    const again = await run(post('order-2', { sms: 'hi', to: '34600000001', from: 'Shop' }), handler);

    expect(again).toEqual({ messageId: '8' });
    expect(handler.runs).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, or on another URL', async () => {
    const handler = new Handler(() => of({ messageId: '9' }));
    await run(post('order-3'), handler);

    const otherBody = await failure(run(post('order-3', { ...SMS, sms: 'bye' }), handler));
    const otherUrl = await failure(run({ ...post('order-3'), url: '/v1/voice' }, handler));

    for (const refused of [otherBody, otherUrl]) {
      expect(refused).toBeInstanceOf(GatewayError);
      expect((refused as GatewayError).code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect(handler.runs).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS (Retry-After 1) while the first request runs', async () => {
    const answer = new Subject<unknown>();
    const handler = new Handler(() => answer);

    // The first request's claim is taken before `run` returns its promise; its handler is still running.
    const first = run(post('order-4'), handler);
    const conflict = await failure(run(post('order-4'), handler));
    answer.next({ messageId: '10' });
    answer.complete();

    expect(conflict).toBeInstanceOf(GatewayError);
    expect([(conflict as GatewayError).code, (conflict as GatewayError).retryAfterSeconds]).toEqual([
      'IDEMPOTENCY_IN_PROGRESS',
      1,
    ]);
    expect(await first).toEqual({ messageId: '10' });
    expect(handler.runs).toBe(1);
  });

  it("keeps an Afilnet business error (NO_CREDITS) and replays it as the first request's problem", async () => {
    const handler = new Handler(() => throwError(() => new AfilnetApiError('sms', 'sendsms', 'NO_CREDITS')));
    const replay = new FakeReply();

    const first = await failure(run(post('order-5'), handler));
    const second = await failure(run({ ...post('order-5'), id: 'req-2' }, handler, 'send', replay));

    expect(first).toBeInstanceOf(AfilnetApiError);
    expect(second).toBeInstanceOf(ReplayedProblemError);
    expect(handler.runs).toBe(1);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    // Answered through the filter with the retry's own request id.
    const { problem } = decideProblem(second, 'req-2');
    const { requestId: _first, ...original } = decideProblem(first, 'req-1').problem;
    expect(problem).toEqual({ ...original, requestId: 'req-2' });
    expect(problem).toMatchObject({ status: 402, code: 'NO_CREDITS' });
  });

  it('forgets a request that failed validation, so the corrected retry with the same key runs', async () => {
    let valid = false;
    const handler = new Handler(() =>
      valid
        ? of({ messageId: '11' })
        : throwError(() => new RequestValidationError([{ field: 'sms', message: 'sms must not be blank' }])),
    );

    const refused = await failure(run(post('order-6'), handler));
    valid = true;
    const retried = await run(post('order-6'), handler);

    expect(refused).toBeInstanceOf(RequestValidationError);
    expect(retried).toEqual({ messageId: '11' });
    expect(handler.runs).toBe(2);
  });

  it('keeps the records of each API key apart', async () => {
    const handler: Handler = new Handler(() => of({ messageId: String(handler.runs) }));

    const ops = await run(post('shared-key', SMS, 'ops'), handler);
    const billing = await run(post('shared-key', { ...SMS, sms: 'other' }, 'billing'), handler);

    expect([ops, billing]).toEqual([{ messageId: '1' }, { messageId: '2' }]);
  });

  it('still answers the request when the store cannot record it, and logs it; the claim then blocks retries', async () => {
    const handler = new Handler(() => of({ messageId: '12' }));
    const logged: unknown[] = [];
    store.failNextComplete = true;
    const request = { ...post('order-7'), log: { error: (...args: unknown[]) => void logged.push(args) } };

    const answered = await run(request, handler);
    const retry = await failure(run(post('order-7'), handler));

    expect(answered).toEqual({ messageId: '12' });
    expect(logged).toEqual([
      [{ context: 'Idempotency', reason: 'store gone' }, 'idempotency record not written'],
    ]);
    expect((retry as GatewayError).code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(handler.runs).toBe(1);
  });

  it('asks the store with the caller-scoped key and a fingerprint of method, URL and body', async () => {
    await run(post('order-8', SMS, 'ops'), new Handler(() => of({ messageId: '13' })));
    await run(
      fakeRequest({ headers: { 'idempotency-key': 'order-8' }, body: SMS }),
      new Handler(() => of({})),
    );

    expect(store.claims.map(([key]) => key)).toEqual(['ops:order-8', 'anonymous:order-8']);
    expect(store.claims[0][1]).toMatch(/^[0-9a-f]{64}$/);
    expect(store.claims[0][1]).toBe(store.claims[1][1]);
    expect(store.completed[0]).toEqual({ kind: 'success', status: 201, body: { messageId: '13' } });
  });
});
