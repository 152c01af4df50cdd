import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { MetricsService } from './metrics.service.js';

export interface HttpMetricsOptions {
  readonly metrics: MetricsService;
}

/** Counts and times every answered request, by route template (never the raw URL: the label set stays bounded). */
const httpMetrics: FastifyPluginCallback<HttpMetricsOptions> = (fastify, { metrics }, done) => {
  fastify.addHook('onResponse', (request, reply, next) => {
    metrics.observeHttp(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      request.apiKeyName ?? 'none',
      reply.elapsedTime / 1000,
    );
    next();
  });
  done();
};

export const httpMetricsPlugin = fastifyPlugin(httpMetrics, { name: 'http-metrics' });
