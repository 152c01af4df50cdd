import { isDeepStrictEqual } from 'node:util';
import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { PAIR_SEPARATORS } from '../common/afilnet/afilnet-encoding.js';
import { WIRE_FORMAT } from '../common/swagger/api-wire-format.decorator.js';
import {
  ISO_WITH_OFFSET,
  MAX_PAIR_VALUE_LENGTH,
  MAX_PAIRS,
  scheduleExample,
} from '../common/validation/afilnet-values.validators.js';
import { MSISDN_PATTERN } from '../common/validation/destination.validators.js';
import { CONTACT_MOBILE } from '../modules/groups/dto/group-rules.js';
import { SMS_SENDER } from '../modules/sms/dto/send-sms.dto.js';
import { ONE_LINE } from '../modules/user/dto/address-rules.js';

/*
 * The class-validator rules of every documented DTO property, written into its OpenAPI schema: one mechanism for
 * every DTO instead of each rule copied by hand into `@ApiProperty`. It runs on the Swagger metadata before the
 * document is generated, so request bodies, query and path parameters all get the rules.
 *
 * Only what the gateway enforces is emitted: every keyword follows from the gateway's own check, so a value the
 * schema refuses the gateway refuses too (test/openapi-contract.e2e-spec.ts sends one for each rule). Where the
 * check says more than a keyword can (a country among ISO 3166-1's, a rule between two fields) the field's
 * description says it; `format` (email, uri) names validator.js's check, whose grammar differs at the edges. A
 * validator this file does not know stops the document build, so a new rule cannot go undocumented by accident.
 */

type Schema = Record<string, unknown>;

/** What class-validator records per decorator (its `ValidationMetadata`, which it does not export). */
interface RuleMetadata {
  type: string;
  name?: string;
  target: unknown;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
  constraintCls?: unknown;
}

/** What a rule says about the value, or `undefined` when no keyword says it. */
type RuleSchema = (constraints: readonly unknown[], now: number | undefined) => Schema | undefined;

/** `@Matches(regex)` or `@Matches(source, modifiers)`. */
function regexPattern(value: unknown, modifiers: unknown): string {
  const regex =
    value instanceof RegExp ? value : new RegExp(value as string, (modifiers as string | undefined) ?? '');
  // JSON Schema patterns have no flags; a flagged rule needs a pattern written for it.
  if (regex.flags !== '') throw new Error(`the pattern /${regex.source}/${regex.flags} has flags`);
  return regex.source;
}

/** A value without Afilnet's `key:value,key:value` separators (the negation of `PAIR_SEPARATORS`' class). */
const PAIR_VALUE = `^[^${/^\[(.*)\]$/.exec(PAIR_SEPARATORS.source)![1]}]*$`;

/** class-validator's own decorators, by their metadata name. */
const BUILT_IN: Record<string, RuleSchema> = {
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isBoolean: () => ({ type: 'boolean' }),
  isObject: () => ({ type: 'object' }),
  isArray: () => ({ type: 'array' }),
  min: ([minimum]) => ({ minimum }),
  max: ([maximum]) => ({ maximum }),
  // class-validator counts characters as JSON Schema does, in code points (validator.js), except that it also
  // counts an emoji's variation selector (U+FE0F) as part of it: a generated validator may count one more there.
  minLength: ([minLength]) => ({ minLength }),
  maxLength: ([maxLength]) => ({ maxLength }),
  isLength: ([minLength, maxLength]) => ({ minLength, ...(maxLength === undefined ? {} : { maxLength }) }),
  // class-validator's `matches` refuses anything but a string.
  matches: ([pattern, modifiers]) => ({ type: 'string', pattern: regexPattern(pattern, modifiers) }),
  isIn: ([values]) => ({ enum: values }),
  isNotIn: ([values]) => ({ not: { enum: values } }),
  arrayMinSize: ([minItems]) => ({ minItems }),
  arrayMaxSize: ([maxItems]) => ({ maxItems }),
  arrayUnique: ([selector]) => {
    if (selector !== undefined) throw new Error('arrayUnique with a selector has no schema here');
    return { uniqueItems: true };
  },
  isEmail: ([options]) => {
    // Filled in with validator.js's defaults on first use, like isUrl's: only a display name ("Ana <a@b.c>")
    // would be a form `email` does not take.
    const given = (options ?? {}) as Record<string, unknown>;
    if (given.allow_display_name === true || given.require_display_name === true) {
      throw new Error('isEmail with display names has no schema here');
    }
    return { format: 'email' };
  },
  isUrl: ([options]) => {
    // validator.js fills the options in with its defaults on first use; only these could let a URL through that
    // the schema below refuses. The others (a TLD, no underscores…) make the gateway stricter than the schema.
    const given = (options ?? {}) as Record<string, unknown>;
    const httpsOnly =
      isDeepStrictEqual(given.protocols, ['https']) &&
      given.require_protocol === true &&
      given.require_valid_protocol !== false &&
      given.allow_protocol_relative_urls !== true;
    if (!httpsOnly) throw new Error(`isUrl with options ${JSON.stringify(options)} has no schema here`);
    // validator.js compares the scheme case-insensitively.
    return { format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]://' };
  },
  // ISO 8601 has forms no pattern here states; the properties that take it state their form with @Matches.
  isIso8601: () => undefined,
};

const STRING = (pattern: RegExp): Schema => ({ type: 'string', pattern: pattern.source });
const EMAIL: Schema = { type: 'string', format: 'email' };

/** A rule between two fields (the sibling `type`, `from` or `isCompany`): OpenAPI 3.0 has no keyword for it. */
const BETWEEN_FIELDS: RuleSchema = () => undefined;

/** The gateway's own validators, by the name each one registers. */
const CUSTOM: Record<string, RuleSchema> = {
  isFutureDateTime: (_, now) => ({
    pattern: ISO_WITH_OFFSET.source,
    // Any fixed date would one day be in the past, or more than a year ahead: the example is dated from the
    // moment the document is built, or left out (null: send now) where nothing says when it is read.
    example: now === undefined ? null : scheduleExample(now),
  }),
  isAfilnetPairs: () => ({
    type: 'object',
    minProperties: 1,
    maxProperties: MAX_PAIRS,
    // OpenAPI 3.0 has no `propertyNames`: the key rule (PAIR_KEY) is in the description. Values: the gateway
    // counts UTF-16 units, so an emoji counts twice there and once in `maxLength`.
    additionalProperties: {
      oneOf: [{ type: 'string', maxLength: MAX_PAIR_VALUE_LENGTH, pattern: PAIR_VALUE }, { type: 'number' }],
    },
  }),
  isContactFields: () => ({
    properties: {
      mobile: STRING(CONTACT_MOBILE),
      email: EMAIL,
    },
  }),
  // Typed branches: @nestjs/swagger drops a property's `type` beside a combinator.
  isMainFieldValue: () => ({ anyOf: [STRING(CONTACT_MOBILE), EMAIL] }),
  isMobileOrEmail: () => ({ anyOf: [STRING(MSISDN_PATTERN), EMAIL] }),
  isLineOfText: ([maxLength]) => ({ minLength: 1, maxLength, pattern: ONE_LINE.source }),
  // When given at all (a company), the name is one line of text.
  isCompanyName: ([, maxLength]) => ({ minLength: 1, maxLength, pattern: ONE_LINE.source }),
  // The code must also be one of ISO 3166-1's, which the description says.
  isCountryCode: () => ({ pattern: '^[A-Za-z]{2}$' }),
  isCallingCode: () => ({ pattern: '^\\d{1,4}$' }),
  // Which of the two its `type` sibling asks for is the description's to say.
  isDestinationOfType: () => ({ anyOf: [STRING(MSISDN_PATTERN), EMAIL] }),
  // http(s), no credentials, no link-local host: the scheme is stated here, the host rule in the description.
  isWebhookUrl: () => ({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }),
  // An SMS sender or a voice caller number, as the batch's `channel` says.
  isBatchSender: () => ({ type: 'string', anyOf: [STRING(SMS_SENDER), STRING(MSISDN_PATTERN)] }),
  onlyForChannels: BETWEEN_FIELDS,
  includesMainField: BETWEEN_FIELDS,
  isNotBefore: BETWEEN_FIELDS,
};

function ruleName(rule: RuleMetadata): string | undefined {
  if (rule.type !== 'customValidation') return undefined;
  if (rule.name !== undefined) return rule.name;
  const [constraint] = getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls as () => void);
  return constraint?.name;
}

/** The schema a property's rules state, with `items` for the rules that apply to each element (`each`). */
function rulesSchema(owner: string, rules: readonly RuleMetadata[], now: number | undefined): Schema {
  const schema: Schema = {};
  const items: Schema = {};
  for (const rule of rules) {
    const name = ruleName(rule);
    if (name === undefined) continue; // @IsOptional, @ValidateNested: the schema's `required` and `$ref` say them
    const describe = BUILT_IN[name] ?? CUSTOM[name];
    if (describe === undefined) {
      throw new Error(
        `${owner}: the validator ${name} has no schema; add one to src/openapi/validation-rules.ts`,
      );
    }
    let part: Schema | undefined;
    try {
      part = describe(rule.constraints ?? [], now);
    } catch (error) {
      throw new Error(`${owner}: ${(error as Error).message}`, { cause: error });
    }
    if (part !== undefined) merge(owner, rule.each === true ? items : schema, part);
  }
  if (Object.keys(items).length > 0) merge(owner, schema, { items });
  return schema;
}

function merge(owner: string, into: Schema, part: Schema): void {
  for (const [key, value] of Object.entries(part)) {
    if (value === undefined) continue;
    const current = into[key];
    if (current === undefined) into[key] = value;
    else if (key === 'items' || key === 'properties') merge(owner, current as Schema, value as Schema);
    // A value must match every pattern, and a schema has room for one: the others go in `allOf` (each with its
    // type, since @nestjs/swagger drops a property's `type` beside a combinator).
    else if (key === 'pattern' && current !== value) {
      const others = (into.allOf ?? []) as Schema[];
      if (!others.some((other) => other.pattern === value)) {
        into.allOf = [...others, { type: 'string', pattern: value }];
      }
    } else if (!isDeepStrictEqual(current, value)) {
      throw new Error(
        `${owner}: two rules give ${key} ${JSON.stringify(current)} and ${JSON.stringify(value)}`,
      );
    }
  }
}

const TYPE_NAMES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Object, 'object'],
  [Array, 'array'],
]);

/** The type `@ApiProperty` documents: a name, a constructor, or a DTO class (an object). */
function documentedType(property: Schema): string | undefined {
  if (property.isArray === true) return 'array';
  const { type } = property;
  if (typeof type === 'string') return type;
  if (TYPE_NAMES.has(type)) return TYPE_NAMES.get(type);
  // A DTO class; a lazy `() => Class` has no prototype and is left unchecked.
  return typeof type === 'function' && type.prototype !== undefined ? 'object' : undefined;
}

/**
 * The rules on each element of a documented array: its `type` is the documented element type's (a DTO class's
 * `$ref` stays), so only what it adds to that type is kept.
 */
function documentedItems(owner: string, property: Schema, items: Schema): Schema | undefined {
  const { type, ...rest } = items;
  // An array of enum values keeps `type: 'array'` on the property; its element type is already under `items`.
  const elements = (property.items as Schema | undefined)?.type;
  const declared =
    property.isArray !== true
      ? undefined
      : typeof elements === 'string'
        ? elements
        : documentedType({ type: property.type });
  if (declared === 'object') {
    if (Object.keys(rest).length > 0)
      throw new Error(`${owner}: rules on elements that are DTOs belong on the DTO`);
    return undefined;
  }
  const refined = declared === 'number' && type === 'integer';
  if (type !== undefined && declared !== undefined && declared !== type && !refined) {
    throw new Error(`${owner}: elements documented as ${declared}, validated as ${JSON.stringify(type)}`);
  }
  // `items` replaces the element schema @nestjs/swagger would write, so it states the element type too.
  return { type: refined ? type : (declared ?? type), ...rest };
}

/** The documented property with the rules' schema merged in; a rule that contradicts it is an error. */
function documented(owner: string, property: Schema, rules: Schema): Schema {
  const result: Schema = { ...property };
  for (const [key, value] of Object.entries(rules)) {
    if (key === 'type') {
      const declared = documentedType(property);
      // class-validator's integer refines a documented `number`.
      if (declared === undefined || (declared === 'number' && value === 'integer')) result.type = value;
      else if (declared !== value) {
        throw new Error(`${owner}: documented as ${declared}, validated as ${JSON.stringify(value)}`);
      }
      continue;
    }
    if (key === 'items') {
      const items = documentedItems(owner, property, value as Schema);
      if (items !== undefined) result.items = { ...(property.items as Schema | undefined), ...items };
      continue;
    }
    const current = property[key];
    if (current === undefined) result[key] = value;
    else if (!isDeepStrictEqual(current, value)) {
      throw new Error(
        `${owner}: @ApiProperty says ${key} ${JSON.stringify(current)}, the rules ${JSON.stringify(value)}`,
      );
    }
  }
  return result;
}

/** The metadata `@ApiProperty` wrote, kept aside the first time so that every later run starts from it. */
const AS_DECORATED = Symbol('openapi:as-decorated');

function asDecorated(prototype: object, name: string): Schema | undefined {
  const kept = Reflect.getOwnMetadata(AS_DECORATED, prototype, name) as Schema | undefined;
  if (kept !== undefined) return kept;
  const property = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, name) as
    Schema | undefined;
  if (property !== undefined) Reflect.defineMetadata(AS_DECORATED, property, prototype, name);
  return property;
}

function byProperty(rules: readonly RuleMetadata[]): Map<string, RuleMetadata[]> {
  const groups = new Map<string, RuleMetadata[]>();
  for (const rule of rules) groups.set(rule.propertyName, [...(groups.get(rule.propertyName) ?? []), rule]);
  return groups;
}

/** Every class with validation rules, as class-validator keeps them (its storage is not exported as a list). */
function validatedClasses(): Map<unknown, RuleMetadata[]> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: unknown };
  if (!(storage.validationMetadatas instanceof Map)) {
    throw new Error(
      "class-validator's metadata storage changed shape: src/openapi/validation-rules.ts reads it",
    );
  }
  return storage.validationMetadatas as Map<unknown, RuleMetadata[]>;
}

/**
 * Writes each documented property's validation rules into its Swagger metadata (idempotent: run before every
 * document is generated). `now` dates the `scheduledAt` examples; without it they are null.
 */
export function documentValidationRules(now: number | undefined): void {
  for (const [target, rules] of validatedClasses()) {
    if (typeof target !== 'function') continue; // schema-based validation (unused here)
    const prototype = target.prototype as object;
    for (const [name, propertyRules] of byProperty(rules)) {
      const property = asDecorated(prototype, name);
      // Not in the document (configuration classes), or a wire form its @ApiWireFormat states by hand.
      if (property === undefined || Reflect.getMetadata(WIRE_FORMAT, prototype, name) === true) continue;
      const owner = `${target.name}.${name}`;
      const schema = documented(owner, property, rulesSchema(owner, propertyRules, now));
      Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, schema, prototype, name);
    }
  }
}
