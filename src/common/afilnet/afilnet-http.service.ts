import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isAxiosError, type AxiosResponse } from 'axios';
import { performance } from 'node:perf_hooks';
import type { AfilnetConfig, GatewayConfig } from '../../config/configuration.js';
import { MetricsService } from '../observability/metrics.service.js';
import { AFILNET_ENDPOINT, type AfilnetEndpoint } from './afilnet-endpoint.js';
import type { TransportFailure } from './afilnet-error-table.js';
import { AfilnetApiError, AfilnetTransportError } from './afilnet.errors.js';
import { AfilnetResilience } from './afilnet-resilience.js';
import type { UndiciAxiosTransport } from './undici-axios.transport.js';
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
 * The single door to Afilnet: builds the form body (credentials in the POST body, never the URL), sends it
 * with a deadline, reads the envelope, and turns every failure into a typed error. Modules call
 * `call(operationName, params)` and never build HTTP requests themselves.
 */
@Injectable()
export class AfilnetHttpService {
  private readonly logger = new Logger(AfilnetHttpService.name);
  private readonly timeoutMs: number;
  private contact?: UpstreamContact;

  constructor(
    private readonly http: HttpService,
    @Inject(AFILNET_ENDPOINT) private readonly endpoint: AfilnetEndpoint,
    private readonly resilience: AfilnetResilience,
    private readonly metrics: MetricsService,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.timeoutMs = config.get('afilnet', { infer: true }).timeoutMs;
  }

  /**
   * Calls one catalogued operation; resolves with Afilnet's `result` or rejects with a typed error. Reads are
   * retried on transport failures; sends never are.
   */
  async call<N extends OperationName>(name: N, params: OperationParams<N>): Promise<unknown> {
    const op = operation(name);
    const result = await this.resilience.run(op, () => this.attempt(op, params));
    this.metrics.addCredits(op.class, numberOrNull(field(result, 'credits')) ?? 0);
    return result;
  }

  /** True while the circuit breaker fails calls fast: readiness reports it. */
  get circuitOpen(): boolean {
    return this.resilience.circuitOpen;
  }

  lastContact(): UpstreamContact | undefined {
    return this.contact;
  }

  private async attempt(
    op: AfilnetOperation,
    params: Readonly<Record<string, ParamValue>>,
  ): Promise<unknown> {
    const started = performance.now();
    try {
      const result = await this.send(op, params);
      this.record(op, started, 'success', true);
      return result;
    } catch (error) {
      const reachable = !(error instanceof AfilnetTransportError);
      const outcome =
        error instanceof AfilnetApiError ? error.code : (error as AfilnetTransportError).failure;
      this.record(op, started, outcome, reachable);
      throw error;
    }
  }

  private async send(op: AfilnetOperation, params: Readonly<Record<string, ParamValue>>): Promise<unknown> {
    let response: AxiosResponse<string>;
    try {
      // HttpService's axios instance, called directly: its Observable wrapper makes a cancel token per call and
      // cancels it once the answer is in, building an error with a stack trace every time. The deadline is axios's
      // `timeout` (AFILNET_TIMEOUT_MS), kept by the transport for the whole exchange.
      response = await this.http.axiosRef.post<string>(this.endpoint.url, this.formBody(op, params));
    } catch (error) {
      throw new AfilnetTransportError(
        op.class,
        op.method,
        ...describeTransportFailure(error, this.timeoutMs),
      );
    }
    return readEnvelope(op, response);
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

  private record(op: AfilnetOperation, started: number, outcome: string, reachable: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    this.contact = { reachable, at: Date.now() };
    this.metrics.observeUpstream(op.class, op.method, outcome, seconds);
    this.logger.debug({
      msg: 'afilnet call',
      afilnet: `${op.class}.${op.method}`,
      outcome,
      durationMs: Math.round(seconds * 1000),
    });
  }
}

function readEnvelope(op: AfilnetOperation, response: AxiosResponse<string>): unknown {
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
    throw new AfilnetApiError(op.class, op.method, error.trim());
  }
  throw bad('the envelope has no recognisable status');
}

/** Only the error's code reaches our message: axios errors carry the request body, credentials included. */
function describeTransportFailure(error: unknown, timeoutMs: number): [TransportFailure, string] {
  const code = isAxiosError(error) ? error.code : undefined;
  switch (code) {
    case 'ETIMEDOUT':
    case 'ERR_CANCELED':
      return ['timeout', `no answer within ${timeoutMs} ms`];
    case 'ERR_BAD_RESPONSE':
      return ['bad_response', `unreadable answer (${code})`];
    default:
      return ['unreachable', `not reachable (${code ?? 'unknown error'})`];
  }
}

/**
 * The axios settings for a proxy: the undici transport (keep-alive, bounded connections, no redirects), the
 * deadline, text in and our own parsing.
 */
export function afilnetAxiosConfig(afilnet: AfilnetConfig, transport: UndiciAxiosTransport) {
  return {
    adapter: transport.adapter,
    timeout: afilnet.timeoutMs,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    responseType: 'text' as const,
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  };
}
