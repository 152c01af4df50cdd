import type { OpenAPIObject } from '@nestjs/swagger';
import { buildConfiguration } from '../config/configuration.js';
import { createGateway } from '../gateway.js';
import { buildOpenApiDocument } from './openapi-document.js';

/** Objects with their keys sorted (arrays keep their order), so the file only changes when the API does. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The OpenAPI document as committed in `openapi.json`: what clients of a production gateway see. It is built
 * from the application without listening on a port, under a live-mode configuration with placeholder
 * credentials, so that no Afilnet simulator is started (and the sandbox-only routes, absent in live mode, are
 * not in it); nothing is ever called with those credentials. It is dated by nothing: its `scheduledAt` examples
 * are null (send now), which the rule accepts whatever the day.
 */
export async function renderOpenApiDocument(): Promise<string> {
  return `${JSON.stringify(sortedKeys(await buildLiveOpenApiDocument()), null, 2)}\n`;
}

/** The document object itself (see `renderOpenApiDocument`). */
export async function buildLiveOpenApiDocument(): Promise<OpenAPIObject> {
  const config = buildConfiguration({
    AFILNET_USER: 'openapi-document',
    AFILNET_PASSWORD: 'unused',
    GATEWAY_AUTH: 'disabled',
    LOG_LEVEL: 'silent',
  });
  // Live mode would open (and migrate) ./data/gateway.sqlite; the document needs no data.
  const app = await createGateway({
    config: { ...config, database: { dialect: 'sqlite', file: ':memory:' } },
    logStream: { write: () => undefined },
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
