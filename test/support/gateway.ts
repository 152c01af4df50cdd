import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AFILNET_ENDPOINT, type AfilnetEndpoint } from '../../src/common/afilnet/afilnet-endpoint.js';
import { buildConfiguration } from '../../src/config/configuration.js';
import { createGateway } from '../../src/gateway.js';
import type { AfilnetSandbox } from '../../src/sandbox/sandbox.server.js';

export interface RunningGateway {
  readonly app: NestFastifyApplication;
  readonly url: string;
  /** Every log line the gateway wrote, as raw JSON text. */
  readonly logs: string[];
  /** The embedded simulator (sandbox mode only). */
  readonly sandbox?: AfilnetSandbox;
  close(): Promise<void>;
}

/** Boots the real application on a loopback port, exactly as `main.ts` does, with the given environment. */
export async function startGateway(env: Record<string, string> = {}): Promise<RunningGateway> {
  const logs: string[] = [];
  const app = await createGateway({
    config: buildConfiguration({ LOG_LEVEL: 'debug', ...env }),
    logStream: { write: (line: string) => void logs.push(line) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const { sandbox } = app.get<AfilnetEndpoint>(AFILNET_ENDPOINT);
  return { app, url, logs, sandbox, close: () => app.close() };
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
