import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isAxiosError, type AxiosResponse } from 'axios';
import { performance } from 'node:perf_hooks';
import type { GatewayConfig } from '../../config/configuration.js';
import { MetricsService, type CircuitStateName } from '../observability/metrics.service.js';
import { AFILNET_ENDPOINT, type AfilnetEndpoint } from './afilnet-endpoint.js';
import type { TransportFailure } from './afilnet-error-table.js';
import { AfilnetApiError, AfilnetTransportError } from './afilnet.errors.js';
import { AfilnetResilience } from './afilnet-resilience.js';
import type { UndiciAxiosTransport } from './undici-axios.transport.js';
import {
  UpstreamSlots,
  type ReleaseSlot,
  type SlotRefusal,
  type SlotUnavailableError,
} from './upstream-slots.js';
import { field, numberOrNull } from './afilnet-result.js';
import {
  operation,
  type AfilnetOperation,
  type OperationName,
  type OperationParams,
  type ParamValue,
} from './afilnet-operations.js';

/** What the gateway last learned about Afilnet's reachability from real traffic or a probe. */
export interface UpstreamContact {
  readonly reachable: boolean;
  readonly at: number;
}

/**
 * A call starts only while at least this share of its deadline is left: one that waited longer for a connection
 * is not started at all (503 `UPSTREAM_BUSY`, nothing sent), so a send is never dispatched with too little time to
 * be answered — it would reach Afilnet while its caller is told it timed out.
 */
const START_WITHIN_SHARE = 0.5;

/** What a call is doing, read when its deadline passes to tell whether it may have been sent. */
interface CallProgress {
  readonly startedAt: number;
  /** The attempt is on the wire (it holds a connection): at the deadline it may have been sent. */
  onTheWire: boolean;
  /** The last attempt's failure (a read waiting out its backoff is answered with it). */
  failure?: unknown;
}

/**
 * The single door to Afilnet: builds the form body (credentials in the POST body, never the URL), sends it
 * within the call's one deadline, reads the envelope, and turns every failure into a typed error. Modules call
 * `call(operationName, params)` and never build HTTP requests themselves.
 */
@Injectable()
export class AfilnetHttpService {
  private readonly logger = new Logger(AfilnetHttpService.name);
  private readonly timeoutMs: number;
  private readonly slots: UpstreamSlots;
  private contact?: UpstreamContact;

  constructor(
    private readonly http: HttpService,
    @Inject(AFILNET_ENDPOINT) private readonly endpoint: AfilnetEndpoint,
    private readonly resilience: AfilnetResilience,
    private readonly metrics: MetricsService,
    config: ConfigService<GatewayConfig, true>,
  ) {
    const afilnet = config.get('afilnet', { infer: true });
    this.timeoutMs = afilnet.timeoutMs;
    this.slots = new UpstreamSlots(afilnet.maxSockets, afilnet.maxQueued);
  }

  /**
   * Calls one catalogued operation; resolves with Afilnet's `result` or rejects with a typed error, always within
   * `AFILNET_TIMEOUT_MS` (one deadline for the call, retries included). Reads are retried on transport failures;
   * sends never are.
   */
  async call<N extends OperationName>(name: N, params: OperationParams<N>): Promise<unknown> {
    const op = operation(name);
    const progress: CallProgress = { startedAt: performance.now(), onTheWire: false };
    const result = await this.resilience.run(
      op,
      (signal) => this.attempt(op, params, signal, progress),
      () => this.pastDeadline(op, progress),
    );
    this.metrics.addCredits(op.class, numberOrNull(field(result, 'credits')) ?? 0);
    return result;
  }

  /** The circuit breaker's state: `open` while it fails calls fast. */
  get circuitState(): CircuitStateName {
    return this.resilience.circuitState;
  }

  /** Calls holding a connection to Afilnet, and calls waiting for one. */
  get connections(): { active: number; waiting: number } {
    return this.slots.usage;
  }

  lastContact(): UpstreamContact | undefined {
    return this.contact;
  }

  private async attempt(
    op: AfilnetOperation,
    params: Readonly<Record<string, ParamValue>>,
    signal: AbortSignal,
    progress: CallProgress,
  ): Promise<unknown> {
    // A retry whose backoff outlasted the deadline: the caller has had its answer, nothing more is attempted.
    if (signal.aborted) throw this.pastDeadline(op, progress);
    const started = performance.now();
    let release: ReleaseSlot;
    try {
      const waitMs = progress.startedAt + this.timeoutMs * START_WITHIN_SHARE - started;
      release = await this.slots.acquire(waitMs, signal);
    } catch (error) {
      const busy = this.notStarted(op, (error as SlotUnavailableError).reason);
      progress.failure = busy;
      this.record(op, started, busy.failure, undefined);
      throw busy;
    }
    progress.onTheWire = true;
    try {
      const result = await this.send(op, params, signal);
      this.record(op, started, 'success', true);
      return result;
    } catch (error) {
      progress.failure = error;
      const reachable = !(error instanceof AfilnetTransportError);
      // Both are bounded label values: a code-shaped Afilnet code (or UNRECOGNISED), or a transport failure.
      const outcome =
        error instanceof AfilnetApiError ? error.code : (error as AfilnetTransportError).failure;
      this.record(op, started, outcome, reachable);
      throw error;
    } finally {
      progress.onTheWire = false;
      release();
    }
  }

  /** The answer at the deadline: a timeout if an attempt is on the wire, else what stopped the call. */
  private pastDeadline(op: AfilnetOperation, progress: CallProgress): Error {
    if (progress.onTheWire) {
      return new AfilnetTransportError(
        op.class,
        op.method,
        'timeout',
        `no answer within ${this.timeoutMs} ms; Afilnet may have received the call`,
      );
    }
    if (progress.failure instanceof Error) return progress.failure;
    return this.notStarted(op, 'waited_too_long');
  }

  private notStarted(op: AfilnetOperation, reason: SlotRefusal): AfilnetTransportError {
    const why =
      reason === 'queue_full'
        ? 'every connection is busy and too many calls are already waiting'
        : 'no connection freed up in time';
    return new AfilnetTransportError(
      op.class,
      op.method,
      'busy',
      `not called: ${why}; nothing was sent`,
      BUSY_RETRY_AFTER_SECONDS,
    );
  }

  private async send(
    op: AfilnetOperation,
    params: Readonly<Record<string, ParamValue>>,
    signal: AbortSignal,
  ): Promise<unknown> {
    let response: AxiosResponse<string>;
    try {
      // HttpService's axios instance, called directly: its Observable wrapper makes a cancel token per call and
      // cancels it once the answer is in, building an error with a stack trace every time. The deadline is the
      // call's (`signal`), kept by the transport for the whole exchange.
      response = await this.http.axiosRef.post<string>(this.endpoint.url, this.formBody(op, params), {
        signal,
      });
    } catch (error) {
      throw new AfilnetTransportError(
        op.class,
        op.method,
        ...describeTransportFailure(error, this.timeoutMs),
      );
    }
    return readEnvelope(op, response, this.endpoint);
  }

  private formBody(op: AfilnetOperation, params: Readonly<Record<string, ParamValue>>): string {
    const form = new URLSearchParams({
      class: op.class,
      method: op.method,
      user: this.endpoint.user,
      password: this.endpoint.password,
    });
    for (const [name, value] of Object.entries(params)) {
      const field = op.params[name];
      if (field === undefined)
        throw new Error(`${op.class}.${op.method} has no parameter "${name}" in the catalog`);
      if (value !== undefined && value !== null) form.append(field, String(value));
    }
    return form.toString();
  }

  /** `reachable` is undefined for a call that was never started: it says nothing about Afilnet. */
  private record(
    op: AfilnetOperation,
    started: number,
    outcome: string,
    reachable: boolean | undefined,
  ): void {
    const seconds = (performance.now() - started) / 1000;
    if (reachable !== undefined) this.contact = { reachable, at: Date.now() };
    this.metrics.observeUpstream(op.class, op.method, outcome, seconds);
    this.logger.debug({
      msg: 'afilnet call',
      afilnet: `${op.class}.${op.method}`,
      outcome,
      durationMs: Math.round(seconds * 1000),
    });
  }
}

function readEnvelope(
  op: AfilnetOperation,
  response: AxiosResponse<string>,
  account: AfilnetEndpoint,
): unknown {
  const bad = (detail: string) => new AfilnetTransportError(op.class, op.method, 'bad_response', detail);
  if (response.status < 200 || response.status >= 300) throw bad(`HTTP ${response.status}`);
  let envelope: unknown;
  try {
    envelope = JSON.parse(response.data);
  } catch {
    throw bad('the answer is not JSON');
  }
  if (typeof envelope !== 'object' || envelope === null) throw bad('the answer is not an envelope');
  const { status, result, error } = envelope as { status?: unknown; result?: unknown; error?: unknown };
  const verdict = typeof status === 'string' ? status.toLowerCase() : undefined;
  if (verdict === 'success') return result;
  if (verdict === 'error' && typeof error === 'string' && error.trim() !== '') {
    // An error text that echoes the account is never kept, not even redacted; AfilnetApiError does the rest.
    const answered = [account.password, account.user]
      .filter((secret) => secret !== '')
      .reduce((text, secret) => text.replaceAll(secret, '[REDACTED]'), error.trim());
    throw new AfilnetApiError(op.class, op.method, answered);
  }
  throw bad('the envelope has no recognisable status');
}

/** Seconds a caller is told to wait when every connection is busy. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * Failures that happen before a connection exists (refused, no such host, connect timeout): the request was never
 * written. Every other connection failure may have happened after it was, so it counts as possibly sent.
 */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** Only the error's code reaches our message: axios errors carry the request body, credentials included. */
function describeTransportFailure(error: unknown, timeoutMs: number): [TransportFailure, string] {
  const code = isAxiosError(error) ? error.code : undefined;
  switch (code) {
    case 'ETIMEDOUT':
    case 'ERR_CANCELED':
      return ['timeout', `no answer within ${timeoutMs} ms; Afilnet may have received the call`];
    case 'ERR_BAD_RESPONSE':
      return ['bad_response', `unreadable answer (${code})`];
    default:
      return code !== undefined && CONNECT_FAILURES.has(code)
        ? ['unreachable', `not reachable (${code}); nothing was sent`]
        : [
            'connection_lost',
            `the connection failed (${code ?? 'unknown error'}) once the call could have been sent; Afilnet may have received it`,
          ];
  }
}

/**
 * The axios settings for a proxy: the undici transport (keep-alive, bounded connections, no redirects), text in and
 * our own parsing. No per-request `timeout`: each call passes the signal of its one deadline.
 */
export function afilnetAxiosConfig(transport: UndiciAxiosTransport) {
  return {
    adapter: transport.adapter,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    responseType: 'text' as const,
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  };
}
