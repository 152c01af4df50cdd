import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, registerDecorator, type ValidationArguments } from 'class-validator';
import { PaginationQueryDto } from '../../../common/validation/pagination.dto.js';

const INSTANT_RULE = 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00+01:00';
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Both ends given: `to` must not come before the `from` sibling. */
function IsNotBefore(fromProperty: string): PropertyDecorator {
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

export class EventsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: `Only events at or after this instant (to the second). It ${INSTANT_RULE}.`,
    example: '2026-01-01T00:00:00+01:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: `$property ${INSTANT_RULE}` })
  @Matches(WITH_OFFSET, { message: `$property ${INSTANT_RULE}` })
  from?: string;

  @ApiPropertyOptional({
    description: `Only events at or before this instant (to the second), not before \`from\`. It ${INSTANT_RULE}.`,
    example: '2030-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: `$property ${INSTANT_RULE}` })
  @Matches(WITH_OFFSET, { message: `$property ${INSTANT_RULE}` })
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({
    description:
      'Only events of this type (Afilnet does not document its event types; the sandbox records e.g. ' +
      '`message.sent`, `group.created`, `contact.added`, and a prefix such as `contact` matches them all).',
    example: 'message.sent',
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,49}$/, {
    message: '$property must be 1 to 50 characters: a letter, then letters, digits, _ . or -',
  })
  type?: string;
}
