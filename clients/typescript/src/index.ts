import createClient, { mergeHeaders, type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** Every error the gateway answers: `application/problem+json` (RFC 9457) with a stable `code`. */
export type Problem = components['schemas']['ProblemSchema'];
export type ProblemCode = Problem['code'];

export type GatewayClient = Client<paths>;

export interface GatewayClientOptions extends ClientOptions {
  /** Where the gateway listens, e.g. `http://afilnet-gateway:3000`. */
  baseUrl: string;
  /** The caller's `X-API-Key`; leave it out for a gateway without keys (sandbox mode). */
  apiKey?: string;
}

/**
 * A client of every gateway route, typed from the committed `openapi.json`: paths, bodies, query and path
 * parameters are checked by the compiler, and each call answers `{ data }` on success or `{ error }` — the
 * problem — otherwise (`openapi-fetch`).
 */
export function createGatewayClient({ apiKey, headers, ...options }: GatewayClientOptions): GatewayClient {
  return createClient<paths>({
    ...options,
    headers: mergeHeaders(apiKey === undefined ? undefined : { 'X-API-Key': apiKey }, headers),
  });
}

/** Whether an error answer is the gateway's problem document (with that `code`, when one is given). */
export function isProblem(error: unknown, code?: ProblemCode): error is Problem {
  const problem = error as Partial<Problem> | null;
  return (
    typeof problem?.code === 'string' &&
    typeof problem.status === 'number' &&
    (code === undefined || problem.code === code)
  );
}
