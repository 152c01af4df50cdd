import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PACKAGE = resolve(process.cwd(), 'clients/typescript');
const HOW_TO_FIX = 'run `npm run openapi` and commit clients/typescript/src/schema.d.ts';

/** CI regenerates the client's types as its `generate` script does and fails when the committed ones differ. */
describe("the typed client's generated types", () => {
  it('are what openapi-typescript generates from the committed openapi.json', () => {
    const cli = resolve(process.cwd(), 'node_modules/openapi-typescript/bin/cli.js');
    const generated = spawnSync(process.execPath, [cli, '../../openapi.json'], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });

    expect(generated.status).toBe(0);
    expect(generated.stdout).toContain('export interface paths');
    if (generated.stdout !== readFileSync(resolve(PACKAGE, 'src/schema.d.ts'), 'utf8')) {
      throw new Error(`clients/typescript/src/schema.d.ts is stale: ${HOW_TO_FIX}`);
    }
  }, 60_000);
});
