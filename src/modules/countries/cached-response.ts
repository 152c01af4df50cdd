import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** A response body with how long callers may keep it, which the interceptor below turns into a header. */
export class CachedResponse<T> {
  constructor(
    readonly body: T,
    readonly maxAgeSeconds: number,
  ) {}
}

/**
 * Sends a handler's `CachedResponse` as its body with `Cache-Control: public, max-age=…`, so the header
 * says exactly how long the gateway itself will keep serving that copy.
 */
@Injectable()
export class CacheControlInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof CachedResponse)) return value;
        void reply.header('Cache-Control', `public, max-age=${value.maxAgeSeconds}`);
        return value.body as unknown;
      }),
    );
  }
}
