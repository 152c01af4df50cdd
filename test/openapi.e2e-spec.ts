import {
  AFILNET_OPERATIONS,
  provisionalFields,
  upstreamName,
  type OperationName,
} from '../src/common/afilnet/afilnet-operations.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { servedDocument } from './support/openapi.js';

/**
 * Gateway-only routes: they call no Afilnet method, so they carry no x-afilnet-method and cannot fail
 * upstream (no 502/504). Every other /v1 operation must map to a catalogued Afilnet method.
 */
const GATEWAY_ONLY = new Set([
  'POST /v1/sms/segments',
  'GET /v1/sandbox/messages',
  'GET /v1/sandbox/addresses',
  'POST /v1/sandbox/reset',
  'GET /v1/verifications/{id}',
  'POST /v1/verifications/{id}/cancel',
  'GET /v1/messages',
  'GET /v1/messages/{id}',
  'GET /v1/usage',
  'POST /v1/webhooks',
  'GET /v1/webhooks',
  'GET /v1/webhooks/{id}',
  'PATCH /v1/webhooks/{id}',
  'DELETE /v1/webhooks/{id}',
  'POST /v1/webhooks/{id}/test',
  'GET /v1/webhooks/{id}/deliveries',
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  // A batch's recipients are sent later, each with its channel's method (named in the description).
  'POST /v1/batches',
  'GET /v1/batches',
  'GET /v1/batches/{id}',
  'GET /v1/batches/{id}/messages',
  'POST /v1/batches/{id}/resume',
  'POST /v1/batches/{id}/cancel',
]);

/**
 * Routes that call an Afilnet method another route already exposes (verifications over the OTP class): they
 * carry its x-afilnet-method but are left out of the one-route-per-catalogued-operation comparison.
 */
const REUSING = new Map([
  ['POST /v1/verifications', 'otp.generateotp'],
  ['POST /v1/verifications/{id}/check', 'otp.verifyotp'],
]);

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema & { example?: unknown }>;
  required?: string[];
  example?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  example?: unknown;
  schema?: Schema;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: {
    content: Record<
      string,
      { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }
    >;
  };
  responses: Record<string, { content?: Record<string, unknown> }>;
  'x-afilnet-method'?: string;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

describe('the OpenAPI document and Swagger UI', () => {
  let gateway: RunningGateway;
  let document: Document;
  let operations: [string, string, Operation][];

  beforeAll(async () => {
    gateway = await startGateway();
    document = await servedDocument<Document>(gateway);
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => [method, path, op] as const),
      )
      .map(([method, path, op]) => [method, path, op]);
  });

  afterAll(() => gateway.close());

  function resolve(schema: Schema): Schema {
    return schema.$ref === undefined ? schema : document.components.schemas[schema.$ref.split('/').at(-1)!];
  }

  function exampleBody(op: Operation): unknown {
    const media = op.requestBody?.content['application/json'];
    if (media === undefined) return undefined;
    if (media.example !== undefined) return media.example;
    // Named examples: Swagger UI's "Try it out" starts from the first.
    if (media.examples !== undefined) return Object.values(media.examples)[0].value;
    const schema = resolve(media.schema);
    for (const name of schema.required ?? []) {
      expect([name, schema.properties?.[name]?.example]).not.toEqual([name, undefined]);
    }
    return Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => property.example !== undefined)
        .map(([name, property]) => [name, property.example]),
    );
  }

  function examplePath(path: string, op: Operation): string {
    let url = path;
    const query = new URLSearchParams();
    for (const parameter of op.parameters ?? []) {
      const example = parameter.example ?? parameter.schema?.example;
      if (example === undefined) {
        expect([parameter.name, parameter.required ?? false]).toEqual([parameter.name, false]);
        continue;
      }
      if (parameter.in === 'path')
        url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(example)));
      if (parameter.in === 'query') query.set(parameter.name, String(example));
    }
    return query.size === 0 ? url : `${url}?${query.toString()}`;
  }

  it('serves the Swagger UI at /docs', async () => {
    const response = await fetch(`${gateway.url}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
  });

  it('declares the API key scheme', () => {
    expect(document.components.securitySchemes['api-key']).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    );
  });

  it('exposes every catalogued Afilnet operation, each under x-afilnet-method', () => {
    const label = ([method, path]: [string, string, Operation]) => `${method.toUpperCase()} ${path}`;
    const gatewayOnly = operations.filter((entry) => GATEWAY_ONLY.has(label(entry)));
    expect(gatewayOnly.map(label).sort()).toEqual([...GATEWAY_ONLY].sort());
    expect(gatewayOnly.map(([, , op]) => op['x-afilnet-method'])).toEqual(gatewayOnly.map(() => undefined));
    const reusing = operations.filter((entry) => REUSING.has(label(entry)));
    expect(new Map(reusing.map((entry) => [label(entry), entry[2]['x-afilnet-method']]))).toEqual(REUSING);
    const documented = operations
      .filter((entry) => !GATEWAY_ONLY.has(label(entry)) && !REUSING.has(label(entry)))
      .map(([, , op]) => op['x-afilnet-method'])
      .sort();
    const catalogued = (Object.keys(AFILNET_OPERATIONS) as OperationName[]).map(upstreamName).sort();
    expect(documented).toEqual(catalogued);
  });

  it("names each provisional upstream field in its operation's description", () => {
    const flagged = (Object.keys(AFILNET_OPERATIONS) as OperationName[]).filter(
      (name) => provisionalFields(name).length > 0,
    );
    expect(flagged.map(upstreamName)).toContain('user.addaddress');
    for (const name of flagged) {
      const entry = operations.find(([, , op]) => op['x-afilnet-method'] === upstreamName(name));
      const description = entry?.[2].description ?? '';
      const unnamed = provisionalFields(name).filter((field) => !description.includes(`\`${field}\``));
      expect([upstreamName(name), description.includes('Provisional'), unnamed]).toEqual([
        upstreamName(name),
        true,
        [],
      ]);
    }
  });

  it('documents each operation: summary, description, tag, success and every failure', () => {
    for (const [method, path, op] of operations) {
      const label = `${method.toUpperCase()} ${path}`;
      expect([label, Boolean(op.summary && op.description && op.tags?.length)]).toEqual([label, true]);
      const statuses = Object.keys(op.responses);
      expect([label, statuses.some((status) => /^2\d\d$/.test(status))]).toEqual([label, true]);
      const failures = GATEWAY_ONLY.has(label) ? ['500', 'default'] : ['500', '502', '504', 'default'];
      expect([label, failures.filter((status) => !statuses.includes(status))]).toEqual([label, []]);
      for (const status of statuses.filter((status) => /^[45]|default/.test(status))) {
        expect([label, status, Object.keys(op.responses[status].content ?? {})]).toEqual([
          label,
          status,
          ['application/problem+json'],
        ]);
      }
      if (op.requestBody !== undefined || (op.parameters ?? []).length > 0) {
        expect([label, statuses.includes('400')]).toEqual([label, true]);
      }
    }
  });

  it("runs every operation's examples successfully, as Try it out would on a fresh sandbox", async () => {
    const scheduled: string[] = [];
    for (const [method, path, op] of operations) {
      const label = `${method.toUpperCase()} ${path}`;
      // The reset route, not only the simulator's state: the gateway's demo data (a verification, a webhook
      // endpoint with a failed delivery) comes back too, e.g. after the example of DELETE /v1/webhooks/{id}.
      expect((await request(gateway, 'POST', '/v1/sandbox/reset')).status).toBe(204);
      const body = exampleBody(op);
      const response = await request(gateway, method.toUpperCase(), examplePath(path, op), body);
      // A 204 has no body by definition; every other success must say something.
      const answer = response.status === 204 ? 'no content' : response.body;
      expect([label, response.status < 300, answer]).toEqual([label, true, expect.anything()]);
      if (typeof (body as { scheduledAt?: unknown } | undefined)?.scheduledAt === 'string')
        scheduled.push(label);
    }
    // Every send that can be scheduled was sent with the scheduledAt example the document gives today.
    expect(scheduled.length).toBeGreaterThanOrEqual(12);
  });
});
