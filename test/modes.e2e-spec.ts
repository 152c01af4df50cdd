import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
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
  const gateway = await startGatewayProcess(
    // DATA_DIR: live mode keeps its database there, in the throw-away directory rather than ./data.
    { LOG_LEVEL: 'info', DATA_DIR: dir, ...env },
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`],
  );
  await gateway.stop('SIGTERM');
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

describe('production without credentials', () => {
  it('refuses to start, with one line saying what is missing', async () => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'main.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(1);
    expect(stdout).not.toContain('Listening on');
    expect(stderr).toBe(
      'Invalid configuration: NODE_ENV=production needs AFILNET_USER and AFILNET_PASSWORD (live mode), or ' +
        'GATEWAY_MODE=sandbox to run the simulator on purpose\n',
    );
  }, 30_000);

  it('starts in sandbox mode when GATEWAY_MODE=sandbox opts in, and says so in readiness', async () => {
    const gateway = await startGatewayProcess({
      NODE_ENV: 'production',
      GATEWAY_MODE: 'sandbox',
      LOG_LEVEL: 'info',
    });
    try {
      const ready = (await (await fetch(`${gateway.url}/health/ready`)).json()) as {
        details: Record<string, unknown>;
      };
      expect(ready.details.configuration).toEqual({ status: 'up', mode: 'sandbox' });
    } finally {
      await gateway.stop('SIGTERM');
    }
  }, 30_000);
});
