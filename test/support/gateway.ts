import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AfilnetEndpoint } from '../../src/common/afilnet/afilnet-endpoint.js';
import type { Clock } from '../../src/common/clock/clock.js';
import type { AfilnetSandbox } from '../../src/sandbox/sandbox.server.js';
import { built } from './built.js';

const { createGateway } = built<typeof import('../../src/gateway.js')>('gateway.js');
const { buildConfiguration } =
  built<typeof import('../../src/config/configuration.js')>('config/configuration.js');
const { AFILNET_ENDPOINT } = built<typeof import('../../src/common/afilnet/afilnet-endpoint.js')>(
  'common/afilnet/afilnet-endpoint.js',
);
const { AfilnetSandbox: SandboxClass } =
  built<typeof import('../../src/sandbox/sandbox.server.js')>('sandbox/sandbox.server.js');

export interface RunningGateway {
  readonly app: NestFastifyApplication;
  readonly url: string;
  /** Every log line the gateway wrote, as raw JSON text. */
  readonly logs: string[];
  /** Where the gateway sends Afilnet calls, with which account. */
  readonly endpoint: AfilnetEndpoint;
  /** The embedded simulator (sandbox mode only). */
  readonly sandbox?: AfilnetSandbox;
  close(): Promise<void>;
}

export interface GatewayTestOptions {
  /** The time the gateway reads (the system's when absent): a `ManualClock` lets a test move it. */
  clock?: Clock;
}

/** Boots the real application on a loopback port, exactly as `main.ts` does, with the given environment. */
export async function startGateway(
  env: Record<string, string> = {},
  options: GatewayTestOptions = {},
): Promise<RunningGateway> {
  const logs: string[] = [];
  globalThis.resetLoggerSingleton();
  // Suites about keys and limits set these themselves; the others test one thing at a time.
  const liveWithoutKeys = env.AFILNET_USER !== undefined && env.GATEWAY_API_KEYS === undefined;
  // Live mode keeps its database in DATA_DIR (./data by default): each gateway gets a throw-away one instead.
  const dataDir =
    env.AFILNET_USER !== undefined && env.DATA_DIR === undefined && env.DATABASE_URL === undefined
      ? mkdtempSync(join(tmpdir(), 'gateway-data-'))
      : undefined;
  const config = buildConfiguration({
    LOG_LEVEL: 'debug',
    RATE_LIMIT_PER_MINUTE: '0',
    ...(liveWithoutKeys ? { GATEWAY_AUTH: 'disabled' } : {}),
    ...(dataDir === undefined ? {} : { DATA_DIR: dataDir }),
    ...env,
  });
  const app = await createGateway({
    config,
    logStream: { write: (line: string) => void logs.push(line) },
    clock: options.clock,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const endpoint = app.get<AfilnetEndpoint>(AFILNET_ENDPOINT);
  // The simulator the sandbox module started; in live mode its module is not even loaded.
  const sandbox = config.afilnet.mode === 'sandbox' ? app.get(SandboxClass, { strict: false }) : undefined;
  const close = async () => {
    const secrets = [
      endpoint.password,
      ...plainApiKeys(env.GATEWAY_API_KEYS),
      databasePassword(env.DATABASE_URL),
    ];
    const codes = otpCodes(sandbox);
    await app.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    assertNoSecretIn(logs, secrets, codes);
  };
  return { app, url, logs, endpoint, sandbox, close };
}

function databasePassword(url: string | undefined): string {
  return url === undefined ? '' : decodeURIComponent(new URL(url).password);
}

function plainApiKeys(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((entry) => entry.trim().split(':'))
    .filter((parts) => parts.length >= 2 && parts[1] !== 'sha256')
    .map((parts) => parts[1]);
}

/** One-time codes still in the simulator's outbox; short ones are skipped, as they can match any number. */
function otpCodes(sandbox: AfilnetSandbox | undefined): string[] {
  return (sandbox?.state.outbox('otp') ?? [])
    .map((message) => /([A-Z0-9]+)$/.exec(message.text)?.[1] ?? '')
    .filter((code) => code.length >= 6);
}

/**
 * Every gateway a suite starts is checked when it closes: no Afilnet password, API key or one-time code in
 * anything it logged, whatever the suite was testing.
 */
function assertNoSecretIn(
  logs: readonly string[],
  secrets: readonly string[],
  codes: readonly string[],
): void {
  const text = logs.join('\n');
  const leakedSecrets = secrets.filter((secret) => secret !== '' && text.includes(secret)).length;
  const leakedCodes = codes.filter((code) => new RegExp(`\\b${code}\\b`).test(text)).length;
  if (leakedSecrets + leakedCodes > 0) {
    throw new Error(
      `the gateway logged ${leakedSecrets} credential(s) or key(s) and ${leakedCodes} one-time code(s)`,
    );
  }
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP call to the gateway with a JSON body; answers the parsed body whatever the status. */
export async function request<T = any>(
  gateway: RunningGateway,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** What the simulator would have sent, newest first (the simulator's own inspection route). */
export function outbox(gateway: RunningGateway): ReturnType<AfilnetSandbox['state']['outbox']> {
  if (gateway.sandbox === undefined) throw new Error('not in sandbox mode');
  return gateway.sandbox.state.outbox();
}

/** The code inside the newest OTP message to a destination, as the handset would show it. */
export function lastOtpCode(gateway: RunningGateway, destination: string): string {
  const message = outbox(gateway).find(
    (entry) => entry.channel === 'otp' && entry.destination === destination,
  );
  const code = message?.text.match(/([A-Z0-9]+)$/)?.[1];
  if (code === undefined) throw new Error(`no OTP was sent to ${destination}`);
  return code;
}
