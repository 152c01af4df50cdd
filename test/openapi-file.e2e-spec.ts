import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as OpenApiFile from '../src/openapi/openapi-file.js';
import { built } from './support/built.js';

const { renderOpenApiDocument } = built<typeof OpenApiFile>('openapi/openapi-file.js');
const COMMITTED = resolve(process.cwd(), 'openapi.json');
const HOW_TO_FIX = 'run `npm run openapi` and commit openapi.json';

/** CI fails here when the committed document no longer describes the code. */
describe('openapi.json, the committed document for client generation', () => {
  let rendered: string;

  beforeAll(async () => {
    rendered = await renderOpenApiDocument();
  });

  it('is up to date with the code', () => {
    if (!existsSync(COMMITTED)) throw new Error(`openapi.json is missing: ${HOW_TO_FIX}`);
    if (readFileSync(COMMITTED, 'utf8') !== rendered) {
      throw new Error(`openapi.json is out of date with the code: ${HOW_TO_FIX}`);
    }
  });

  it('is deterministic: sorted keys, two-space indentation, a final newline', async () => {
    expect(await renderOpenApiDocument()).toBe(rendered);
    expect(rendered.endsWith('}\n')).toBe(true);
    expect(rendered).toBe(`${JSON.stringify(JSON.parse(rendered), null, 2)}\n`);
    const { paths } = JSON.parse(rendered) as { paths: Record<string, unknown> };
    expect(Object.keys(paths)).toEqual(Object.keys(paths).sort());
  });

  // Issue 12 asked for ≤ 250 KB when the API had 46 operations (618 KB then, the problem examples copied into every
  // one). The ledger, webhooks and usage routes came after: the bound is that per operation, about 5.4 KB.
  it('stays within 5.4 KB per operation: problem responses, examples and shared parameters are written once', () => {
    const { paths } = JSON.parse(rendered) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(paths).reduce((count, item) => count + Object.keys(item).length, 0);
    expect(Buffer.byteLength(rendered) / operations).toBeLessThanOrEqual(250_000 / 46);
    // Each problem example is written once (under components.examples) however many operations answer it.
    expect(rendered.split('"summary": "The request is not valid"').length - 1).toBe(1);
  });

  it('describes the live API: verifications included, sandbox-only routes left out', () => {
    const { paths } = JSON.parse(rendered) as { paths: Record<string, unknown> };
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/v1/sms', '/v1/verifications', '/v1/verifications/{id}/check']),
    );
    expect(Object.keys(paths).filter((path) => path.startsWith('/v1/sandbox'))).toEqual([]);
  });
});
