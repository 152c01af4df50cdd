import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type SandboxCredentials } from './sandbox.dispatcher.js';
import { SandboxState } from './sandbox.state.js';
import type { SandboxParams, SandboxReply } from './sandbox.types.js';

export interface AfilnetSandboxOptions {
  readonly user: string;
  readonly password: string;
  /** Credits the account starts with, and returns to on reset. Default 100. */
  readonly initialBalance?: number;
  /** Epoch milliseconds; injectable so tests can expire OTP codes. */
  readonly now?: () => number;
  /** The account's time zone, which Afilnet's dates are written in. Default Europe/Madrid. */
  readonly timeZone?: string;
}

/** One call that reached the Afilnet endpoint, as the client sent it. */
export interface SandboxRequestRecord {
  readonly httpMethod: string;
  readonly class?: string;
  readonly method?: string;
  /** `user` or `password` appeared in the URL, where proxies and access logs would keep it. */
  readonly credentialsInQuery: boolean;
  readonly contentType?: string;
}

export const REQUEST_LOG_LIMIT = 1000;
export const MAX_BODY_BYTES = 1024 * 1024;

const PROTOCOL_PATHS: ReadonlySet<string> = new Set(['/api/http/', '/api/http', '/']);
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_CONTENT_TYPE = 'multipart/form-data';

/**
 * An Afilnet-compatible HTTP server that keeps the account in memory and sends nothing: the gateway's
 * sandbox mode, and a stand-in for Afilnet in integration tests.
 */
export class AfilnetSandbox {
  readonly state: SandboxState;
  private readonly credentials: SandboxCredentials;
  private readonly calls = new Map<string, number>();
  private readonly requestLog: SandboxRequestRecord[] = [];
  private server?: Server;
  private url?: string;

  constructor(options: AfilnetSandboxOptions) {
    this.credentials = { user: options.user, password: options.password };
    this.state = new SandboxState({
      initialBalance: options.initialBalance ?? 100,
      now: options.now,
      timeZone: options.timeZone,
    });
  }

  /** The last requests to the Afilnet endpoint, oldest first. */
  get requests(): readonly SandboxRequestRecord[] {
    return this.requestLog;
  }

  /** How many requests named `cls.method`, whatever the answer was. */
  callCount(cls: string, method: string): number {
    return this.calls.get(`${cls}.${method}`) ?? 0;
  }

  /** Listens (port 0 picks a free one) and resolves to the endpoint URL to configure as Afilnet's. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server !== undefined) throw new Error('The Afilnet sandbox is already started');
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (res.headersSent) res.destroy();
        else sendText(res, 500, 'Sandbox internal error', { Connection: 'close' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port: boundPort } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    this.url = `http://${urlHost}:${boundPort}/api/http/`;
    return this.url;
  }

  /** Where a client reaches the started simulator, with the account it accepts. */
  endpoint(): { readonly url: string; readonly user: string; readonly password: string } {
    if (this.url === undefined || this.server === undefined)
      throw new Error('The Afilnet sandbox is not started');
    return { url: this.url, ...this.credentials };
  }

  /** Stops listening and drops every connection, idle keep-alive ones included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.url = undefined;
    const closed = new Promise<void>((resolve, reject) =>
      server.close((error) => (error === undefined ? resolve() : reject(error))),
    );
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));

    if (PROTOCOL_PATHS.has(path)) return this.handleAfilnetCall(req, res, query);
    if (path === '/sandbox/outbox') return this.handleOutbox(req, res, query);
    if (path === '/sandbox/addresses') return this.handleAddresses(req, res);
    if (path === '/sandbox/reset') return this.handleReset(req, res);
    sendText(res, 404, 'Not Found');
  }

  private async handleAfilnetCall(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
  ): Promise<void> {
    const httpMethod = req.method ?? '';
    const contentType = req.headers['content-type'];
    const credentialsInQuery = query.has('user') || query.has('password');
    const record = (params: SandboxParams): void =>
      this.record({
        httpMethod,
        class: params.class || undefined,
        method: params.method || undefined,
        credentialsInQuery,
        contentType,
      });

    if (httpMethod !== 'GET' && httpMethod !== 'POST') {
      record(toParams(query));
      return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, POST' });
    }
    let body: URLSearchParams | undefined;
    if (httpMethod === 'POST') {
      const raw = await readBody(req, MAX_BODY_BYTES);
      if (raw === undefined) {
        record(toParams(query));
        return sendText(res, 413, 'Payload Too Large', { Connection: 'close' });
      }
      body = await formFields(raw, contentType);
    }

    const params = toParams(query, body);
    record(params);
    if (params.class && params.method) {
      const key = `${params.class}.${params.method}`;
      this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    }
    sendJson(res, 200, envelope(dispatch(params, this.credentials, this.state)));
  }

  private handleOutbox(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET' });
    sendJson(res, 200, this.state.outbox(query.get('channel') || undefined));
  }

  private handleAddresses(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET' });
    sendJson(res, 200, this.state.addresses());
  }

  private handleReset(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { Allow: 'POST' });
    this.state.reset();
    res.writeHead(204).end();
  }

  private record(entry: SandboxRequestRecord): void {
    this.requestLog.push(entry);
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.shift();
  }
}

/** Merges parameter sources, later ones winning; without a prototype, so `params.constructor` is just absent. */
function toParams(...sources: (URLSearchParams | undefined)[]): SandboxParams {
  const params = Object.create(null) as Record<string, string>;
  for (const source of sources) source?.forEach((value, name) => (params[name] = value));
  return params;
}

function envelope(
  reply: SandboxReply,
): { status: 'SUCCESS'; result: unknown } | { status: 'ERROR'; error: string } {
  return 'error' in reply
    ? { status: 'ERROR', error: reply.error }
    : { status: 'SUCCESS', result: reply.result };
}

/**
 * The fields of a form body, urlencoded or multipart (Afilnet's PHP SDK and WooCommerce plugin send every call as
 * multipart). Afilnet reads form fields only: any other body is ignored, as if the fields were never sent.
 */
async function formFields(
  raw: Buffer,
  contentType: string | undefined,
): Promise<URLSearchParams | undefined> {
  switch (mediaType(contentType)) {
    case FORM_CONTENT_TYPE:
      return new URLSearchParams(raw.toString('utf8'));
    case MULTIPART_CONTENT_TYPE:
      return multipartFields(raw, contentType ?? '');
    default:
      return undefined;
  }
}

/**
 * Parsed by the platform's own WHATWG `Response.formData()` (Node's undici), the parser `fetch` itself relies on.
 * File parts are not fields and are skipped; a body that is not valid multipart carries no fields, as a PHP
 * endpoint would see it, so the call then answers the usual protocol error (`MISSING_USER`, …).
 */
async function multipartFields(raw: Buffer, contentType: string): Promise<URLSearchParams> {
  const fields = new URLSearchParams();
  const form = await new Response(raw, { headers: { 'Content-Type': contentType } })
    .formData()
    .catch(() => undefined);
  form?.forEach((value, name) => {
    if (typeof value === 'string') fields.append(name, value);
  });
  return fields;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** The body, or `undefined` once it passes `limit` bytes (the rest is left unread). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(undefined);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
