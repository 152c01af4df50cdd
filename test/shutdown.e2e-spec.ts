import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the built gateway as its own process, as `npm run start:prod` does, and waits until it listens. */
async function startProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'main.js')], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  return child;
}

describe('graceful shutdown of the gateway process', () => {
  const upstream = new ScriptedUpstream();
  // Live mode keeps its database in DATA_DIR: a throw-away one, not ./data in the working copy.
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-shutdown-'));

  afterAll(async () => {
    await upstream.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes a slow in-flight request after SIGTERM, refuses new ones, and exits 0', async () => {
    upstream.respond((_request, response) =>
      setTimeout(() => json(response, { status: 'SUCCESS', result: { messageid: '5', credits: 1 } }), 1200),
    );
    const port = await freePort();
    const child = await startProcess({
      PORT: String(port),
      HOST: '127.0.0.1',
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_USER: 'ops@example.com',
      AFILNET_PASSWORD: 'correct horse',
      GATEWAY_AUTH: 'disabled',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
    });
    const exited = once(child, 'exit');

    const inFlight = fetch(`http://127.0.0.1:${port}/v1/otp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'mobile', destination: '34600000000' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (response) => response.status,
      () => 'refused',
    );

    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ messageId: '5' });
    expect(late).not.toBe(200);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 20_000);
});
