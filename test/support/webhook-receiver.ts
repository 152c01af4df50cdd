import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the receiver got it: the raw body, exactly as it arrived, for signature checks. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

type Answer = (webhook: ReceivedWebhook, response: ServerResponse) => void;

/** Answers 204, as a receiver that accepted the event would. */
export const accept: Answer = (_webhook, response) => {
  response.writeHead(204);
  response.end();
};

/**
 * A real local HTTP server standing in for a caller's webhook endpoint: it records every request and answers as
 * the test scripts it (204 by default). `stop()` takes it down, so that a "receiver that is down" is a closed port.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private answer: Answer = accept;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhook = {
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.received.push(webhook);
      this.answer(webhook, response);
    });
  });
  private port = 0;

  constructor() {
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on loopback (on the same port as before after a `stop`); answers the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.url('/');
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  respond(answer: Answer): void {
    this.answer = answer;
  }

  /** What arrived at one path. */
  at(path: string): ReceivedWebhook[] {
    return this.received.filter((webhook) => webhook.path === path);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An answer with a status and a body. */
export function answer(status: number, body = '', headers: Record<string, string> = {}): Answer {
  return (_webhook, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}
