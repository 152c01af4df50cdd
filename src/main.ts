import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { buildConfiguration, readProcessEnvironment, type GatewayConfig } from './config/configuration.js';
import { ConfigurationError } from './config/environment.js';
import { createGateway } from './gateway.js';

function loadConfigurationOrExit(): GatewayConfig {
  try {
    return buildConfiguration(readProcessEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfigurationOrExit();
  const app = await createGateway({ config });
  await app.listen({ port: config.http.port, host: config.http.host });
  new Logger('Gateway').log(`Listening on ${await app.getUrl()}; Swagger UI at /docs, OpenAPI at /docs-json`);
}

void bootstrap();
