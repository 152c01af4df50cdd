import { ApiProperty } from '@nestjs/swagger';

export class EventDto {
  @ApiProperty({
    description: "The event's id, when Afilnet gives one.",
    type: 'integer',
    nullable: true,
    example: 7,
  })
  id!: number | null;

  @ApiProperty({ description: 'Kind of event.', type: String, nullable: true, example: 'message.sent' })
  type!: string | null;

  @ApiProperty({
    description: 'When it happened (ISO 8601, UTC), converted from Afilnet’s local time.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-26T10:00:00.000Z',
  })
  at!: string | null;

  @ApiProperty({
    description: 'What happened, in words.',
    type: String,
    nullable: true,
    example: 'sms message 12 to 34600000000',
  })
  detail!: string | null;
}

export class EventPageDto {
  @ApiProperty({ description: 'This page number.', example: 1 })
  page!: number;

  @ApiProperty({ description: 'Items per page asked for.', example: 20 })
  pageSize!: number;

  @ApiProperty({
    description: 'How many events match, when Afilnet says.',
    type: 'integer',
    nullable: true,
    example: 1,
  })
  total!: number | null;

  @ApiProperty({ description: "This page's events, newest first.", type: [EventDto] })
  events!: EventDto[];
}
