import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { LiveAfilnetEndpointModule } from './common/afilnet/afilnet-endpoint.js';
import { AuthFailures } from './common/auth/auth-failures.js';
import { authFailuresPlugin } from './common/auth/auth-failures.plugin.js';
import { requestIdFor } from './common/http/request-id.js';
import { requestIdPlugin } from './common/http/request-id.plugin.js';
import { jsonBodiesPlugin } from './common/http/json-bodies.plugin.js';
import { requestDeadlinePlugin } from './common/http/request-deadline.plugin.js';
import { securityHeadersPlugin } from './common/http/security-headers.plugin.js';
import { GatewayLogger } from './common/logging/gateway-logger.js';
import { createRootLogger, RequestLogController } from './common/logging/logging.module.js';
import { httpMetricsPlugin } from './common/observability/http-metrics.plugin.js';
import { MetricsService } from './common/observability/metrics.service.js';
import type { Clock } from './common/clock/clock.js';
import { KEEP_ALIVE_MS, type GatewayConfig } from './config/configuration.js';
import { servedOpenApiDocument } from './openapi/openapi-document.js';

const BODY_LIMIT_BYTES = 256 * 1024;
const CONNECTIONS_CHECK_MS = 1000;

export interface GatewayOptions {
  config: GatewayConfig;
  /** Where log lines go (stdout when absent). */
  logStream?: DestinationStream;
  /** The time the application reads (the system's when absent). */
  clock?: Clock;
}

/** Builds the whole gateway (used by `main.ts` and by the e2e tests, so both run the same application). */
export async function createGateway(options: GatewayOptions): Promise<NestFastifyApplication> {
  const { http, auth, rateLimit } = options.config;
  const logger = createRootLogger(options.config.logging, options.logStream);
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT_BYTES,
    loggerInstance: logger,
    logController: new RequestLogController({ requestIdLogLabel: 'reqId' }),
    // Headers must arrive within requestTimeout (bodies: requestDeadlinePlugin), checked every second rather than
    // Node's default 30; a silent connection is closed after connectionTimeout, idle keep-alive ones sooner.
    requestTimeout: http.requestTimeoutMs,
    connectionTimeout: http.connectionTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    http: { connectionsCheckingInterval: CONNECTIONS_CHECK_MS },
    // Which proxies may name the client (request.ip) in X-Forwarded-For: rate limits count per address.
    trustProxy: trustedProxies(http.trustProxy),
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
  // Fastify plugins, each in the folder of its concern; their hooks run in this order on every request.
  await app.register(requestIdPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(requestDeadlinePlugin, { timeoutMs: http.requestTimeoutMs });
  await app.register(jsonBodiesPlugin);
  const metrics = app.get(MetricsService);
  await app.register(httpMetricsPlugin, { metrics });
  if (auth.mode === 'keys' && rateLimit.authFailuresPerMinute > 0) {
    await app.register(authFailuresPlugin, { failures: app.get<AuthFailures>(AuthFailures) });
  }
  if (http.corsOrigins.length > 0) {
    app.enableCors({ origin: [...http.corsOrigins], exposedHeaders: ['X-Request-Id'] });
  }
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

/** Fastify's form of `TRUST_PROXY`: trust nobody's `X-Forwarded-For` unless told whose. */
function trustedProxies(
  trusted: number | readonly string[] | undefined,
): string[] | false | ((address: string, hop: number) => boolean) {
  if (trusted === undefined) return false;
  // A hop count: the nearest `trusted` proxies are believed, whoever they are (proxy-addr's rule for a number).
  return typeof trusted === 'number' ? (_address, hop) => hop < trusted : [...trusted];
}
