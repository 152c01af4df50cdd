import fc from 'fast-check';
import type * as ClockModule from '../src/common/clock/clock.js';
import { built } from './support/built.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { servedDocument } from './support/openapi.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  example?: unknown;
  schema?: { example?: unknown };
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  'x-afilnet-method'?: string;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
}

/** Codes the gateway answers without calling Afilnet. */
const REFUSED_AT_THE_DOOR = new Set([
  'VALIDATION_FAILED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
]);

describe('property: malformed input never yields a 5xx and never reaches Afilnet', () => {
  let gateway: RunningGateway;
  let document: Document;

  beforeAll(async () => {
    // A clock that stands still: delivery tracking never falls due, so every upstream call counted is the request's.
    gateway = await startGateway({}, { clock: new ManualClock(Date.now()) });
    document = await servedDocument<Document>(gateway);
  });

  afterAll(() => gateway.close());

  function exampleBody(op: Operation): Record<string, unknown> {
    const ref = op.requestBody?.content['application/json']?.schema.$ref;
    const schema = ref === undefined ? undefined : document.components.schemas[ref.split('/').at(-1)!];
    return Object.fromEntries(
      Object.entries(schema?.properties ?? {}).map(([name, property]) => [name, property.example]),
    );
  }

  /** The operation's valid example with one thing broken, or something that is not that request at all. */
  function malformedBody(op: Operation): fc.Arbitrary<unknown> {
    const example = exampleBody(op);
    const names = Object.keys(example);
    const broken =
      names.length === 0
        ? fc.constant(example)
        : fc.oneof(
            fc.record({ name: fc.constantFrom(...names), value: fc.jsonValue() }).map(({ name, value }) => ({
              ...example,
              [name]: value,
            })),
            fc.constantFrom(...names).map((name) => {
              const copy: Record<string, unknown> = { ...example };
              delete copy[name];
              return copy;
            }),
            fc
              .record({ extra: fc.string({ minLength: 1 }), value: fc.jsonValue() })
              .map(({ extra, value }) => ({
                ...example,
                [`x${extra}`]: value,
              })),
          );
    return fc.oneof(broken, fc.jsonValue(), fc.string());
  }

  function malformedPath(path: string, op: Operation): fc.Arbitrary<string> {
    const parameters = (op.parameters ?? []).filter((parameter) => parameter.in !== 'header');
    const value = (parameter: Parameter) =>
      fc.oneof(
        fc.constant(String(parameter.example ?? parameter.schema?.example ?? '')),
        fc.string({ maxLength: 40 }),
      );
    return fc.tuple(...parameters.map(value)).map((values) => {
      let url = path;
      const query = new URLSearchParams();
      parameters.forEach((parameter, index) => {
        if (parameter.in === 'path')
          url = url.replace(`{${parameter.name}}`, encodeURIComponent(values[index]) || '%20');
        else query.set(parameter.name, values[index]);
      });
      return query.size === 0 ? url : `${url}?${query.toString()}`;
    });
  }

  function afilnetOperations(): { method: string; path: string; op: Operation }[] {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op['x-afilnet-method'] !== undefined)
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    expect(operations.length).toBeGreaterThan(3);
    return operations;
  }

  /** A path with every parameter set to its documented example. */
  function examplePath(path: string, op: Operation): string {
    return (op.parameters ?? [])
      .filter((parameter) => parameter.in === 'path')
      .reduce(
        (url, parameter) =>
          url.replace(
            `{${parameter.name}}`,
            encodeURIComponent(String(parameter.example ?? parameter.schema?.example ?? '')),
          ),
        path,
      );
  }

  /** Values of every JSON shape, each a wrong type for most fields; `null` means "omitted" for optional ones. */
  const WRONG_SHAPES: unknown[] = [null, [], {}, [[]], [null], [{}], '', ' ', 0, -1, 1.5, true];

  // Type confusion is swept field by field instead of left to chance: every body field of every operation gets
  // every shape above.
  it('holds for every body field given a value of another shape', async () => {
    const failures: string[] = [];
    for (const { method, path, op } of afilnetOperations()) {
      if (op.requestBody === undefined) continue;
      const example = exampleBody(op);
      for (const name of Object.keys(example)) {
        for (const value of WRONG_SHAPES) {
          gateway.sandbox!.state.reset();
          const calls = gateway.sandbox!.requests.length;
          const body = JSON.stringify({ ...example, [name]: value });
          const response = await request(gateway, method, examplePath(path, op), body);
          const reachedAfilnet = gateway.sandbox!.requests.length > calls;
          const label = `${method} ${path} ${name}: ${JSON.stringify(value)} → ${response.status} ${response.body?.code}`;
          if (response.status >= 500) failures.push(label);
          else if (REFUSED_AT_THE_DOOR.has(response.body?.code) && reachedAfilnet)
            failures.push(`${label}, yet Afilnet was called`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('holds for every operation that calls Afilnet', async () => {
    for (const { method, path, op } of afilnetOperations()) {
      const input = fc.record({
        url: malformedPath(path, op),
        body: op.requestBody === undefined ? fc.constant(undefined) : malformedBody(op),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ url, body }) => {
          gateway.sandbox!.state.reset();
          const calls = gateway.sandbox!.requests.length;
          const response = await request(
            gateway,
            method,
            url,
            body === undefined ? undefined : JSON.stringify(body),
          );
          const reachedAfilnet = gateway.sandbox!.requests.length > calls;
          const label = `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${response.status} ${response.body?.code}`;
          expect([label, response.status < 500]).toEqual([label, true]);
          if (REFUSED_AT_THE_DOOR.has(response.body?.code))
            expect([label, reachedAfilnet]).toEqual([label, false]);
        }),
        { numRuns: 25 },
      );
    }
  }, 120_000);
});
