import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OtpSentDto {
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
    description: 'When the code stops being valid, if a validity was requested (computed by the gateway).',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-27T10:10:00.000Z',
  })
  expiresAt!: string | null;
}

export const OTP_REJECTION_REASONS = ['incorrect_code', 'expired', 'not_found'] as const;
export type OtpRejectionReason = (typeof OTP_REJECTION_REASONS)[number];

export class OtpVerificationDto {
  @ApiProperty({ description: 'Whether the code matched.', example: true })
  valid!: boolean;

  @ApiPropertyOptional({
    description: 'Why the code was rejected (only when `valid` is false).',
    enum: OTP_REJECTION_REASONS,
    example: 'incorrect_code',
  })
  reason?: OtpRejectionReason;
}
