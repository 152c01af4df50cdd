import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { AuthFailures } from './auth-failures.js';

export interface AuthFailuresOptions {
  readonly failures: AuthFailures;
}

/**
 * Counts every 401 against the client's address, before the answer leaves, so that a client that waits for each
 * answer is refused (`AuthFailureGuard`) from its next request on. A count that cannot be stored does not change
 * the answer; it is logged.
 */
const countAuthFailures: FastifyPluginCallback<AuthFailuresOptions> = (fastify, { failures }, done) => {
  // Callback style: every response passes here, and only a 401 has anything to wait for.
  fastify.addHook('onSend', (request, reply, payload, next) => {
    if (reply.statusCode !== 401) {
      next(null, payload);
      return;
    }
    failures.count(request.ip).then(
      () => next(null, payload),
      (error: unknown) => {
        request.log.warn(
          { context: 'Auth', reason: (error as Error).message },
          'failed authentication not counted',
        );
        next(null, payload);
      },
    );
  });
  done();
};

export const authFailuresPlugin = fastifyPlugin(countAuthFailures, { name: 'auth-failures' });
