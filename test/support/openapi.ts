import { request, type RunningGateway } from './gateway.js';

/** Shared components the suites read in place; schemas stay referenced (`$ref`), as the suites resolve them. */
const INLINED = /^#\/components\/(parameters|responses|examples)\/([^/]+)$/;

function inline(value: unknown, components: Record<string, Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(item, components));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  const match = typeof ref === 'string' ? INLINED.exec(ref) : null;
  if (match !== null) {
    const target = components[match[1]]?.[match[2]];
    if (target === undefined) throw new Error(`${String(ref)} is not in the document`);
    return inline(target, components);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inline(item, components)]));
}

/** The document a gateway serves at /docs-json, with its shared parameters, responses and examples in place. */
export async function servedDocument<T>(gateway: RunningGateway): Promise<T> {
  const { status, body } = await request<{ components: Record<string, Record<string, unknown>> }>(
    gateway,
    'GET',
    '/docs-json',
  );
  if (status !== 200) throw new Error(`GET /docs-json answered ${status}`);
  return inline(body, body.components) as T;
}

export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  enum?: unknown[];
  not?: { enum?: unknown[] };
  format?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  example?: unknown;
  schema?: Schema;
}

export interface Response {
  content?: Record<string, { schema?: Schema; examples?: Record<string, unknown> }>;
}

export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema; example?: unknown }> };
  responses: Record<string, Response>;
  security?: unknown[];
  'x-afilnet-method'?: string;
}

export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, unknown>;
    examples: Record<string, { value: Record<string, unknown> }>;
  };
  tags: { name: string; description?: string }[];
}

/** A component schema for a `$ref`, or the schema itself. */
export function resolveSchema(document: Document, schema: Schema): Schema {
  return schema.$ref === undefined ? schema : document.components.schemas[schema.$ref.split('/').at(-1)!];
}

/** The request body "Try it out" sends: the media example, or each property's example. */
export function exampleBody(document: Document, op: Operation): Record<string, unknown> | undefined {
  const media = op.requestBody?.content['application/json'];
  if (media === undefined) return undefined;
  if (media.example !== undefined) return media.example as Record<string, unknown>;
  const schema = resolveSchema(document, media.schema);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([, property]) => property.example !== undefined)
      .map(([name, property]) => [name, property.example]),
  );
}

/** The path with each parameter set to its example, or to the value given for it in `replaced`. */
export function examplePath(path: string, op: Operation, replaced: Record<string, unknown> = {}): string {
  let url = path;
  const query = new URLSearchParams();
  for (const parameter of op.parameters ?? []) {
    const example = replaced[parameter.name] ?? parameter.example ?? parameter.schema?.example;
    if (example === undefined) continue;
    if (parameter.in === 'path')
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(example)));
    if (parameter.in === 'query') query.set(parameter.name, String(example));
  }
  return query.size === 0 ? url : `${url}?${query.toString()}`;
}
