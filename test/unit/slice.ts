import { Global, Module, VersioningType, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { AfilnetHttpService } from '../../src/common/afilnet/afilnet-http.service.js';
import { ClockModule, ManualClock } from '../../src/common/clock/clock.js';
import { RequestPipelineModule } from '../../src/common/errors/request-pipeline.module.js';
import { buildConfiguration } from '../../src/config/configuration.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { FakeAfilnet } from './fake-afilnet.js';

/**
 * Controller slice tests (STYLE.md, "Tests in tiers"): one feature module with its real controllers, DTOs,
 * services, validation pipe and problem filter, served by Fastify on a loopback port, with a `FakeAfilnet` behind
 * the door to Afilnet. Requests are real HTTP requests (Fastify's `inject` needs the ESM-only `cookie` package from
 * CommonJS, which jest cannot load on Node 20).
 *
 * These run in jest's own module registry (the `unit` project), so coverage is measured; the policies module is
 * not importable there (see `policies.ts`).
 */
export interface SliceOptions {
  /** The feature modules under test (their controllers and services are the real ones). */
  readonly imports: readonly (Type | DynamicModule)[];
  /** Environment variables, validated as at boot (`buildConfiguration`). */
  readonly env?: Record<string, string>;
  /** Extra providers, e.g. the policy guards and interceptor for a test about policies. */
  readonly providers?: readonly Provider[];
  readonly clock?: ManualClock;
}

export interface SliceResponse<T = any> {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: T;
}

export interface Slice {
  readonly app: NestFastifyApplication;
  readonly afilnet: FakeAfilnet;
  readonly clock: ManualClock;
  request<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<SliceResponse<T>>;
  close(): Promise<void>;
}

@Global()
@Module({})
class FakeAfilnetModule {
  static with(fake: FakeAfilnet): DynamicModule {
    return {
      module: FakeAfilnetModule,
      providers: [{ provide: AfilnetHttpService, useValue: fake }],
      exports: [AfilnetHttpService],
    };
  }
}

export async function startSlice(options: SliceOptions): Promise<Slice> {
  const afilnet = new FakeAfilnet();
  const clock = options.clock ?? new ManualClock();
  const config = buildConfiguration({ LOG_LEVEL: 'silent', ...options.env });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        skipProcessEnv: true,
        load: [() => config],
      }),
      ClockModule.forRoot(clock),
      RequestPipelineModule,
      // Sends go through the message ledger: an in-memory database, as in sandbox mode.
      DatabaseModule,
      FakeAfilnetModule.with(afilnet),
      ...options.imports,
    ],
    providers: [...(options.providers ?? [])],
  }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  // As createGateway does: the routes are /v1/….
  app.enableVersioning({ type: VersioningType.URI });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  return {
    app,
    afilnet,
    clock,
    async request(method, url, body, headers = {}) {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: text === '' ? undefined : JSON.parse(text),
      };
    },
    close: () => app.close(),
  };
}

/** The problem+json shape every error has (API.md §4), for one code. */
export function expectProblem(response: SliceResponse, status: number, code: string): void {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: `urn:afilnet-gateway:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: expect.any(String),
    status,
    code,
    detail: expect.any(String),
    requestId: expect.any(String),
  });
  expect(response.status).toBe(status);
}

/** A 400 `VALIDATION_FAILED` naming exactly these fields in `errors[]`, and no Afilnet call. */
export function expectInvalid(slice: Slice, response: SliceResponse, fields: readonly string[]): void {
  expectProblem(response, 400, 'VALIDATION_FAILED');
  const named = [...new Set((response.body.errors as { field: string }[]).map((error) => error.field))];
  expect(named.sort()).toEqual([...fields].sort());
  expect(slice.afilnet.calls).toEqual([]);
}
