import { Injectable, type LoggerService, type NestMiddleware } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** The logger of the request being served, where one is bound (see `LoggingModule`). */
const requestLoggers = new AsyncLocalStorage<Logger>();

/**
 * Binds each request's own logger — Fastify's child of the root logger, carrying the request's `reqId` — to the
 * request's async context, so that what services write while serving it says which request it was about.
 */
@Injectable()
export class RequestLoggerBinding implements NestMiddleware {
  use(request: IncomingMessage & { log?: Logger }, _response: ServerResponse, next: () => void): void {
    if (request.log === undefined) next();
    else requestLoggers.run(request.log, next);
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's exception handlers log `error(message, stack)`: a string whose second argument is a stack trace. */
function isStackTrace(params: readonly unknown[]): params is [string] {
  return params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0]);
}

/**
 * What the application's `Logger`s (`new Logger(context)`, Nest's own messages) write through once it is passed to
 * `app.useLogger`: pino lines on the request's logger where one is bound, on the root logger it was given
 * otherwise. It keeps nothing per process (nestjs-pino kept the first application's logger for the whole
 * process), so a test can start application after application, each logging where it was told to. Nest passes
 * the logger's context as the last argument; it becomes the `context` field. An object message is merged into the
 * line, an `Error` becomes `err`.
 */
export class GatewayLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: readonly unknown[]): void {
    const logger = requestLoggers.getStore() ?? this.root;
    const fields: Record<string, unknown> = params.length === 0 ? {} : { context: params[params.length - 1] };
    const rest = params.slice(0, -1);
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, ...(rest as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...message }, ...(rest as [string?]));
    } else if (level === 'error' && isStackTrace(rest)) {
      const err = new Error(String(message));
      err.stack = rest[0];
      logger.error({ ...fields, err });
    } else {
      logger[level](fields, String(message), ...rest);
    }
  }
}
