import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { INSTANT_RULE, IsInstant, IsNotBefore } from '../../../common/validation/instant.validators.js';
import { CursorPageQueryDto } from '../../../common/validation/pagination.dto.js';
import { CHANNELS, MESSAGE_STATUSES, type Channel, type MessageStatus } from '../../../database/schema.js';
import { DEMO_MESSAGE_ID } from './message.dto.js';

const MESSAGE_ID = /^msg_[0-9A-HJKMNP-TV-Z]{26}$/;

/** `GET /v1/messages`: filters and a cursor (API.md §2). */
export class MessagesQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Only this channel.', enum: CHANNELS, example: 'sms' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    description: 'Only messages in this status.',
    enum: MESSAGE_STATUSES,
    example: 'pending',
  })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;

  @ApiPropertyOptional({ description: 'Only messages to this destination, exactly.', example: '34600000000' })
  @IsOptional()
  @Matches(/^\S{1,320}$/, { message: '$property must be 1 to 320 characters without spaces' })
  to?: string;

  @ApiPropertyOptional({
    description: "Only this batch's recipients (`bat_…`).",
  })
  @IsOptional()
  @Matches(/^bat_[0-9A-HJKMNP-TV-Z]{26}$/, { message: '$property must be a batch id (bat_…)' })
  batchId?: string;

  @ApiPropertyOptional({
    description: `Created at or after this instant; it ${INSTANT_RULE}.`,
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  since?: string;

  @ApiPropertyOptional({
    description: `Created before this instant, not before \`since\`; it ${INSTANT_RULE}.`,
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  @IsNotBefore('since')
  until?: string;
}

export class MessageParamsDto {
  @ApiProperty({
    description:
      "The message's id (`msg_…`). The example is a demo message that exists in sandbox mode only.",
    example: DEMO_MESSAGE_ID,
  })
  @Matches(MESSAGE_ID, { message: 'id must be a message id: msg_ and 26 characters' })
  @MaxLength(30)
  id!: string;
}
