import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/gateway.error.js';

export interface RequestDeadlineOptions {
  /** How long a client has, from its first byte, to send the whole request. */
  readonly timeoutMs: number;
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length']) > 0;
}

/**
 * Bodies are read before authentication, so a client trickling one in must not hold a connection for long. Node's
 * `requestTimeout` (set on the server) ends a request whose headers trickle in, but on Node 20 not one whose body
 * does once its headers are in: this hook does, with the same budget counted from the request's start. The body
 * read fails with `408 REQUEST_TIMEOUT`, and the connection is closed after that answer.
 */
const requestDeadline: FastifyPluginCallback<RequestDeadlineOptions> = (fastify, { timeoutMs }, done) => {
  fastify.addHook('preParsing', (request, reply, payload, next) => {
    if (hasBody(request.headers)) {
      const timer = setTimeout(() => {
        // Only a body still being read is failed: one that was never read (a refused content type) is not.
        if (payload.readableEnded || reply.sent || payload.listenerCount('error') === 0) return;
        void reply.header('Connection', 'close');
        payload.emit(
          'error',
          new GatewayError(
            'REQUEST_TIMEOUT',
            `The request body did not arrive within ${timeoutMs} ms of the request's start.`,
          ),
        );
      }, timeoutMs - reply.elapsedTime);
      const stop = () => clearTimeout(timer);
      payload.once('end', stop);
      reply.raw.once('close', stop);
    }
    next();
  });
  done();
};

export const requestDeadlinePlugin = fastifyPlugin(requestDeadline, { name: 'request-deadline' });
