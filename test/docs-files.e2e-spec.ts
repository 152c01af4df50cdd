import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Catalog from '../src/common/afilnet/afilnet-operations.js';
import type * as ReferenceDocs from '../src/docs/reference-docs.js';
import type * as OpenApiFile from '../src/openapi/openapi-file.js';
import { built } from './support/built.js';

const { renderReferenceDocs } = built<typeof ReferenceDocs>('docs/reference-docs.js');
const { buildLiveOpenApiDocument } = built<typeof OpenApiFile>('openapi/openapi-file.js');
const { AFILNET_OPERATIONS, provisionalFields, upstreamName } = built<typeof Catalog>(
  'common/afilnet/afilnet-operations.js',
);
const HOW_TO_FIX = 'run `npm run docs` and commit docs/';

/** CI fails here when a generated reference file no longer says what the code does. */
describe('the generated reference files under docs/', () => {
  let docs: Record<string, string>;

  beforeAll(async () => {
    globalThis.resetLoggerSingleton();
    docs = { ...renderReferenceDocs(await buildLiveOpenApiDocument()) };
  });

  it('are committed and up to date with the code', () => {
    const stale = Object.entries(docs)
      .filter(([path, text]) => {
        const committed = resolve(process.cwd(), path);
        return !existsSync(committed) || readFileSync(committed, 'utf8') !== text;
      })
      .map(([path]) => path);
    if (stale.length > 0) throw new Error(`${stale.join(', ')} out of date: ${HOW_TO_FIX}`);
  });

  it('list every environment variable the gateway reads', () => {
    const envExample = readFileSync(resolve(process.cwd(), '.env.example'), 'utf8');
    const variables = [...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    const missing = variables.filter((name) => !docs['docs/configuration.md'].includes(`| \`${name}\` |`));
    expect(variables.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('list every upstream name that is not fully documented, with its provisional fields', () => {
    const fidelity = docs['docs/upstream-fidelity.md'];
    const names = Object.keys(AFILNET_OPERATIONS) as Catalog.OperationName[];
    const missing = names
      .filter((name) => AFILNET_OPERATIONS[name].confidence !== 'documented')
      .flatMap((name) => {
        const row = fidelity.split('\n').find((line) => line.includes(`| \`${upstreamName(name)}\` |`));
        if (row === undefined) return [upstreamName(name)];
        return provisionalFields(name)
          .filter((field) => !row.includes(`\`${field}\``))
          .map((field) => `${upstreamName(name)}: ${field}`);
      });
    expect(missing).toEqual([]);
    expect(fidelity).toMatch(/\| `NOT_ACCESS_TO_CONTACT` \| the simulator's assumption \|/);
  });
});
