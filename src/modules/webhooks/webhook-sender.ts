import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import { forbiddenHost, isForbiddenAddress } from './webhook-url.js';

/** Resolves a host name to every address it has (`dns.lookup` with `all: true`, unless a test passes its own). */
export type HostResolver = (hostname: string, family: number) => Promise<LookupAddress[]>;

const systemResolver: HostResolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, family }, (error, addresses) =>
      error === null ? resolve(addresses) : reject(error),
    ),
  );

/** What is kept of an answer (`webhook_attempts.response_body`: the first 1 KB). */
const MAX_RESPONSE_BYTES = 1024;

export interface WebhookSenderOptions {
  /** The deadline of one attempt, from connecting to the end of the part of the answer that is read. */
  readonly timeoutMs: number;
  readonly resolve?: HostResolver;
}

/** One signed POST of an event to an endpoint. */
export interface WebhookMessage {
  readonly url: string;
  /** `whsec_…`, the endpoint's signing secret. */
  readonly secret: string;
  /** The delivery's id: the `webhook-id`, the same on every attempt. */
  readonly id: string;
  /** The exact body, sent as it is on every attempt. */
  readonly payload: string;
  /** When the attempt is made (ms since the epoch), sent as `webhook-timestamp` in seconds. */
  readonly at: number;
}

export interface WebhookAttemptResult {
  /** Only a 2xx answer delivers; a 3xx is an answer too, but its redirect is not followed. */
  readonly delivered: boolean;
  /** The receiver's HTTP status; null when it did not answer. */
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  /** The first 1 KB of the answer. */
  readonly responseBody: string | null;
}

/** A host name that resolved to an address a webhook must not reach (its message is what the attempt records). */
class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
}

/**
 * A `lookup` for the sockets that deliver webhooks: a name that resolves to any link-local or metadata address is
 * refused before a connection is opened, so a DNS name pointed at 169.254.169.254 after the endpoint was
 * registered (or one that alternates between answers) reaches nothing. Registration checks the URL's literal host;
 * this checks what it resolves to, every time a connection is made.
 */
export function guardedLookup(resolve: HostResolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    resolve(hostname, family).then(
      (addresses) => {
        const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address));
        if (forbidden !== undefined) {
          callback(
            new ForbiddenAddressError(
              `refused: ${hostname} resolves to ${forbidden.address}, a link-local or cloud metadata address`,
            ),
            '',
          );
        } else if (addresses.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        } else if (options.all === true) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/**
 * Sends webhooks exactly as the Standard Webhooks specification says, signed with its reference library
 * (`standardwebhooks`): `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`. Redirects are never followed (undici's `request` does not), no link-local address is
 * ever connected to, and each attempt has one deadline for the whole exchange.
 */
export class WebhookSender {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(options: WebhookSenderOptions) {
    this.timeoutMs = options.timeoutMs;
    this.agent = new Agent({
      // The attempt's deadline (an abort signal) covers the whole exchange; these are undici's own parts of it.
      connect: { lookup: guardedLookup(options.resolve), timeout: options.timeoutMs },
      connections: 16,
    });
  }

  async send(message: WebhookMessage): Promise<WebhookAttemptResult> {
    // A duration measured, not a schedule: real elapsed time, whatever the injected clock says.
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    // Stored URLs passed the same rules when they were registered; these hold whatever is in the database.
    if (!URL.canParse(message.url)) return failure(0, 'refused: the URL is not valid');
    const refusal = forbiddenHost(new URL(message.url));
    if (refusal !== undefined) return failure(0, `refused: the URL points at ${refusal}`);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'afilnet-gateway-webhooks/1',
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(message.at / 1000)),
      'webhook-signature': new Webhook(message.secret).sign(
        message.id,
        new Date(message.at),
        message.payload,
      ),
    };
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      const answer = await request(message.url, {
        method: 'POST',
        headers,
        body: message.payload,
        dispatcher: this.agent,
        signal: deadline,
      });
      const responseBody = await readStart(answer.body);
      const { statusCode } = answer;
      const delivered = statusCode >= 200 && statusCode < 300;
      return {
        delivered,
        statusCode,
        durationMs: elapsed(),
        error: delivered
          ? null
          : statusCode >= 300 && statusCode < 400
            ? 'redirect not followed'
            : 'not a 2xx answer',
        responseBody,
      };
    } catch (error) {
      return failure(
        elapsed(),
        deadline.aborted ? `no answer within ${this.timeoutMs} ms` : describeFailure(error),
      );
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

function failure(durationMs: number, error: string): WebhookAttemptResult {
  return { delivered: false, statusCode: null, durationMs, error, responseBody: null };
}

/**
 * The start of an answer. The rest is not read: leaving the loop early destroys the body, which closes the
 * connection rather than draining an answer of any size.
 */
async function readStart(body: AsyncIterable<Buffer>): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= MAX_RESPONSE_BYTES) break;
  }
  if (length === 0) return null;
  // A character cut at the 1 KB boundary becomes U+FFFD rather than an error.
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

/** The cause of a failed exchange, in words a caller can act on (the socket's own code where there is one). */
function describeFailure(error: unknown): string {
  const failure = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const root = failure.cause?.message !== undefined ? failure.cause : failure;
  const code = root.code ?? failure.code;
  const message = root.message ?? 'the request failed';
  return code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
}
