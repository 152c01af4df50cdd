import { countries } from 'countries-list';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/*
 * The rules of an account address's fields. Afilnet documents only namelastname, iscompany and companyname for
 * addaddress; the other fields follow subaccount.addsubaccount, whose page gives their formats.
 */

export const MAX_NAME_LENGTH = 100;
export const MAX_CITY_NAME_LENGTH = 100;
export const MAX_ADDRESS_LENGTH = 200;

/** One line with something on it: no line breaks, not blank. */
export const ONE_LINE = /^[^\r\n]*\S[^\r\n]*$/;

/** A tax or identity document number (e.g. `B12345678`, `123456789A`, `X-1234567-L`): 1 to 30 characters. */
export const DOCUMENT_ID = /^[A-Za-z0-9]([A-Za-z0-9 ./-]{0,28}[A-Za-z0-9])?$/;
export const DOCUMENT_ID_RULE =
  'must be 1 to 30 letters and digits (spaces, ".", "/" and "-" allowed between them)';

/** A postal code as countries write them (`28001`, `SW1A 1AA`, `00-950`): 2 to 10 characters. */
export const ZIP_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{0,8}[A-Za-z0-9]$/;
export const ZIP_CODE_RULE = 'must be 2 to 10 letters and digits (spaces and "-" allowed between them)';

/** ISO 3166-1 alpha-2 codes, from the same `countries-list` data as the dialling codes and GET /v1/countries. */
const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(countries));

export function isCountryCode(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) && COUNTRY_CODES.has(value.toUpperCase());
}

/** A country as its ISO 3166-1 alpha-2 code, in either case (`ES` or `es`). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isCountryCode,
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be a country's ISO 3166-1 alpha-2 code (e.g. "ES" for Spain), not a dialling code`,
      },
    });
}

function lineProblem(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > maxLength) return `must be at most ${maxLength} characters`;
  if (!ONE_LINE.test(value)) return 'must be one line of text, not blank';
  return undefined;
}

/** One line of text, 1 to `maxLength` characters, not blank: one message for whichever part is broken. */
export function IsLineOfText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLineOfText',
      target: target.constructor,
      propertyName: propertyName as string,
      // Kept in the metadata for the OpenAPI document (src/openapi/validation-rules.ts).
      constraints: [maxLength],
      options,
      validator: {
        validate: (value: unknown) => lineProblem(value, maxLength) === undefined,
        defaultMessage: ({ property, value }: ValidationArguments) =>
          `${property} ${lineProblem(value, maxLength) ?? 'is invalid'}`,
      },
    });
}

function companyNameProblem(value: unknown, isCompany: unknown, maxLength: number): string | undefined {
  // A missing or non-boolean isCompany is reported by its own rule; there is no holder kind to check against.
  if (typeof isCompany !== 'boolean') return undefined;
  const given = value !== undefined && value !== null;
  if (!isCompany) {
    return given ? 'must be left out when isCompany is false: a person has no company name' : undefined;
  }
  if (!given) return 'is required when isCompany is true';
  return lineProblem(value, maxLength);
}

/**
 * The company's name goes with the `flagProperty` sibling (isCompany): required, as one line of text, for a
 * company; refused for a person, rather than silently dropped (Afilnet's page: "company name when iscompany=1").
 */
export function IsCompanyName(
  flagProperty: string,
  maxLength: number,
  options?: ValidationOptions,
): PropertyDecorator {
  const flagOf = (object: object): unknown => (object as Record<string, unknown>)[flagProperty];
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCompanyName',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [flagProperty, maxLength],
      options,
      validator: {
        validate: (value: unknown, { object }: ValidationArguments) =>
          companyNameProblem(value, flagOf(object), maxLength) === undefined,
        defaultMessage: ({ property, value, object }: ValidationArguments) =>
          `${property} ${companyNameProblem(value, flagOf(object), maxLength) ?? 'is invalid'}`,
      },
    });
}
