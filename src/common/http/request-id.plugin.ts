import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * Echoes the request's id (`requestIdFor`, Fastify's `genReqId`) in `X-Request-Id` on every response, errors and
 * unmatched routes included, so a caller can quote it and find the log lines.
 */
const echoRequestId: FastifyPluginCallback = (fastify, _options, done) => {
  fastify.addHook('onRequest', (request, reply, next) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    next();
  });
  done();
};

export const requestIdPlugin = fastifyPlugin(echoRequestId, { name: 'request-id' });
