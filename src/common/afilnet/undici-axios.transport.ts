import type { OnApplicationShutdown } from '@nestjs/common';
import {
  AxiosError,
  AxiosHeaders,
  CanceledError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { EventEmitter } from 'node:events';
import { errors, Pool } from 'undici';

export interface UndiciTransportOptions {
  /** Most connections kept open to one origin; requests beyond them wait for a free one. */
  readonly connections: number;
  /** Answers larger than this are refused as unreadable. */
  readonly maxResponseBytes: number;
}

/**
 * The transport under axios: one undici `Pool` per origin (keep-alive, bounded connections, no redirects
 * followed), which costs far less per call than Node's `http` agent. axios stays the API (`HttpService`);
 * failures come back as the `AxiosError` codes axios itself would use — `ETIMEDOUT` when `timeout` passes
 * (a deadline for the whole exchange, body included), `ERR_CANCELED` when the caller's `signal` aborts,
 * `ERR_BAD_RESPONSE` for an over-long answer, the socket's own code (`ECONNREFUSED`, `UND_ERR_SOCKET` …)
 * otherwise. Answers are read as text: the gateway parses them itself.
 */
export class UndiciAxiosTransport implements OnApplicationShutdown {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UndiciTransportOptions) {}

  readonly adapter: AxiosAdapter = (config) => this.exchange(config);

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
    this.pools.clear();
  }

  private async exchange(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
    const url = new URL(config.url ?? '', config.baseURL);
    // undici takes a plain emitter as an abort signal: far cheaper to make per call than an AbortController.
    const abort = new EventEmitter();
    let timedOut = false;
    const timer =
      config.timeout !== undefined && config.timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            abort.emit('abort');
          }, config.timeout)
        : undefined;
    const callerSignal = config.signal as AbortSignal | undefined;
    const onCallerAbort = () => abort.emit('abort');
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      if (callerSignal?.aborted === true) throw new CanceledError(undefined, config);
      const answer = await this.pool(url.origin).request({
        path: `${url.pathname}${url.search}`,
        method: (config.method ?? 'get').toUpperCase(),
        headers: AxiosHeaders.from(config.headers).toJSON(true),
        body: config.data as string | Buffer | undefined,
        signal: abort,
      });
      const data = await answer.body.text();
      // undici puts a keep-alive socket back in the pool one event-loop turn after the answer ends; resolving
      // after that turn lets the caller's next call reuse the socket instead of opening another connection.
      await new Promise((resolve) => setImmediate(resolve));
      const response: AxiosResponse = {
        data,
        status: answer.statusCode,
        statusText: '',
        headers: new AxiosHeaders(answer.headers as Record<string, string>),
        config,
      };
      if (config.validateStatus?.(answer.statusCode) === false) {
        throw new AxiosError(
          `Request failed with status code ${answer.statusCode}`,
          answer.statusCode >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
          config,
          undefined,
          response,
        );
      }
      return response;
    } catch (error) {
      if (error instanceof AxiosError) throw error;
      if (error instanceof errors.ResponseExceededMaxSizeError) {
        throw new AxiosError(
          `maxContentLength size of ${this.options.maxResponseBytes} exceeded`,
          AxiosError.ERR_BAD_RESPONSE,
          config,
        );
      }
      if (timedOut) {
        throw new AxiosError(`timeout of ${config.timeout} ms exceeded`, AxiosError.ETIMEDOUT, config);
      }
      if (callerSignal?.aborted === true) throw new CanceledError(undefined, config);
      throw new AxiosError((error as Error).message, transportCode(error), config);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        maxResponseSize: this.options.maxResponseBytes,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

/** The socket's own code when there is one (`ECONNREFUSED` sits in `cause`), undici's otherwise. */
function transportCode(error: unknown): string | undefined {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const own = typeof cause?.code === 'string' ? cause.code : code;
  return typeof own === 'string' ? own : undefined;
}
