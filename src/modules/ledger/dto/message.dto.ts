import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, MESSAGE_STATUSES, type Channel, type MessageStatus } from '../../../database/schema.js';

/** Seeded in sandbox mode, so that Swagger's examples find it on a fresh start. */
export const DEMO_MESSAGE_ID = 'msg_00000000000000000000000001';
const EXAMPLE_ID = DEMO_MESSAGE_ID;
const at = (description: string, example: string | null) =>
  ApiProperty({ description, type: String, format: 'date-time', nullable: true, example });

export class StatusChangeDto {
  @ApiProperty({
    description: 'The status the message moved to.',
    enum: MESSAGE_STATUSES,
    example: 'pending',
  })
  status!: MessageStatus;

  @ApiProperty({ description: 'When.', format: 'date-time', example: '2026-11-26T10:00:00.120Z' })
  at!: string;
}

/** A message as the ledger lists it (API.md §9). */
export class MessageSummaryDto {
  @ApiProperty({ description: "The gateway's id of the message.", example: EXAMPLE_ID })
  id!: string;

  @ApiProperty({ description: 'The channel it went through.', enum: CHANNELS, example: 'sms' })
  channel!: Channel;

  @ApiProperty({ description: 'The Afilnet method that sent it (`class.method`).', example: 'sms.sendsms' })
  operation!: string;

  @ApiProperty({
    description: 'The name of the API key that sent it; null when the gateway runs without keys.',
    type: String,
    nullable: true,
    example: 'billing',
  })
  caller!: string | null;

  @ApiProperty({
    description:
      'The destination: a number, an e-mail address or a chat id (`group:<id>` while a group send is on its way).',
    example: '34600000000',
  })
  to!: string;

  @ApiProperty({
    description:
      "Afilnet's id of the message, once it accepted it (null for channels whose answer has none).",
    type: String,
    nullable: true,
    example: '123456',
  })
  messageId!: string | null;

  @ApiProperty({
    description:
      '`sending` (written before the Afilnet call) → `pending` | `scheduled` → `delivered` | `failed` | `expired` ' +
      '(tracking gave up); `rejected` (Afilnet refused it, see `errorCode`); `unknown` (the send was interrupted: ' +
      'it may or may not have gone out; never re-sent); `queued` (a batch recipient not sent yet); `canceled` (its batch was canceled before its turn). WhatsApp, chat ' +
      'and one-time codes have no delivery status at Afilnet: they stay `pending`.',
    enum: MESSAGE_STATUSES,
    example: 'delivered',
  })
  status!: MessageStatus;

  @ApiProperty({
    description: "Why it was `rejected` (Afilnet's code) or became `unknown` (the gateway's code).",
    type: String,
    nullable: true,
    example: null,
  })
  errorCode!: string | null;

  @ApiProperty({
    description: 'Credits Afilnet charged, when it said.',
    type: Number,
    nullable: true,
    example: 1,
  })
  credits!: number | null;

  @ApiProperty({ description: 'SMS segments.', type: Number, nullable: true, example: 1 })
  segments!: number | null;

  @ApiProperty({
    description: 'Characters of the text the caller sent (kept whether or not the text is).',
    type: Number,
    nullable: true,
    example: 19,
  })
  contentLength!: number | null;

  @ApiProperty({
    description: "SHA-256 (hex) of the text's UTF-8 bytes: compare without keeping the text.",
    type: String,
    nullable: true,
    example: 'a1f9c1f1ad2d1e7c49fb8e0e08c4d1d1f6c79a5e3bb19e0a4b4c8d2a5fd3a9e1',
  })
  contentSha256!: string | null;

  @ApiProperty({
    description:
      'The text, only when the gateway runs with `LEDGER_STORE_CONTENT=true`. One-time codes never.',
    type: String,
    nullable: true,
    example: null,
  })
  content!: string | null;

  @ApiProperty({ description: 'The template it was sent from.', type: String, nullable: true, example: null })
  templateId!: string | null;

  @ApiProperty({
    description: "The template's values, only with `LEDGER_STORE_CONTENT=true`.",
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    example: null,
  })
  templateParams!: Record<string, string> | null;

  @at('When it is due to go out, for a scheduled send.', null)
  scheduledAt!: string | null;

  @ApiProperty({
    description: 'When the gateway recorded it.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.100Z',
  })
  createdAt!: string;

  @at('When Afilnet accepted it.', '2026-11-26T10:00:00.120Z')
  sentAt!: string | null;

  @at('When Afilnet reports it delivered.', '2026-11-26T10:00:02.000Z')
  deliveredAt!: string | null;

  @ApiProperty({ description: 'The batch it belongs to.', type: String, nullable: true, example: null })
  batchId!: string | null;

  @ApiProperty({
    description: 'The `Idempotency-Key` it was sent with.',
    type: String,
    nullable: true,
    example: 'order-1234-sms',
  })
  idempotencyKey!: string | null;

  @ApiProperty({
    description: 'The `X-Request-Id` of the send.',
    type: String,
    nullable: true,
    example: 'req-1',
  })
  requestId!: string | null;
}

export class MessageDto extends MessageSummaryDto {
  @ApiProperty({ description: 'Every status it has had, oldest first.', type: [StatusChangeDto] })
  history!: StatusChangeDto[];
}

export class MessagePageDto {
  @ApiProperty({ description: 'Newest first.', type: [MessageSummaryDto] })
  items!: MessageSummaryDto[];

  @ApiPropertyOptional({
    description: 'Pass as `cursor` for the next page; null on the last one.',
    type: String,
    nullable: true,
    example: null,
  })
  nextCursor!: string | null;
}
