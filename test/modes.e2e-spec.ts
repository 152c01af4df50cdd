import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, startGatewayProcess } from './support/process.js';

/**
 * Which of the gateway's own modules a process loads, recorded by a module-resolution hook: the simulator's code
 * must not be loaded at all in live mode.
 */
async function modulesLoaded(env: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-modules-'));
  const record = join(dir, 'loaded.txt');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(record)}, resolved.url + '\\n');
  return resolved;
}
`,
  );
  writeFileSync(record, '');
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  const child = await startGatewayProcess(
    // DATA_DIR: live mode keeps its database there, in the throw-away directory rather than ./data.
    { PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dir, ...env },
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`],
  );
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
  const dist = pathToFileURL(join(process.cwd(), 'dist')).href;
  const loaded = readFileSync(record, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(dist))
    .map((url) => url.slice(dist.length + 1));
  rmSync(dir, { recursive: true, force: true });
  return loaded;
}

describe('the two modes', () => {
  it('live mode (credentials set) never loads the simulator', async () => {
    const loaded = await modulesLoaded({
      AFILNET_USER: 'ops@example.com',
      AFILNET_PASSWORD: 'correct horse',
      GATEWAY_AUTH: 'disabled',
    });
    expect(loaded).toContain('gateway.js');
    expect(loaded.filter((path) => path.startsWith('sandbox/'))).toEqual([]);
  }, 30_000);

  it('sandbox mode (no credentials) loads it behind the door', async () => {
    const loaded = await modulesLoaded({});
    expect(loaded).toEqual(
      expect.arrayContaining(['sandbox/sandbox.module.js', 'sandbox/sandbox.server.js']),
    );
  }, 30_000);
});
