import { loadSandboxConfig, SandboxConfigError, type SandboxConfig } from './sandbox.config.js';
import { AfilnetSandbox } from './sandbox.server.js';

/** One JSON line per event, the shape the gateway's pino logs have, so the same tooling reads both. */
function log(level: 'info' | 'warn', msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig(): SandboxConfig {
  try {
    return loadSandboxConfig();
  } catch (error) {
    if (error instanceof SandboxConfigError) fail(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const sandbox = new AfilnetSandbox(config);
  const endpoint = await sandbox
    .start(config.port, config.host)
    .catch((error: unknown) =>
      fail(`Afilnet sandbox could not listen on ${config.host}:${config.port}: ${String(error)}`),
    );
  log('warn', 'Afilnet sandbox listening: NOTHING IS REALLY SENT, messages only go to the in-memory outbox', {
    endpoint,
    outbox: new URL('/sandbox/outbox', endpoint).href,
    user: config.user,
    initialBalance: config.initialBalance,
    timeZone: config.timeZone,
  });

  const shutdown = (signal: NodeJS.Signals): void => {
    log('info', 'Afilnet sandbox stopping', { signal });
    sandbox.stop().then(
      () => log('info', 'Afilnet sandbox stopped'),
      (error: unknown) => fail(`Afilnet sandbox did not stop cleanly: ${String(error)}`),
    );
  };
  process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
}

main().catch((error: unknown) => fail(`Afilnet sandbox failed: ${String(error)}`));
