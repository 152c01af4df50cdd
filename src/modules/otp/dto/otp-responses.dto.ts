import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UPSTREAM_REJECTION_REASONS } from '../otp-rejection.js';

export class OtpSentDto {
  @ApiProperty({
    description:
      "The gateway's id of the send in the message ledger (`GET /v1/messages/{id}`; the code itself is never stored).",
    example: 'msg_01JDX3K2M7ZQ4V8T6N5R2B9C1D',
  })
  id!: string;

  @ApiProperty({ description: 'The destination the code was sent to.', example: '34600000000' })
  destination!: string;

  @ApiProperty({
    description: "Afilnet's message id, when it reports one.",
    type: String,
    nullable: true,
    example: '1001',
  })
  messageId!: string | null;

  @ApiProperty({
    description: 'Credits Afilnet charged, when it reports them.',
    type: Number,
    nullable: true,
    example: 1,
  })
  credits!: number | null;

  @ApiProperty({
    description:
      'When the code stops being valid (computed by the gateway from the validity asked for, or the longest ' +
      'allowed when none was).',
    type: String,
    format: 'date-time',
    example: '2026-11-27T10:10:00.000Z',
  })
  expiresAt!: string;
}

/**
 * `rejected`: Afilnet refused the code with an error the gateway has no specific reason for (it fails closed:
 * see `otp-rejection.ts`); `superseded`: a newer code went to another spelling of the same destination (another
 * `+tag`), so this one is not checked.
 */
export const OTP_REJECTION_REASONS = [...UPSTREAM_REJECTION_REASONS, 'superseded'] as const;
export type OtpRejectionReason = (typeof OTP_REJECTION_REASONS)[number];

export class OtpVerificationDto {
  @ApiProperty({ description: 'Whether the code matched.', example: true })
  valid!: boolean;

  @ApiPropertyOptional({
    description:
      'Why the code was rejected (only when `valid` is false): `incorrect_code`, `expired`, `not_found` for the ' +
      "codes the gateway knows, `rejected` for any other refusal from Afilnet, `superseded` when the destination's " +
      'latest code went to another spelling of it (another `+tag`) and this one was not checked.',
    enum: OTP_REJECTION_REASONS,
    example: 'incorrect_code',
  })
  reason?: OtpRejectionReason;

  @ApiPropertyOptional({
    description:
      "Afilnet's error code for a rejection it answered (null if it was not shaped like a code); absent otherwise.",
    type: String,
    nullable: true,
    example: 'INCORRECT_OTP',
  })
  upstreamCode?: string | null;
}
