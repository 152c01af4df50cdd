import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as OpenApiFile from '../src/openapi/openapi-file.js';
import { built } from './support/built.js';

const { openApiLayout, renderOpenApiDocument } = built<typeof OpenApiFile>('openapi/openapi-file.js');
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

  it('is deterministic: sorted keys, one line per schema property and per operation response, a final newline', async () => {
    expect(await renderOpenApiDocument()).toBe(rendered);
    expect(rendered.endsWith('}\n')).toBe(true);
    expect(rendered).toBe(`${openApiLayout(JSON.parse(rendered))}\n`);
    const document = JSON.parse(rendered) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(Object.keys(document.paths)).toEqual(Object.keys(document.paths).sort());
    // A change to one property or one response is a one-line diff.
    const line = (depth: number, key: string, value: unknown) =>
      `\n${'\t'.repeat(depth)}"${key}": ${JSON.stringify(value)},\n`;
    expect(rendered).toContain(line(5, 'sms', document.components.schemas.SendSmsDto.properties.sms));
    expect(rendered).toContain(line(5, '400', document.paths['/v1/sms'].post.responses['400']));
  });

  // Issue 12's bound, set when the problem examples were copied into every operation (618 KB then).
  it('is at most 250 KB: problem responses, examples and shared parameters are written once', () => {
    expect(Buffer.byteLength(rendered)).toBeLessThanOrEqual(250_000);
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
