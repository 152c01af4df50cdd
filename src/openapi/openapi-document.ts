import { isDeepStrictEqual } from 'node:util';
import { ConfigService } from '@nestjs/config';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem.js';
import { PROBE_ROUTE } from '../common/policies/policy.decorators.js';
import { problemExampleComponents } from '../common/swagger/problem-examples.js';
import { ProblemSchema } from '../common/swagger/problem.schema.js';
import type { GatewayConfig } from '../config/configuration.js';
import { documentValidationRules } from './validation-rules.js';

/** Every tag an operation can carry, with what it groups; the document lists those its operations use. */
const TAGS: Readonly<Record<string, string>> = {
  sms: 'SMS: one message, a stored template or a whole group; delivery status; segment counting.',
  voice: 'Text-to-speech calls: one number, a stored template or a whole group; delivery status.',
  email: 'E-mails: one address, a stored template or a whole group; delivery status.',
  social: 'WhatsApp messages and files; chat channels and their messages.',
  otp: "One-time codes sent and checked by Afilnet's OTP service.",
  verifications:
    'One-time codes with a lifecycle the gateway keeps: start, check, read and cancel a verification.',
  groups: 'Contact groups: their fields, their contacts and the country put in front of their numbers.',
  templates: 'Stored message templates whose `<placeholders>` sends fill in.',
  hlr: 'HLR lookups: whether mobile numbers are live, and on which network.',
  countries: 'The countries Afilnet serves.',
  events: "The account's events, as Afilnet records them.",
  user: 'The Afilnet account: its balance and its addresses.',
  messages:
    'The message ledger: every send the gateway made, followed to delivery; each API key sees its own messages.',
  batches:
    "Batches: up to 10 000 personalised sends queued at once, sent at the deployment's pace, paused on lack of " +
    'credits, resumed or canceled; each recipient is a ledger message.',
  webhooks:
    'Endpoints that receive signed (Standard Webhooks) events about your messages and batches, and their deliveries.',
  usage: 'Messages and credits per caller, channel and day, from the ledger.',
  sandbox: 'Sandbox mode only: what the simulator would have sent, and a reset to a fresh account.',
  health:
    'Liveness, readiness and Prometheus metrics, for orchestrators and scrapers: open without an API key unless ' +
    'the gateway runs with `PROBES_ACCESS=protected` (then only a `*` key passes).',
};

const PROBLEM_RESPONSE = 'Problem';

export interface OpenApiDocumentOptions {
  /** When the document is read: it dates the `scheduledAt` examples; without it they are null. */
  now?: number;
}

type Operations = (readonly [string, OperationObject])[];

function operationsOf(document: OpenAPIObject): Operations {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => {
      const operation = item[method];
      return operation === undefined ? [] : [[`${method.toUpperCase()} ${path}`, operation] as const];
    }),
  );
}

/** `Controller.method` of each route open to probes (`@Probe()`) — the same metadata the API key guard reads. */
function probeHandlers(app: NestFastifyApplication): Set<string> {
  const reflector = app.get(Reflector);
  const handlers = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        if (reflector.getAllAndOverride<boolean>(PROBE_ROUTE, [handler, metatype])) {
          handlers.add(`${metatype.name}.${method}`);
        }
      }
    }
  }
  return handlers;
}

function schemaNamed(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): SchemaObject {
  if (!('$ref' in schema)) return schema;
  const found = document.components?.schemas?.[schema.$ref.split('/').at(-1)!];
  if (found === undefined || '$ref' in found) throw new Error(`${schema.$ref} is not in the document`);
  return found;
}

/**
 * Request bodies refuse unknown fields (the validation pipe's `forbidNonWhitelisted`, nested objects included),
 * and the schemas say so. (No DTO is both a request's and a response's: test/openapi-contract.e2e-spec.ts.)
 */
function closeRequestBodies(document: OpenAPIObject, operations: Operations): void {
  const seen = new Set<SchemaObject>();
  const close = (schema: SchemaObject | ReferenceObject): void => {
    const resolved = schemaNamed(document, schema);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    if (resolved.properties !== undefined && resolved.additionalProperties === undefined) {
      resolved.additionalProperties = false;
    }
    for (const property of Object.values(resolved.properties ?? {})) {
      close(property);
      if (!('$ref' in property)) {
        if (property.items !== undefined) close(property.items);
        for (const part of property.allOf ?? []) close(part);
      }
    }
  };
  for (const [, operation] of operations) {
    const body = operation.requestBody;
    if (body === undefined || '$ref' in body) continue;
    const schema = body.content['application/json']?.schema;
    if (schema !== undefined) close(schema);
  }
}

/**
 * Every operation says what any other status is: a problem+json body, whose `code` tells which (an Afilnet code
 * mapped on any operation, a 404 for an unknown route or a 413 for a body too large).
 */
function addDefaultProblemResponse(document: OpenAPIObject, operations: Operations): void {
  document.components = {
    ...document.components,
    responses: {
      ...document.components?.responses,
      [PROBLEM_RESPONSE]: {
        description:
          'Any other failure, as `application/problem+json`: its stable `code` says which (see the codes listed ' +
          "in `ProblemSchema`'s `code`), `requestId` identifies the request in the gateway's logs.",
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) } } },
      },
    },
  };
  for (const [, operation] of operations) {
    operation.responses.default = { $ref: `#/components/responses/${PROBLEM_RESPONSE}` };
  }
}

/**
 * Problem responses are the same on many operations (every route can answer 401, 403, 429 and 500 alike): each
 * distinct one is written once under `components.responses`, named by the examples it lists, and referred to.
 */
function shareProblemResponses(document: OpenAPIObject, operations: Operations): void {
  const shared: Record<string, ResponseObject> = {};
  for (const [label, operation] of operations) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (response === undefined || '$ref' in response) continue;
      if (response.content?.[PROBLEM_CONTENT_TYPE] === undefined) continue;
      const examples = Object.values(response.content[PROBLEM_CONTENT_TYPE].examples ?? {});
      const name = examples
        .map((example) => ('$ref' in example ? example.$ref.split('/').at(-1) : ''))
        .join('.');
      if (name === '' || name.startsWith('.') || name.includes('..')) {
        throw new Error(`${label}: the ${status} problem response lists an example that is not shared`);
      }
      if (shared[name] !== undefined && !isDeepStrictEqual(shared[name], response)) {
        throw new Error(`${label}: the ${status} problem response differs from another that lists ${name}`);
      }
      shared[name] = response;
      operation.responses[status] = { $ref: `#/components/responses/${name}` };
    }
  }
  document.components!.responses = { ...document.components!.responses, ...shared };
}

/**
 * A response schema that repeats every property of another one (a DTO extending another, e.g. the message with its
 * history and the message of a list) refers to it with `allOf` and states only what it adds. Request bodies are
 * left whole: they are closed (`additionalProperties: false`), which `allOf` parts cannot be.
 */
function factorSharedSchemas(document: OpenAPIObject): void {
  const schemas = document.components!.schemas as Record<string, SchemaObject>;
  const open = Object.entries(schemas).filter(([, schema]) => schema.additionalProperties !== false);
  for (const [name, schema] of open) {
    const properties = schema.properties ?? {};
    const base = open
      .filter(([other, candidate]) => {
        const shared = Object.entries(candidate.properties ?? {});
        return (
          other !== name &&
          shared.length >= 3 &&
          shared.length < Object.keys(properties).length &&
          shared.every(([key, value]) => isDeepStrictEqual(properties[key], value)) &&
          (candidate.required ?? []).every((key) => (schema.required ?? []).includes(key))
        );
      })
      .sort(
        ([, a], [, b]) => Object.keys(b.properties ?? {}).length - Object.keys(a.properties ?? {}).length,
      )[0];
    if (base === undefined) continue;
    const [baseName, baseSchema] = base;
    const inherited = new Set(Object.keys(baseSchema.properties ?? {}));
    const required = (schema.required ?? []).filter((key) => !(baseSchema.required ?? []).includes(key));
    schemas[name] = {
      allOf: [
        { $ref: `#/components/schemas/${baseName}` },
        {
          type: 'object',
          properties: Object.fromEntries(Object.entries(properties).filter(([key]) => !inherited.has(key))),
          ...(required.length > 0 ? { required } : {}),
        },
      ],
    };
  }
}

/** What a Parameter Object holds besides its schema; @nestjs/swagger leaves keywords it does not know beside them. */
const PARAMETER_FIELDS = new Set([
  'name',
  'in',
  'description',
  'required',
  'deprecated',
  'allowEmptyValue',
  'style',
  'explode',
  'allowReserved',
  'schema',
  'example',
  'examples',
  'content',
]);

/** Schema keywords a parameter carries outside its `schema` (`not`, from @IsNotIn) are moved into it. */
function keywordsIntoSchemas(operations: Operations): void {
  for (const [, operation] of operations) {
    for (const parameter of operation.parameters ?? []) {
      if ('$ref' in parameter) continue;
      const record = parameter as unknown as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (PARAMETER_FIELDS.has(key) || key.startsWith('x-')) continue;
        parameter.schema = { ...parameter.schema, [key]: record[key] };
        delete record[key];
      }
    }
  }
}

/**
 * A parameter several operations take alike (the `Idempotency-Key` header, a group id) is written once under
 * `components.parameters`, named by its own name when no other shared parameter has it.
 */
function shareParameters(document: OpenAPIObject, operations: Operations): void {
  const uses = new Map<string, { parameter: ParameterObject; count: number }>();
  for (const [, operation] of operations) {
    for (const parameter of operation.parameters ?? []) {
      if ('$ref' in parameter) continue;
      const key = JSON.stringify(parameter);
      uses.set(key, { parameter, count: (uses.get(key)?.count ?? 0) + 1 });
    }
  }
  const repeated = [...uses.entries()].filter(([, { count }]) => count > 1);
  const names = new Map<string, number>();
  for (const [, { parameter }] of repeated) names.set(parameter.name, (names.get(parameter.name) ?? 0) + 1);
  const shared = new Map(repeated.filter(([, { parameter }]) => names.get(parameter.name) === 1));
  for (const [, operation] of operations) {
    operation.parameters = operation.parameters?.map((parameter) => {
      const use = shared.get(JSON.stringify(parameter));
      return use === undefined ? parameter : { $ref: `#/components/parameters/${use.parameter.name}` };
    });
  }
  document.components!.parameters = Object.fromEntries(
    [...shared.values()].map(({ parameter }) => [parameter.name, parameter]),
  );
}

function referencesIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.add(item);
      else referencesIn(item, into);
    }
  }
  return into;
}

function listTags(document: OpenAPIObject, operations: Operations): void {
  const used = new Set(operations.flatMap(([, operation]) => operation.tags ?? []));
  const undescribed = [...used].filter((tag) => TAGS[tag] === undefined);
  if (undescribed.length > 0)
    throw new Error(`tags without a description in src/openapi: ${undescribed.join(', ')}`);
  document.tags = Object.entries(TAGS)
    .filter(([name]) => used.has(name))
    .map(([name, description]) => ({ name, description }));
}

/**
 * The gateway's OpenAPI document, as `/docs-json` serves it and `npm run openapi` commits it: built from the
 * controllers and DTOs by @nestjs/swagger, with each DTO's validation rules in its schema, closed request bodies,
 * a `default` problem response on every operation, problem examples shared under `components.examples`, the
 * probes open (`security: []`) when `PROBES_ACCESS=open`, and every tag described.
 */
export function buildOpenApiDocument(
  app: NestFastifyApplication,
  options: OpenApiDocumentOptions = {},
): OpenAPIObject {
  documentValidationRules(options.now);
  const config = new DocumentBuilder()
    .setTitle('Afilnet Gateway')
    .setDescription(
      'A validated REST API in front of the Afilnet messaging API. The gateway holds the Afilnet credentials; ' +
        'callers send JSON and get normalised JSON back. Every error is `application/problem+json` with a stable ' +
        '`code` and the `requestId` (also in the `X-Request-Id` header). Each operation names the Afilnet method ' +
        'it calls in `x-afilnet-method`.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The gateway that serves this document')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Gateway API key' }, 'api-key')
    .addSecurityRequirements('api-key')
    .build();
  const handlers = new Map<string, string>();
  const document = SwaggerModule.createDocument(app, config, {
    // @nestjs/swagger's own ids, remembered with the handler each one documents.
    operationIdFactory: (controller, method, version) => {
      const id = [controller, method, version].filter(Boolean).join('_');
      handlers.set(id, `${controller}.${method}`);
      return id;
    },
  });
  const operations = operationsOf(document);
  keywordsIntoSchemas(operations);
  closeRequestBodies(document, operations);
  shareProblemResponses(document, operations);
  shareParameters(document, operations);
  addDefaultProblemResponse(document, operations);
  factorSharedSchemas(document);
  const { probes } = app.get(ConfigService<GatewayConfig, true>).get('auth', { infer: true });
  if (probes === 'open') {
    const open = probeHandlers(app);
    for (const [, operation] of operations) {
      if (open.has(handlers.get(operation.operationId ?? '') ?? '')) operation.security = [];
    }
  }
  document.components!.examples = problemExampleComponents(referencesIn(document, new Set()));
  listTags(document, operations);
  return document;
}

/**
 * The document a running gateway serves, built again each UTC day: its `scheduledAt` examples stay in the future
 * (and within a year) whenever "Try it out" sends them.
 */
export function servedOpenApiDocument(app: NestFastifyApplication): () => OpenAPIObject {
  let built: { day: string; document: OpenAPIObject } | undefined;
  return () => {
    // The system's time, not the injected Clock: the examples must pass IsFutureDateTime, which reads it.
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    if (built?.day !== day) built = { day, document: buildOpenApiDocument(app, { now }) };
    return built.document;
  };
}
