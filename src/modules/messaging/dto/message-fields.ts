import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { PairValues } from '../../../common/afilnet/afilnet-encoding.js';
import { IsMsisdn } from '../../../common/validation/destination.validators.js';
import { IsAfilnetPairs, IsFutureDateTime } from '../../../common/validation/afilnet-values.validators.js';

/*
 * The fields that sms, voice and e-mail requests share, each with its rules and documentation written once;
 * every channel's DTO still lists its own fields explicitly.
 */

const MAX_ID = 2_147_483_647;

export type TemplateParams = PairValues;

export function PhoneNumberField(description: string, example = '34600000000'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${description} International number: country code first, 8 to 15 digits, no \`+\` or spaces.`,
      example,
    }),
    IsString(),
    IsMsisdn(),
  );
}

/** A required text with a bound: blank text is refused, since Afilnet would charge for an empty message. */
export function MessageTextField(description: string, maxLength: number, example: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${description} 1 to ${maxLength} characters, not blank.`,
      maxLength,
      example,
    }),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(maxLength),
  );
}

export function ScheduledAtField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        'Send later: an ISO 8601 date-time with its offset (`Z` or `±hh:mm`, e.g. tomorrow at 09:30 in Madrid in ' +
        'winter: `YYYY-MM-DDT09:30:00+01:00`), in the future and at most a year ahead. The gateway converts it to ' +
        "Afilnet's wall-clock time in `AFILNET_TIMEZONE`. Omitted or null: send now. A served document's example " +
        'is dated the day it is served.',
      type: String,
      nullable: true,
    }),
    IsOptional(),
    IsFutureDateTime(),
  );
}

export function TemplateIdField(kind: string, example: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `Id of a stored ${kind} template (see the templates routes); its \`<placeholders>\` are filled in.`,
      type: 'integer',
      minimum: 1,
      example,
    }),
    IsInt(),
    Min(1),
    Max(MAX_ID),
  );
}

export function TemplateParamsField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        "Values for the template's `<placeholders>`, by name. Keys: a letter then letters, digits or `_`; values: " +
        'strings or numbers up to 500 characters without `,` `:` or line breaks (Afilnet receives them as ' +
        '`key:value,key:value`). 1 to 50 entries.',
      type: Object,
      example: { name: 'Ana' },
    }),
    IsOptional(),
    IsAfilnetPairs(),
  );
}

export function GroupIdField(kind: 'mobile' | 'email', example: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `Id of a contact group of type \`${kind}\`; every contact of it gets the message.`,
      type: 'integer',
      minimum: 1,
      example,
    }),
    IsInt(),
    Min(1),
    Max(MAX_ID),
  );
}

export function CountryCodeField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: "Dialling code put in front of the group's numbers: 1 to 4 digits, no `+`.",
      example: '34',
    }),
    IsString(),
    Matches(/^[1-9]\d{0,3}$/, { message: '$property must be a dialling code: 1 to 4 digits, no +' }),
  );
}
