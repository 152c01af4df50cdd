import helmet from '@fastify/helmet';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { LiveAfilnetEndpointModule } from './common/afilnet/afilnet-endpoint.js';
import { requestIdFor, REQUEST_ID_HEADER } from './common/http/request-id.js';
import { GatewayLogger } from './common/logging/gateway-logger.js';
import { createRootLogger, RequestLogController } from './common/logging/logging.module.js';
import { MetricsService } from './common/observability/metrics.service.js';
import type { Clock } from './common/clock/clock.js';
import type { GatewayConfig } from './config/configuration.js';
import { servedOpenApiDocument } from './openapi/openapi-document.js';

const BODY_LIMIT_BYTES = 256 * 1024;

export interface GatewayOptions {
  config: GatewayConfig;
  /** Where log lines go (stdout when absent). */
  logStream?: DestinationStream;
  /** The time the application reads (the system's when absent). */
  clock?: Clock;
}

/** Builds the whole gateway (used by `main.ts` and by the e2e tests, so both run the same application). */
export async function createGateway(options: GatewayOptions): Promise<NestFastifyApplication> {
  const logger = createRootLogger(options.config.logging, options.logStream);
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT_BYTES,
    loggerInstance: logger,
    logController: new RequestLogController({ requestIdLogLabel: 'reqId' }),
  });
  // The API speaks JSON only: any other body is answered 415 rather than half-parsed.
  adapter.getInstance().removeContentTypeParser('text/plain');
  acceptEmptyJsonBodies(adapter.getInstance());
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  // Sandbox mode loads the simulator's code; live mode never does.
  const afilnetEndpoint =
    options.config.afilnet.mode === 'live'
      ? LiveAfilnetEndpointModule
      : (await import('./sandbox/sandbox.module.js')).SandboxModule.forRoot();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config: options.config, logger, clock: options.clock, afilnetEndpoint }),
    adapter,
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(GatewayLogger));
  const metrics = app.get(MetricsService);
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    // Route templates, never raw URLs, keep the label set bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttp(
      request.method,
      route,
      reply.statusCode,
      request.apiKeyName ?? 'none',
      reply.elapsedTime / 1000,
    );
    done();
  });
  await app.register(helmet, {
    // Not per route: see the hook below.
    global: false,
    // The Swagger UI at /docs runs inline scripts and styles and shows data: images.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  // Applied globally, @fastify/helmet rebuilds helmet's middleware (CSP parsing included) on every request: about
  // 5 % of the CPU under load (bench/RESULTS.md). The headers never change, so helmet writes them once, on the
  // first request, and every response gets a copy.
  let securityHeaders: [string, number | string | readonly string[]][] | undefined;
  adapter.getInstance().addHook('onRequest', (_request, reply, done) => {
    if (securityHeaders === undefined) {
      const before = new Set(reply.raw.getHeaderNames());
      reply.helmet();
      securityHeaders = Object.entries(reply.raw.getHeaders()).flatMap(([name, value]) =>
        before.has(name) || value === undefined ? [] : [[name, value] as const],
      );
    } else {
      for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    }
    done();
  });
  const { corsOrigins } = options.config.http;
  if (corsOrigins.length > 0) app.enableCors({ origin: [...corsOrigins], exposedHeaders: ['X-Request-Id'] });
  app.enableVersioning({ type: VersioningType.URI });

  const openApiDocument = servedOpenApiDocument(app);
  SwaggerModule.setup('docs', app, openApiDocument, {
    jsonDocumentUrl: 'docs-json',
    // Rebuilt once a day (dated examples): the document Swagger UI and /docs-json serve is today's.
    patchDocumentOnRequest: () => openApiDocument(),
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
  await app.init();
  return app;
}

/**
 * Many HTTP client wrappers send `Content-Type: application/json` on every request, a `DELETE` with no body
 * included; Fastify's own parser refuses such an empty body. Here an empty JSON body counts as no body at all:
 * routes that take none answer as usual, and routes that need one are refused by validation like a `{}`.
 * Anything else goes through Fastify's parser, so `__proto__` and `constructor.prototype` keys are still
 * refused (400) and the body limit still applies.
 */
function acceptEmptyJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    // Typed as callback-or-promise; Fastify's default JSON parser is the callback kind and answers through done.
    else void parseJson(request, body, done);
  });
}
