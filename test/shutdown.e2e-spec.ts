import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startGatewayProcess } from './support/process.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

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
    const child = await startGatewayProcess({
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
