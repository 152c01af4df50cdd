import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LoggingConfig } from '../../config/configuration.js';
import { GatewayLogger, RequestLoggerBinding } from './gateway-logger.js';

/**
 * Anything that can hold a secret: Afilnet credentials, API keys, one-time codes, webhook signing secrets. Request and response
 * bodies are never logged; these paths guard the headers and any object a log call may carry.
 */
export const REDACTED_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'apiKey',
  'code',
  'secret',
  '*.password',
  '*.apiKey',
  '*.code',
  '*.secret',
  'err.config',
  'err.request',
  'err.response',
];

/**
 * What is kept of a query-parameter name or a path segment: plain and shorter than any API key (16 characters), so a
 * key or an address pasted into a URL by mistake never reaches the logs.
 */
const PLAIN = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * The URL as logged: the route's pattern (`/v1/groups/:id/contacts`), never its parameters' values; a path that
 * matched no route keeps only its plain segments; query values are always redacted, and their names unless plain.
 */
export function loggableUrl(request: FastifyRequest): string {
  const queryAt = request.url.indexOf('?');
  const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const shownPath =
    request.routeOptions.url ??
    path
      .split('/')
      .map((segment) => (segment === '' || PLAIN.test(segment) ? segment : '[REDACTED]'))
      .join('/');
  if (queryAt < 0) return shownPath;
  const names = request.url
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const name = pair.split('=', 1)[0];
      return `${PLAIN.test(name) ? name : '[REDACTED]'}=[REDACTED]`;
    });
  return `${shownPath}?${names.join('&')}`;
}

/**
 * The application's one pino logger. Fastify derives each request's logger from it (with the request's `reqId`),
 * and `GatewayLogger` — what `new Logger(context)` writes through — uses that request logger where a request is
 * bound, this one otherwise. `stream` lets tests capture every line (stdout when absent).
 */
export function createRootLogger(config: LoggingConfig, stream?: DestinationStream): Logger {
  const options = {
    level: config.level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        id: request.id,
        method: request.method,
        url: loggableUrl(request),
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
    },
  };
  return stream === undefined ? pino(options) : pino(options, stream);
}

/**
 * Fastify's own request log lines, reshaped: nothing when a request arrives, one line when it has been answered —
 * with the route template and the caller's key name — at `error` for a 5xx or a failed response, `info` otherwise.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      req: request,
      res: reply,
      route: request.routeOptions.url,
      apiKeyName: request.apiKeyName,
      responseTime: reply.elapsedTime,
      ...(error ? { err: error } : {}),
    };
    if (error || reply.statusCode >= 500) request.log.error(line, 'request errored');
    else request.log.info(line, 'request completed');
  }
}

const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Module({})
export class LoggingModule implements NestModule {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  /**
   * Structured JSON logs (pino) through the root logger Fastify also logs with; `GatewayLogger` is what the
   * application's `Logger`s write through. Code that holds the request logs through `request.log` (the request
   * line, problems, idempotency records), which carries its `reqId`. Services below the controllers do not hold
   * it; the only lines they write about one request are `debug` lines (the Afilnet call), so only when `debug` is
   * on is each request's logger bound to the request's async context for them. That binding is an
   * `AsyncLocalStorage`, which on Node 20 puts a hook on every promise of every request: about a tenth of the
   * gateway's CPU under load (bench/RESULTS.md, step 5).
   */
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: GatewayLogger, useValue: new GatewayLogger(logger) },
      ],
      exports: [GatewayLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Every route, versioned or not.
    if (this.logger.isLevelEnabled('debug')) {
      consumer.apply(RequestLoggerBinding).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
    }
  }
}
