import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { LoggingConfig } from '../../config/configuration.js';

/** Set by the HTTP layer once the route is matched, so log lines name the route template, not the raw URL. */
export type LoggedRequest = IncomingMessage & { id?: string; routePattern?: string; apiKeyName?: string };

/**
 * Anything that can hold a secret: Afilnet credentials, API keys, one-time codes. Request and response
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
  '*.password',
  '*.apiKey',
  '*.code',
  'err.config',
  'err.request',
  'err.response',
];

export function httpLoggerOptions(config: LoggingConfig): Options<LoggedRequest, ServerResponse> {
  return {
    level: config.level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    genReqId: (req) => req.id ?? 'unknown',
    quietReqLogger: true,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessObject: (req, _res, value: object) => ({
      ...value,
      route: req.routePattern,
      apiKeyName: req.apiKeyName,
    }),
    customErrorObject: (req, _res, _error, value: object) => ({
      ...value,
      route: req.routePattern,
      apiKeyName: req.apiKeyName,
    }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  };
}

@Module({})
export class LoggingModule {
  /** Structured JSON logs (pino); `stream` lets tests capture every line. */
  static forRoot(config: LoggingConfig, stream?: DestinationStream): DynamicModule {
    const options = httpLoggerOptions(config);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: stream === undefined ? options : [options, stream],
          // nestjs-pino's default route pattern misses unversioned routes on Fastify; this one matches all.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
      ],
    };
  }
}
