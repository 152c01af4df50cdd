import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import {
  exampleBody,
  examplePath,
  resolveSchema,
  servedDocument,
  type Document,
  type Operation,
  type Schema,
} from './support/openapi.js';

const YEAR_MS = 365 * 24 * 3_600_000;

/** Strings of which one breaks about any pattern: empty, blank, a symbol, a space inside, a line break, a long run. */
const PATTERN_BREAKERS = ['', ' ', '!', 'x y', '\n', 'Z'.repeat(300)];

function breakerOf(pattern: string): string | undefined {
  return PATTERN_BREAKERS.find((candidate) => !new RegExp(pattern).test(candidate));
}

/** Distinct valid elements for a list (unique items): the example with its last digits replaced by `index`. */
function variant(element: unknown, index: number): unknown {
  if (typeof element !== 'string' || index === 0) return element;
  return `${element.slice(0, -3)}${String(index).padStart(3, '0')}`;
}

/** A value breaking each rule the schema documents, with the rule's name; `example` is a valid value. */
function rulesBroken(schema: Schema, example: unknown): [string, unknown][] {
  const broken: [string, unknown][] = [];
  for (const pattern of [schema.pattern, ...(schema.allOf ?? []).map((part) => part.pattern)]) {
    const bad = pattern === undefined ? undefined : breakerOf(pattern);
    if (bad !== undefined) broken.push([`pattern ${pattern}`, bad]);
  }
  if (schema.minLength !== undefined && schema.minLength > 0) broken.push(['minLength', '']);
  if (schema.maxLength !== undefined) broken.push(['maxLength', 'a'.repeat(schema.maxLength + 1)]);
  if (schema.minimum !== undefined) broken.push(['minimum', schema.minimum - 1]);
  if (schema.maximum !== undefined) broken.push(['maximum', schema.maximum + 1]);
  if (schema.enum !== undefined) broken.push(['enum', 'none-of-these']);
  if (schema.not?.enum !== undefined) broken.push(['not enum', schema.not.enum[0]]);
  if (schema.minItems !== undefined && schema.minItems > 0) broken.push(['minItems', []]);
  if (schema.maxItems !== undefined && Array.isArray(example)) {
    broken.push([
      'maxItems',
      Array.from({ length: schema.maxItems + 1 }, (_, index) => variant(example[0], index)),
    ]);
  }
  const itemPattern = schema.items?.pattern;
  if (itemPattern !== undefined && breakerOf(itemPattern) !== undefined) {
    broken.push([`items pattern ${itemPattern}`, [breakerOf(itemPattern)]]);
  }
  if (schema.minProperties !== undefined && schema.minProperties > 0) broken.push(['minProperties', {}]);
  if (schema.maxProperties !== undefined) {
    const entries = Array.from({ length: schema.maxProperties + 1 }, (_, index) => [`k${index}`, 'v']);
    broken.push(['maxProperties', Object.fromEntries(entries)]);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    for (const [rule, value] of rulesBroken(property, undefined)) {
      broken.push([`${name}: ${rule}`, { ...(example as object), [name]: value }]);
    }
  }
  return broken;
}

/**
 * The served document as a contract (API.md §1): rules in the schemas and enforced as written, closed request
 * bodies, no `default` in them, a default problem answer everywhere, probes open as they are at the door, dated
 * examples that pass, and Redocly's recommended rules.
 */
describe('the OpenAPI document as a contract', () => {
  let gateway: RunningGateway;
  let document: Document;
  let operations: [string, string, Operation][];

  beforeAll(async () => {
    gateway = await startGateway();
    document = await servedDocument<Document>(gateway);
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) => [method.toUpperCase(), path, op] as [string, string, Operation],
      ),
    );
  });

  afterAll(() => gateway.close());

  const schema = (name: string, property: string): Schema =>
    document.components.schemas[name].properties![property];

  it('states the validation rules in the schemas', () => {
    const text = JSON.stringify(document);
    const counts = Object.fromEntries(
      [
        'pattern',
        'minLength',
        'maxLength',
        'minimum',
        'maximum',
        'minItems',
        'maxItems',
        'enum',
        'format',
      ].map((keyword) => [keyword, text.split(`"${keyword}":`).length - 1]),
    );
    expect(Object.entries(counts).filter(([, count]) => count === 0)).toEqual([]);
    expect(counts.pattern).toBeGreaterThan(40);

    expect(schema('SendSmsDto', 'to')).toMatchObject({ type: 'string', pattern: '^[1-9]\\d{7,14}$' });
    expect(schema('SendSmsDto', 'sms')).toMatchObject({ maxLength: 1600, pattern: '\\S' });
    expect(schema('CreateGroupDto', 'name')).toMatchObject({ minLength: 1, maxLength: 100 });
    expect(schema('CreateGroupDto', 'fields')).toMatchObject({
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,29}$' },
    });
    expect(schema('HlrRequestDto', 'numbers')).toMatchObject({
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
    });
    expect(schema('GenerateOtpDto', 'length')).toMatchObject({ type: 'integer', minimum: 4, maximum: 10 });
    expect(schema('GenerateOtpDto', 'format')).toMatchObject({ enum: ['all', 'numbers', 'letters'] });
    expect(schema('EmailAttachmentDto', 'url')).toMatchObject({ format: 'uri', maxLength: 2048 });
    expect(schema('SendEmailDto', 'to')).toMatchObject({ format: 'email' });
    expect(schema('SendSmsFromTemplateDto', 'params')).toMatchObject({ minProperties: 1, maxProperties: 50 });
    expect(schema('SendEmailDto', 'subject')).toMatchObject({
      maxLength: 200,
      pattern: '\\S',
      allOf: [{ type: 'string', pattern: '^[^\\r\\n]*$' }],
    });
    const field = document.paths['/v1/groups/{id}/fields/{field}'].delete.parameters!.find(
      (parameter) => parameter.name === 'field',
    );
    expect(field?.schema).toMatchObject({
      pattern: '^[a-z][a-z0-9_]{0,29}$',
      not: { enum: ['mobile', 'email'] },
    });
    const status = document.paths['/v1/sms/status'].get.parameters!.find(
      (parameter) => parameter.name === 'ids',
    );
    expect(status?.schema).toMatchObject({ type: 'string', pattern: expect.stringContaining('{0,99}') });
  });

  it('refuses every request that breaks a documented rule (400, naming the field), as a generated validator would', async () => {
    const unrefused: string[] = [];
    let tried = 0;
    const refused = async (label: string, field: string, method: string, url: string, body?: unknown) => {
      tried += 1;
      const response = await request(gateway, method, url, body);
      const fields: string[] = (response.body?.errors ?? []).map((error: { field: string }) => error.field);
      const named = fields.some((name) => name === field || name.startsWith(`${field}.`));
      if (response.status !== 400 || response.body.code !== 'VALIDATION_FAILED' || !named) {
        unrefused.push(`${label} → ${response.status} ${JSON.stringify(fields)}`);
      }
    };
    for (const [method, path, op] of operations) {
      const body = exampleBody(document, op);
      for (const parameter of (op.parameters ?? []).filter((parameter) => parameter.in !== 'header')) {
        const example = parameter.example ?? parameter.schema?.example;
        for (const [rule, value] of rulesBroken(parameter.schema ?? {}, example)) {
          // An empty path segment would be another route: a blank one breaks the same rules.
          const sent = value === '' && parameter.in === 'path' ? ' ' : value;
          const url = examplePath(path, op, { [parameter.name]: sent });
          await refused(`${method} ${path} ${parameter.name}: ${rule}`, parameter.name, method, url, body);
        }
      }
      const media = op.requestBody?.content['application/json'];
      if (media === undefined || body === undefined) continue;
      const url = examplePath(path, op);
      await refused(`${method} ${path} an unknown field`, 'unknownField', method, url, {
        ...body,
        unknownField: 1,
      });
      for (const [name, property] of Object.entries(resolveSchema(document, media.schema).properties ?? {})) {
        for (const [rule, value] of rulesBroken(resolveSchema(document, property), body[name])) {
          await refused(`${method} ${path} ${name}: ${rule}`, name, method, url, { ...body, [name]: value });
        }
      }
    }
    expect(unrefused).toEqual([]);
    expect(tried).toBeGreaterThan(150);
  }, 120_000);

  it('closes request bodies and keeps `default` out of them, so generated clients require only what is required', () => {
    const seen = new Set<Schema>();
    const wrong: string[] = [];
    const visit = (given: Schema, label: string): void => {
      const schema = resolveSchema(document, given);
      if (seen.has(schema)) return;
      seen.add(schema);
      if (schema.default !== undefined) wrong.push(`${label} has a default`);
      // A DTO lists its fields and refuses others; a map (template params) says what its values are instead.
      const open = schema.additionalProperties === undefined || schema.additionalProperties === true;
      if (schema.properties !== undefined && open) wrong.push(`${label} is open`);
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        visit(property, `${label}.${name}`);
      if (schema.items !== undefined) visit(schema.items, `${label}[]`);
      for (const part of schema.allOf ?? []) visit(part, label);
    };
    for (const [method, path, op] of operations) {
      const body = op.requestBody?.content['application/json']?.schema;
      if (body !== undefined) visit(body, `${method} ${path}`);
    }
    expect(wrong).toEqual([]);
    expect(document.components.schemas.StartVerificationDto.required).toEqual(['type', 'destination']);
  });

  it('gives every operation a default problem+json answer', () => {
    const without = operations.filter(
      ([, , op]) => op.responses.default?.content?.['application/problem+json']?.schema === undefined,
    );
    expect(without.map(([method, path]) => `${method} ${path}`)).toEqual([]);
  });

  it('shares complete problem examples, and describes every tag', () => {
    const examples = Object.entries(document.components.examples);
    expect(examples.length).toBeGreaterThan(20);
    const incomplete = examples.filter(
      ([, { value }]) =>
        !['type', 'title', 'status', 'detail', 'code', 'requestId'].every((key) => value[key] !== undefined),
    );
    expect(incomplete.map(([name]) => name)).toEqual([]);
    const used = new Set(operations.flatMap(([, , op]) => op.tags ?? []));
    expect(document.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
    expect(document.tags.filter((tag) => !tag.description)).toEqual([]);
  });

  it('documents the readiness 503 as the problem it is, and /metrics as text', () => {
    const ready = document.paths['/health/ready'].get;
    expect(Object.keys(ready.responses['503'].content!)).toEqual(['application/problem+json']);
    expect(Object.keys(ready.responses['503'].content!['application/problem+json'].examples!)).toEqual([
      'NOT_READY',
    ]);
    // Without a key only with PROBES_ACCESS=protected, where only a `*` key passes.
    expect(Object.keys(ready.responses).sort()).toEqual(['200', '401', '403', '500', '503', 'default']);
    const metrics = document.paths['/metrics'].get.responses['200'].content!;
    expect(metrics['text/plain'].schema).toEqual({ type: 'string' });
  });

  it('leaves the probes open in the document exactly when they are open at the door', async () => {
    const open = operations
      .filter(([, , op]) => op.security?.length === 0)
      .map(([method, path]) => `${method} ${path}`);
    expect(open.sort()).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'GET /health/upstream',
      'GET /metrics',
    ]);

    const KEYS = 'ops:ops-key-0123456789abcdef:*';
    const keyed = await startGateway({ GATEWAY_API_KEYS: KEYS });
    const guarded = await startGateway({ GATEWAY_API_KEYS: KEYS, PROBES_ACCESS: 'protected' });
    try {
      const statuses = await Promise.all(
        [keyed, guarded].map(async (running) => (await fetch(`${running.url}/health/live`)).status),
      );
      const documents = await Promise.all(
        [keyed, guarded].map((running) => servedDocument<Document>(running)),
      );
      expect(statuses).toEqual([200, 401]);
      expect(documents.map((served) => served.paths['/health/live'].get.security)).toEqual([[], undefined]);
    } finally {
      await keyed.close();
      await guarded.close();
    }
  });

  it('dates the scheduledAt examples it serves: in the future, at most a year ahead', () => {
    // Request bodies (closed); a response's scheduledAt (the ledger's message) is what was asked, not an example to send.
    const scheduled = Object.entries(document.components.schemas).filter(
      ([, body]) => body.additionalProperties === false && body.properties?.scheduledAt !== undefined,
    );
    expect(scheduled.length).toBeGreaterThanOrEqual(12);
    const now = Date.now();
    const wrong = scheduled.filter(([, body]) => {
      const at = Date.parse(String(body.properties!.scheduledAt.example));
      return !(at > now && at <= now + YEAR_MS);
    });
    expect(wrong.map(([name]) => name)).toEqual([]);
  });

  it("lints clean as served, sandbox routes and today's examples included (Redocly, recommended rules)", async () => {
    const served = await request(gateway, 'GET', '/docs-json');
    const directory = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(directory, 'served.json');
      writeFileSync(file, JSON.stringify(served.body));
      const cli = resolve(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');
      const config = resolve(process.cwd(), 'redocly.yaml');
      const lint = spawnSync(process.execPath, [cli, 'lint', file, '--config', config, '--format', 'json'], {
        encoding: 'utf8',
      });
      const report = JSON.parse(lint.stdout) as { problems: { ruleId: string; message: string }[] };
      expect(report.problems.map(({ ruleId, message }) => `${ruleId}: ${message}`)).toEqual([]);
      expect(lint.status).toBe(0);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
