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

/** How deep `openApiLayout` opens containers: down to each property of a schema and each response of an operation. */
const OPENED_DEPTH = 5;
/** Shallower containers whose JSON fits on a line this long stay on one line (`"tags": ["sms"]`). */
const LINE_LENGTH = 120;

/**
 * The committed layout: containers opened, tab-indented, down to `OPENED_DEPTH` (components → schemas → a schema →
 * its properties → one line per property; paths → a path → an operation → its responses → one line per response),
 * anything deeper written compactly on its line. A change to one property, parameter or response is a one-line
 * diff, and the file stays about 70 % the size of `JSON.stringify(document, null, 2)`.
 */
export function openApiLayout(value: unknown, depth = OPENED_DEPTH, indent = ''): string {
  const flat = JSON.stringify(value);
  if (
    depth === 0 ||
    typeof value !== 'object' ||
    value === null ||
    indent.length + flat.length <= LINE_LENGTH
  ) {
    return flat;
  }
  const inner = `${indent}\t`;
  const lines = Array.isArray(value)
    ? value.map((item) => inner + openApiLayout(item, depth - 1, inner))
    : Object.entries(value).map(
        ([key, item]) => `${inner}${JSON.stringify(key)}: ${openApiLayout(item, depth - 1, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

/**
 * The OpenAPI document as committed in `openapi.json`: what clients of a production gateway see. It is built
 * from the application without listening on a port, under a live-mode configuration with placeholder
 * credentials, so that no Afilnet simulator is started (and the sandbox-only routes, absent in live mode, are
 * not in it); nothing is ever called with those credentials. It is dated by nothing: its `scheduledAt` examples
 * are null (send now), which the rule accepts whatever the day.
 */
export async function renderOpenApiDocument(): Promise<string> {
  return `${openApiLayout(sortedKeys(await buildLiveOpenApiDocument()))}\n`;
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
