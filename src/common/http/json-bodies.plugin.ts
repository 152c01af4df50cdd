import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { RequestValidationError } from '../errors/request-validation.error.js';

/** No request the API defines nests deeper than a few levels; 32 leaves room and bounds every recursive reader. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deep objects and arrays nest in a parsed JSON value, counted without recursion and given up past `limit`
 * (what is deeper than that is refused anyway).
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * A route whose body may be larger than the gateway's limit (a batch of 10 000 recipients): Fastify's own
 * `bodyLimit` for that route, set by this plugin as Nest registers it.
 */
export const BodyLimit = (bytes: number): MethodDecorator => RouteConfig({ bodyLimit: bytes });

/**
 * The API speaks JSON only: bodies of any other type are answered 415 rather than half-parsed.
 *
 * Many HTTP client wrappers send `Content-Type: application/json` on every request, a `DELETE` with no body
 * included; Fastify's own parser refuses such an empty body. Here an empty JSON body counts as no body at all:
 * routes that take none answer as usual, and routes that need one are refused by validation like a `{}`.
 * Anything else goes through Fastify's parser, so `__proto__` and `constructor.prototype` keys are still refused
 * (400) and the body limit still applies. A body nested deeper than `MAX_JSON_DEPTH` is refused (400) before any
 * recursive reader — class-transformer, the idempotency fingerprint — can overflow the stack on it.
 */
const jsonBodies: FastifyPluginCallback = (fastify, _options, done) => {
  fastify.addHook('onRoute', (route) => {
    const limit: unknown = (route.config as Record<string, unknown> | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
  fastify.removeContentTypeParser('text/plain');
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (request, body, parsed) => {
    if (body.length === 0) {
      parsed(null, undefined);
      return;
    }
    // Typed as callback-or-promise; Fastify's default JSON parser is the callback kind and answers through its
    // callback.
    void parseJson(request, body, (error, value) => {
      if (error === null && jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
        parsed(
          new RequestValidationError([
            {
              field: 'body',
              message: `body must not nest objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
            },
          ]),
          undefined,
        );
      } else parsed(error, value);
    });
  });
  done();
};

export const jsonBodiesPlugin = fastifyPlugin(jsonBodies, { name: 'json-bodies' });
