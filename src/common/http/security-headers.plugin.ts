import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

type Header = readonly [string, number | string | readonly string[]];

/**
 * Helmet's security headers on every response. Applied globally, @fastify/helmet rebuilds helmet's middleware (CSP
 * parsing included) on every request: about 5 % of the CPU under load (bench/RESULTS.md). The headers never
 * change, so helmet writes them once, on the first request, and every later response gets a copy.
 */
const securityHeaders: FastifyPluginAsync = async (fastify) => {
  await fastify.register(helmet, {
    // Not per route: see the hook below.
    global: false,
    // The Swagger UI at /docs runs inline scripts and styles and shows data: images.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  let headers: Header[] | undefined;
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (headers === undefined) {
      const before = new Set(reply.raw.getHeaderNames());
      reply.helmet();
      headers = Object.entries(reply.raw.getHeaders()).flatMap(([name, value]) =>
        before.has(name) || value === undefined ? [] : [[name, value] as const],
      );
    } else {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
    }
    done();
  });
};

export const securityHeadersPlugin = fastifyPlugin(securityHeaders, { name: 'security-headers' });
