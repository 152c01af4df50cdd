import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import {
  IsDestinationOfType,
  type DestinationType,
} from '../../../common/validation/destination.validators.js';

export const OTP_TYPES = ['mobile', 'email'] as const;
/** The seed documents days…years; a newer Afilnet page adds minutes and hours. */
export const VALIDITY_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export const OTP_FORMATS = ['all', 'numbers', 'letters'] as const;

/** The longest validity the configuration can allow (a year) in the smallest unit; the configured bound is lower. */
const MAX_VALIDITY_TIME = 525_600;

export type ValidityUnit = (typeof VALIDITY_UNITS)[number];
export type OtpFormat = (typeof OTP_FORMATS)[number];

export class OtpValidityDto {
  @ApiProperty({
    description:
      'How many `unit`s the code stays valid; the whole validity is at most `OTP_MAX_VALIDITY_MINUTES` ' +
      '(1440 minutes, 24 hours, by default).',
    minimum: 1,
    maximum: MAX_VALIDITY_TIME,
    example: 10,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_VALIDITY_TIME)
  time!: number;

  @ApiProperty({ description: 'Unit of `time`.', enum: VALIDITY_UNITS, example: 'minutes' })
  @IsIn(VALIDITY_UNITS)
  unit!: ValidityUnit;
}

export class GenerateOtpDto {
  @ApiProperty({ description: 'Kind of destination.', enum: OTP_TYPES, example: 'mobile' })
  @IsIn(OTP_TYPES)
  type!: DestinationType;

  @ApiProperty({
    description:
      'Where Afilnet sends the code: for `mobile`, an international number (country code first, 8–15 digits, ' +
      'no `+`); for `email`, an e-mail address.',
    example: '34600000000',
  })
  @IsString()
  @IsDestinationOfType('type')
  destination!: string;

  @ApiPropertyOptional({
    description:
      'How long the code is valid: at most `OTP_MAX_VALIDITY_MINUTES` (24 hours by default; a longer one is a ' +
      '`400`). Omitted: that longest validity is asked for, so that no code outlives its attempt count.',
    type: OtpValidityDto,
    example: { time: 10, unit: 'minutes' },
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OtpValidityDto)
  validity?: OtpValidityDto | null;

  @ApiPropertyOptional({
    description: 'Number of characters in the code.',
    minimum: 4,
    maximum: 10,
    example: 6,
  })
  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(10)
  length?: number;

  @ApiPropertyOptional({
    description: 'Characters the code is made of: letters and digits, digits only, or letters only.',
    enum: OTP_FORMATS,
    example: 'numbers',
  })
  @IsOptional()
  @IsIn(OTP_FORMATS)
  format?: OtpFormat;
}
