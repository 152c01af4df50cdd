import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { DeliveryState } from '../../sandbox.messaging.js';

export const OUTBOX_CHANNELS = ['sms', 'voice', 'email', 'whatsapp', 'chat', 'otp'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

const DELIVERY_STATES: readonly DeliveryState[] = ['SCHEDULED', 'PENDING', 'DELIVERED', 'FAILED'];

export class SandboxMessagesQueryDto {
  @ApiPropertyOptional({
    description: 'Only this channel’s messages.',
    enum: OUTBOX_CHANNELS,
    example: 'sms',
  })
  @IsOptional()
  @IsIn(OUTBOX_CHANNELS)
  channel?: OutboxChannel;
}

export class SandboxMessageDto {
  @ApiProperty({ description: 'The message id the send answered.', example: '1' })
  messageId!: string;

  @ApiProperty({ description: 'The channel it went to.', enum: OUTBOX_CHANNELS, example: 'sms' })
  channel!: string;

  @ApiProperty({ description: 'The recipient: number, e-mail address or chat id.', example: '34600000000' })
  destination!: string;

  @ApiProperty({
    description:
      'What the recipient would have got: the text with template placeholders filled; for e-mail the subject, ' +
      'a blank line and the body; attachments and files as `[attachment]`/`[file]` lines.',
    example: 'Your order has shipped.',
  })
  text!: string;

  @ApiProperty({ description: 'Credits the simulator charged for it.', example: 1 })
  credits!: number;

  @ApiProperty({
    description: 'When the send was accepted.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  createdAt!: string;

  @ApiProperty({
    description: 'When it goes (or went) out: `createdAt`, or the scheduled time.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  sendAt!: string;

  @ApiProperty({
    description:
      "The simulator's delivery status, as its `getdeliverystatus` reports it: `SCHEDULED` until its time, then " +
      '`PENDING` for 2 seconds, then `DELIVERED` (or `FAILED` for the magic failing destinations, see the README).',
    enum: DELIVERY_STATES,
    example: 'DELIVERED',
  })
  status!: DeliveryState;

  @ApiProperty({
    description: 'When it was delivered, once `DELIVERED`.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-26T10:00:02.000Z',
  })
  deliveredAt!: string | null;
}
