import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/** The Redis the shared-state suites use: `.ci/run` starts one on loopback and exports its URL. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

/** Whether `redis-server` is on the PATH, for the suite that starts and stops a Redis of its own. */
export const REDIS_SERVER_AVAILABLE = spawnSync('redis-server', ['--version']).status === 0;

/**
 * Runs the suite only when its Redis is available, and otherwise says loudly why it did not run: a skipped
 * suite must never look like a passing one.
 */
export function describeWithRedis(available: boolean, reason: string, name: string, suite: () => void): void {
  if (available) {
    describe(name, suite);
    return;
  }
  process.stderr.write(`\nSKIPPED "${name}": ${reason}\n`);
  describe.skip(`${name} — SKIPPED: ${reason}`, suite);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** A throw-away `redis-server` on a loopback port that a test can stop and start again on the same port. */
export class DisposableRedis {
  private child?: ChildProcess;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  }

  /** Kills the server at once, as a crash or a network cut would look to the gateway. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }
}
