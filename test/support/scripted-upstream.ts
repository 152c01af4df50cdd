import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
  form: URLSearchParams;
  /** When it arrived (epoch ms). */
  at: number;
}

type Handler = (request: ReceivedRequest, response: ServerResponse, raw: IncomingMessage) => void;

/**
 * A real local HTTP server whose answers each test scripts: the transport under test is the real one,
 * only the far end is ours.
 */
export class ScriptedUpstream {
  readonly received: ReceivedRequest[] = [];
  connections = 0;
  private handler: Handler = (_request, response) => json(response, { status: 'SUCCESS', result: null });
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        contentType: raw.headers['content-type'],
        body,
        form: new URLSearchParams(body),
        at: Date.now(),
      };
      this.received.push(request);
      this.handler(request, response, raw);
    });
  });

  constructor() {
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on `port` (any free one by default), e.g. again on the port a gateway was already given. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/http/`;
  }

  respond(handler: Handler): void {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
