import type { ExecutionContext, Type } from '@nestjs/common';

/** The parts of a Fastify request the policies read. */
export interface FakeRequest {
  method: string;
  url: string;
  id: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  apiKeyName?: string;
  log: { error: (...args: unknown[]) => void };
}

/** The parts of a Fastify reply the policies write, recorded. */
export class FakeReply {
  readonly headers: Record<string, string> = {};
  statusCode = 200;

  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
}

export function fakeRequest(overrides: Partial<FakeRequest> = {}): FakeRequest {
  return {
    method: 'POST',
    url: '/v1/sms',
    id: 'req-1',
    ip: '127.0.0.1',
    headers: {},
    log: { error: () => undefined },
    ...overrides,
  };
}

/**
 * The execution context Nest hands a guard or interceptor for one HTTP request to `handler` of `controller`,
 * built by hand so that a policy can be unit-tested without an application.
 */
export function httpContext<C extends object>(
  controller: Type<C>,
  handler: keyof C & string,
  request: FakeRequest,
  reply: FakeReply = new FakeReply(),
): ExecutionContext {
  const http = { getRequest: () => request, getResponse: () => reply, getNext: () => undefined };
  return {
    getClass: () => controller,
    getHandler: () => controller.prototype[handler] as (...args: unknown[]) => unknown,
    getType: () => 'http',
    getArgs: () => [request, reply],
    getArgByIndex: (index: number) => [request, reply][index],
    switchToHttp: () => http,
    switchToRpc: () => {
      throw new Error('not an RPC context');
    },
    switchToWs: () => {
      throw new Error('not a WebSocket context');
    },
  } as unknown as ExecutionContext;
}
