import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { DestinationType } from '../../../common/validation/destination.validators.js';
import { GenerateOtpDto, OTP_TYPES } from '../../otp/dto/generate-otp.dto.js';
import { VerifyOtpDto } from '../../otp/dto/verify-otp.dto.js';
import type { CancelReason } from '../verification.store.js';

export const VERIFICATION_STATUSES = [
  'pending',
  'approved',
  'expired',
  'max_attempts_reached',
  'canceled',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const CANCEL_REASONS = ['superseded'] as const satisfies readonly CancelReason[];

/** `VE` and 32 hexadecimal digits: 128 random bits, so ids cannot be guessed. */
export const VERIFICATION_ID = /^VE[0-9a-f]{32}$/;
/** Seeded in sandbox mode (visible to every key) so that Swagger's examples work on a fresh start. */
export const DEMO_VERIFICATION_ID = 'VE00000000000000000000000000000001';
/** How long a verification's code can be checked when `ttlMinutes` is omitted. */
export const DEFAULT_TTL_MINUTES = 10;

/** The code's destination and shape as `POST /v1/otp` takes them, plus how long it can be checked. */
export class StartVerificationDto extends PickType(GenerateOtpDto, [
  'type',
  'destination',
  'length',
  'format',
] as const) {
  @ApiPropertyOptional({
    // No `default` keyword: in a request schema, generated clients (openapi-typescript) read it as "always there"
    // and make the field required; the description says what an omitted value means.
    description: `How long the code can be checked, in minutes. Omitted: ${DEFAULT_TTL_MINUTES}.`,
    minimum: 1,
    maximum: 60,
    example: 10,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  ttlMinutes?: number;
}

export class CheckVerificationDto extends PickType(VerifyOtpDto, ['code'] as const) {}

export class VerificationParamsDto {
  @ApiProperty({
    description:
      'The verification id returned when it was started (`VE` and 32 hexadecimal digits). The example is a ' +
      'demo verification that exists in sandbox mode only.',
    example: DEMO_VERIFICATION_ID,
  })
  @IsString()
  @Matches(VERIFICATION_ID, { message: 'id must be "VE" followed by 32 lower-case hexadecimal digits' })
  id!: string;
}

export class VerificationDto {
  @ApiProperty({ description: 'The verification id.', example: 'VE3f9c0b6e2d8a4f17b5e0c9d2a7f4e812' })
  id!: string;

  @ApiProperty({
    description:
      '`pending`: waiting for the right code (a wrong one leaves it pending while attempts are left); `approved`: ' +
      "the right code was given; `expired`: past `expiresAt`; `max_attempts_reached`: the destination's attempts " +
      'are spent; `canceled`: canceled by the caller, or superseded by a newer code for the destination (see ' +
      '`reason`). Only `pending` verifications are checked with Afilnet.',
    enum: VERIFICATION_STATUSES,
    example: 'pending',
  })
  status!: VerificationStatus;

  @ApiProperty({ description: 'Kind of destination.', enum: OTP_TYPES, example: 'mobile' })
  type!: DestinationType;

  @ApiProperty({
    description: 'The destination, masked (`346****0000`, `a***@example.com`).',
    example: '346****0000',
  })
  destination!: string;

  @ApiProperty({
    description:
      "Codes that can still be checked for the destination's current code — shared with `POST /v1/otp/verify` " +
      'and every other verification of the destination.',
    example: 5,
  })
  attemptsLeft!: number;

  @ApiProperty({
    description: 'When the code stops being accepted.',
    format: 'date-time',
    example: '2026-11-27T10:10:00.000Z',
  })
  expiresAt!: string;

  @ApiPropertyOptional({
    description:
      'Only for a `canceled` verification that the caller did not cancel: `superseded` — a newer code was sent ' +
      'to the same destination (by any API key, through `POST /v1/otp` or another verification), so this one can ' +
      'no longer be approved.',
    enum: CANCEL_REASONS,
    example: 'superseded',
  })
  reason?: CancelReason;
}
