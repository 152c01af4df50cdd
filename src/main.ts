import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildConfiguration, readProcessEnvironment, type GatewayConfig } from './config/configuration.js';
import { ConfigurationError } from './config/environment.js';
import { createGateway } from './gateway.js';

const logger = new Logger('Gateway');

function loadConfigurationOrExit(): GatewayConfig {
  try {
    return buildConfiguration(readProcessEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/**
 * SIGTERM/SIGINT: stop accepting, let accepted requests finish (Nest closes the HTTP server before it releases
 * the upstream connections), then exit 0 — or exit 1 if they have not finished within the drain timeout.
 */
function drainOnSignals(app: NestFastifyApplication, drainMs: number): void {
  const shutdown = (signal: NodeJS.Signals): void => {
    logger.log(`${signal}: no new requests; waiting up to ${drainMs} ms for in-flight ones`);
    setTimeout(() => {
      logger.error(`Requests still in flight after ${drainMs} ms; exiting anyway`);
      process.exit(1);
    }, drainMs).unref();
    // Closing the server drops only the keep-alive connections idle at that moment; one that was busy
    // would be kept open by its client after its response, so idle ones are swept until the server is shut.
    const server = app.getHttpServer();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ msg: 'shutdown failed', err: error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
}

async function bootstrap(): Promise<void> {
  const config = loadConfigurationOrExit();
  const app = await createGateway({ config });
  drainOnSignals(app, config.http.shutdownDrainMs);
  await app.listen({ port: config.http.port, host: config.http.host });
  if (config.auth.explicitlyDisabled) {
    logger.warn(
      'GATEWAY_AUTH=disabled: API keys are NOT checked; anyone who reaches this port can send messages',
    );
  }
  logger.log(`Listening on ${await app.getUrl()}; Swagger UI at /docs, OpenAPI at /docs-json`);
}

void bootstrap();
