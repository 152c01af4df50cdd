import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built gateway in a process of its own, on a loopback port: for what only another process shows (a kill -9). */
export interface GatewayProcess {
  readonly url: string;
  /** Whether the process still runs. */
  readonly running: boolean;
  /** POSTs `body` as JSON to `path`. */
  post(path: string, body: unknown): Promise<Response>;
  /** Sends `signal` (`SIGKILL`: a crash) and resolves with the exit code once the process has exited. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the built gateway as its own process, as `npm run start:prod` does, on a free loopback port unless `env`
 * names one, and waits until it listens. `nodeArgs` go to Node before the script (e.g. `--import` of a loader hook).
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<GatewayProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [...nodeArgs, join(process.cwd(), 'dist', 'main.js')], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Listening on')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    url,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    post: (path, body) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    stop: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}
