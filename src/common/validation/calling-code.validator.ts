import { countries } from 'countries-list';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Every country calling code in the ISO 3166 data of `countries-list` (e.g. "34", "1", "1809"). */
const CALLING_CODES: ReadonlySet<string> = new Set(
  Object.values(countries).flatMap((country) => country.phone.map(String)),
);

export function isCallingCode(value: unknown): boolean {
  return typeof value === 'string' && /^\d{1,4}$/.test(value) && CALLING_CODES.has(value);
}

/** A country's international dialling code as text, digits only and no `+` (e.g. "34" for Spain). */
export function IsCallingCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCallingCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isCallingCode,
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be a country's dialling code: 1 to 4 digits without + (e.g. "34" for Spain)`,
      },
    });
}
