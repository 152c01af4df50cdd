import { ApiProperty } from '@nestjs/swagger';

const LEDGER_ID = {
  description:
    "The gateway's id of the message in the ledger: `GET /v1/messages/{id}` follows it to delivery.",
  example: 'msg_01JDX3K2M7ZQ4V8T6N5R2B9C1D',
};

export class MessageSentDto {
  @ApiProperty(LEDGER_ID)
  id!: string;

  @ApiProperty({
    description: "Afilnet's id of the message; ask for its delivery with the channel's status route.",
    type: String,
    nullable: true,
    example: '1',
  })
  messageId!: string | null;

  @ApiProperty({
    description: 'Credits Afilnet charged, when it reports them.',
    type: Number,
    nullable: true,
    example: 1,
  })
  credits!: number | null;
}

export class BulkDestinationDto {
  @ApiProperty({ ...LEDGER_ID, type: String, nullable: true })
  id!: string | null;

  @ApiProperty({
    description: "Afilnet's id of this recipient's message.",
    type: String,
    nullable: true,
    example: '1',
  })
  messageId!: string | null;

  @ApiProperty({
    description: 'The recipient: the contact number with the country code in front, or the e-mail address.',
    type: String,
    nullable: true,
    example: '34600000001',
  })
  destination!: string | null;
}

export class BulkSentDto {
  @ApiProperty({
    description: "Afilnet's id of the bulk send, when it reports one.",
    type: String,
    nullable: true,
    example: '1',
  })
  id!: string | null;

  @ApiProperty({ description: 'How many messages the send generated (one per contact).', example: 2 })
  count!: number;

  @ApiProperty({
    description: 'Credits Afilnet charged in total, when it reports them.',
    type: Number,
    nullable: true,
    example: 2,
  })
  credits!: number | null;

  @ApiProperty({ description: 'One entry per recipient.', type: [BulkDestinationDto] })
  destinations!: BulkDestinationDto[];
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export class DeliveryStatusDto {
  @ApiProperty({ description: 'The message id asked about.', example: '1' })
  messageId!: string;

  @ApiProperty({
    description:
      "Normalised from Afilnet's `deliverystatus`: `pending` (accepted, scheduled or on its way), `delivered`, " +
      '`failed` (rejected, undeliverable or expired) or `unknown` (a word the gateway does not recognise, or none).',
    enum: DELIVERY_STATUSES,
    example: 'delivered',
  })
  status!: DeliveryStatus;

  @ApiProperty({
    description: 'When the message was delivered (only for `delivered`, and only when Afilnet says).',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-26T10:00:02.000Z',
  })
  deliveredAt!: string | null;

  @ApiProperty({
    description: "Afilnet's own `deliverystatus` value, verbatim.",
    type: String,
    nullable: true,
    example: 'DELIVERED',
  })
  raw!: string | null;
}
