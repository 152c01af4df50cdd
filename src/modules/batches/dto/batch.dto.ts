import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../common/validation/pagination.dto.js';
import {
  BATCH_CHANNELS,
  BATCH_STATUSES,
  type BatchChannel,
  type BatchStatus,
} from '../../../database/schema.js';

/** Seeded in sandbox mode, paused, so that Swagger's examples (read, resume, cancel) find it on a fresh start. */
export const DEMO_BATCH_ID = 'bat_00000000000000000000000001';
const EXAMPLE_ID = DEMO_BATCH_ID;
export const BATCH_ID = /^bat_[0-9A-HJKMNP-TV-Z]{26}$/;

const count = (description: string, example: number) =>
  ApiProperty({ description, type: 'integer', minimum: 0, example });
const at = (description: string, example: string | null) =>
  ApiProperty({ description, type: String, format: 'date-time', nullable: true, example });

/** `202` to `POST /v1/batches`: queued, sent from now on at the deployment's pace. */
export class BatchAcceptedDto {
  @ApiProperty({ description: "The batch's id.", example: EXAMPLE_ID })
  id!: string;

  @ApiProperty({ description: 'Always `queued` in this answer.', enum: BATCH_STATUSES, example: 'queued' })
  status!: BatchStatus;

  @count('How many recipients were queued.', 3)
  total!: number;
}

/** A batch and where its recipients are (API.md §12). */
export class BatchDto {
  @ApiProperty({ description: "The batch's id.", example: EXAMPLE_ID })
  id!: string;

  @ApiProperty({
    description: 'The channel its recipients are sent on.',
    enum: BATCH_CHANNELS,
    example: 'sms',
  })
  channel!: BatchChannel;

  @ApiProperty({ description: 'The Afilnet method each recipient is sent with.', example: 'sms.sendsms' })
  operation!: string;

  @ApiProperty({
    description: 'The API key that created it; null when the gateway runs without keys.',
    type: String,
    nullable: true,
    example: 'marketing',
  })
  caller!: string | null;

  @ApiProperty({
    description:
      '`queued` (none sent yet) → `sending` → `completed` once every recipient is sent or rejected; `paused` ' +
      '(see `reason`) until `POST /v1/batches/{id}/resume`; `canceled` by `POST /v1/batches/{id}/cancel`.',
    enum: BATCH_STATUSES,
    example: 'sending',
  })
  status!: BatchStatus;

  @ApiProperty({
    description:
      'Why a batch is `paused`: `NO_CREDITS` (Afilnet has no credits left for the account) or ' +
      "`CREDIT_BUDGET_EXCEEDED` (the key's daily budget is spent). Null otherwise.",
    type: String,
    nullable: true,
    example: null,
  })
  reason!: string | null;

  @count('Recipients in the batch.', 3)
  total!: number;

  @count('Recipients waiting their turn (or their resume).', 1)
  queued!: number;

  @count('Recipients being sent right now.', 0)
  sending!: number;

  @count('Recipients Afilnet accepted, whatever their delivery since.', 2)
  sent!: number;

  @count('Of the sent, those delivered.', 1)
  delivered!: number;

  @count('Of the sent, those whose delivery failed.', 0)
  failed!: number;

  @count('Of the sent, those whose delivery tracking gave up (`expired`).', 0)
  expired!: number;

  @count('Recipients Afilnet refused (their messages say why in `errorCode`).', 0)
  rejected!: number;

  @count(
    'Recipients whose send was interrupted (a crash): they may or may not have received it; never re-sent.',
    0,
  )
  unknown!: number;

  @count('Recipients not sent because the batch was canceled.', 0)
  canceled!: number;

  @ApiProperty({ description: 'Credits Afilnet charged for the recipients sent so far.', example: 2 })
  credits!: number;

  @at('When it was created.', '2026-11-26T10:00:00.000Z')
  createdAt!: string;

  @at('When it last changed status.', '2026-11-26T10:00:00.300Z')
  updatedAt!: string;

  @at('When it completed or was canceled.', null)
  completedAt!: string | null;

  @at('The `scheduledAt` its recipients were sent with (Afilnet delivers them then).', null)
  scheduledAt!: string | null;

  @ApiProperty({
    description: 'The `Idempotency-Key` it was created with.',
    type: String,
    nullable: true,
    example: null,
  })
  idempotencyKey!: string | null;
}

export class BatchPageDto {
  @ApiProperty({ type: [BatchDto] })
  items!: BatchDto[];

  @ApiProperty({
    description: 'Ask for the next page with `cursor`; null on the last page.',
    type: String,
    nullable: true,
    example: null,
  })
  nextCursor!: string | null;
}

export class BatchParamsDto {
  @ApiProperty({
    description:
      "The batch's id (`bat_…`). The example is a paused demo batch that exists in sandbox mode only.",
    example: DEMO_BATCH_ID,
  })
  @Matches(BATCH_ID, { message: 'id must be a batch id: bat_ and 26 characters' })
  @MaxLength(30)
  id!: string;
}

export class BatchesQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    description: 'Only batches in this status.',
    enum: BATCH_STATUSES,
    example: 'paused',
  })
  @IsOptional()
  @IsIn(BATCH_STATUSES)
  status?: BatchStatus;
}
