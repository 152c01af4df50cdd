import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/eventually.js';
import { startGatewayProcess } from './support/process.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

describe('graceful shutdown of the gateway process', () => {
  const upstream = new ScriptedUpstream();
  // Live mode keeps its database in DATA_DIR: a throw-away one, not ./data in the working copy.
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-shutdown-'));

  afterAll(async () => {
    await upstream.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes an in-flight request after SIGTERM, refuses new ones, and exits 0', async () => {
    // Afilnet holds the answer until the test has seen the gateway stop taking requests.
    let answer: (() => void) | undefined;
    upstream.respond((_request, response) => {
      answer = () => json(response, { status: 'SUCCESS', result: { messageid: '5', credits: 1 } });
    });
    const gateway = await startGatewayProcess({
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_USER: 'ops@example.com',
      AFILNET_PASSWORD: 'correct horse',
      GATEWAY_AUTH: 'disabled',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
    });
    let answered = false;

    const inFlight = gateway
      .post('/v1/otp', { type: 'mobile', destination: '34600000000' })
      .finally(() => (answered = true));
    const release = await eventually(() => answer ?? false);
    const exited = gateway.stop('SIGTERM');
    await eventually(async () => {
      const status = await fetch(`${gateway.url}/health/live`).then(
        (response) => response.status,
        () => 'refused' as const,
      );
      expect(status).not.toBe(200);
      return status;
    });
    const stillRunning = !answered && gateway.running;
    release();

    const response = await inFlight;
    expect(stillRunning).toBe(true);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ messageId: '5' });
    expect(await exited).toBe(0);
  }, 20_000);
});
