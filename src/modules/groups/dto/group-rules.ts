import {
  isEmail,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { PAIR_SEPARATORS } from '../../../common/afilnet/afilnet-encoding.js';

export const GROUP_TYPES = ['mobile', 'email'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** The field that identifies a contact is named after the group's type: `mobile` or `email`. */
export const MAIN_FIELDS: readonly string[] = GROUP_TYPES;

export const FIELD_NAME = /^[a-z][a-z0-9_]{0,29}$/;
export const FIELD_NAME_RULE =
  'must be 1 to 30 characters: a lower-case letter, then lower-case letters, digits or _';
export const MAX_FIELDS = 20;

/**
 * A contact's mobile number: digits only, national (4–14 digits; a group send puts the group's country code
 * in front) or international (8–15 digits, country code first). Both fit 4–15 digits.
 */
export const CONTACT_MOBILE = /^\d{4,15}$/;
export const CONTACT_MOBILE_RULE =
  'must be 4 to 15 digits without + or spaces: a national number or one with its country code';

/**
 * A main-field value Afilnet can be sent: a contact travels as `field:value,…`, so an address that is valid but
 * quotes Afilnet's separators (`"a,b:c"@example.com`) is refused here rather than break that list.
 */
export function isMainFieldValue(field: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return field === 'mobile' ? CONTACT_MOBILE.test(value) : isEmail(value) && !PAIR_SEPARATORS.test(value);
}

/**
 * The first broken rule of a contact's `field → value` object, or undefined when it is fine. Its shape
 * (an object of 1–50 text or number values without Afilnet's separators) is IsAfilnetPairs' rule.
 */
export function contactFieldsProblem(value: unknown, requireMain: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const badName = entries.find(([name]) => !FIELD_NAME.test(name));
  if (badName !== undefined) return `has field "${badName[0].slice(0, 50)}": field names ${FIELD_NAME_RULE}`;
  if (requireMain && !MAIN_FIELDS.some((main) => main in value)) {
    return "must contain the group's main field, mobile or email";
  }
  for (const main of MAIN_FIELDS) {
    const item = (value as Record<string, unknown>)[main];
    if (item === undefined || isMainFieldValue(main, item)) continue;
    return main === 'mobile' ? `.mobile ${CONTACT_MOBILE_RULE}` : '.email must be a valid e-mail address';
  }
  return undefined;
}

/**
 * A contact's fields: names as group fields are named, and a valid `mobile`/`email` when present. With
 * `requireMain` (adding a contact) one of the two must be there, since a contact is found by it.
 */
export function IsContactFields(requireMain: boolean, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isContactFields',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => contactFieldsProblem(value, requireMain) === undefined,
        defaultMessage: ({ property, value }: ValidationArguments) =>
          `${property} ${contactFieldsProblem(value, requireMain) ?? 'is invalid'}`,
      },
    });
}

/** The `fields` list must name the main field its `typeProperty` sibling implies (creategroup's rule). */
export function IncludesMainField(typeProperty: string, options?: ValidationOptions): PropertyDecorator {
  const mainOf = (object: object): unknown => (object as Record<string, unknown>)[typeProperty];
  return (target, propertyName) =>
    registerDecorator({
      name: 'includesMainField',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const main = mainOf(args.object);
          // An invalid type is reported by its own rule; there is no main field to look for.
          return (
            typeof main !== 'string' ||
            !MAIN_FIELDS.includes(main) ||
            (Array.isArray(value) && value.includes(main))
          );
        },
        defaultMessage: ({ property, object }: ValidationArguments) => {
          const main = String(mainOf(object));
          return `${property} must include "${main}", the main field of a ${main} group`;
        },
      },
    });
}

/** A main-field value of either kind, for operations that do not know the group's type. */
export function IsMainFieldValue(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMainFieldValue',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => MAIN_FIELDS.some((main) => isMainFieldValue(main, value)),
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be a mobile number (4 to 15 digits without + or spaces) or an e-mail address without "," or ":"`,
      },
    });
}
