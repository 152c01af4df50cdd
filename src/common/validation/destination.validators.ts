import {
  isEmail,
  Matches,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** International mobile number as Afilnet wants it: country code first, digits only, no `+` (8–15 digits). */
export const MSISDN_PATTERN = /^[1-9]\d{7,14}$/;
export const MSISDN_RULE =
  'must be an international mobile number: 8 to 15 digits, country code first, no + or spaces';
export const EMAIL_RULE = 'must be a valid e-mail address';

export const isMsisdn = (value: unknown): boolean => typeof value === 'string' && MSISDN_PATTERN.test(value);

/** Afilnet destinations are either kind; the field's `type` sibling says which. */
export type DestinationType = 'mobile' | 'email';

export function IsMsisdn(options?: ValidationOptions): PropertyDecorator {
  return Matches(MSISDN_PATTERN, { message: `$property ${MSISDN_RULE}`, ...options });
}

/** The destination must be of the kind named by the `typeProperty` sibling (`mobile` or `email`). */
export function IsDestinationOfType(typeProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDestinationOfType',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [typeProperty],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const type = (args.object as Record<string, unknown>)[typeProperty];
          if (type === 'mobile') return isMsisdn(value);
          if (type === 'email') return typeof value === 'string' && isEmail(value);
          return typeof value === 'string';
        },
        defaultMessage(args: ValidationArguments): string {
          const type = (args.object as Record<string, unknown>)[typeProperty];
          if (type === 'mobile') return `${args.property} ${MSISDN_RULE} (${typeProperty} is mobile)`;
          if (type === 'email') return `${args.property} ${EMAIL_RULE} (${typeProperty} is email)`;
          return `${args.property} must be a string`;
        },
      },
    });
}

/** A destination of either kind, for operations that take no `type`. */
export function IsMobileOrEmail(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMobileOrEmail',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => isMsisdn(value) || (typeof value === 'string' && isEmail(value)),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a mobile number (8 to 15 digits, country code first, no +) or an e-mail address`,
      },
    });
}
