import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, registerDecorator, type ValidationArguments } from 'class-validator';

export const INSTANT_RULE = 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00+01:00';
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant: ISO 8601 with a time and an offset, so that it names one moment whatever the server's zone. */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: `$property ${INSTANT_RULE}` }),
    Matches(WITH_OFFSET, { message: `$property ${INSTANT_RULE}` }),
  );
}

/** Both ends given: this instant must not come before the `fromProperty` sibling. */
export function IsNotBefore(fromProperty: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const from = Date.parse(String((args.object as Record<string, unknown>)[fromProperty]));
          const to = Date.parse(String(value));
          return Number.isNaN(from) || Number.isNaN(to) || from <= to;
        },
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must not be before ${fromProperty}`,
      },
    });
}
