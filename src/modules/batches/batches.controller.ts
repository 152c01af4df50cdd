import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CallingKey, Origin, VisibleTo, type SendOrigin } from '../../common/auth/caller.decorator.js';
import type { Caller } from '../../common/auth/api-key.registry.js';
import { BodyLimit } from '../../common/http/json-bodies.plugin.js';
import { AnyKey, Idempotent } from '../../common/policies/policy.decorators.js';
import {
  ApiProblemResponses,
  IDEMPOTENCY_FAILURES,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import { CursorPageQueryDto } from '../../common/validation/pagination.dto.js';
import { MessagePageDto } from '../ledger/dto/message.dto.js';
import { BatchesService } from './batches.service.js';
import {
  BatchAcceptedDto,
  BatchDto,
  BatchesQueryDto,
  BatchPageDto,
  BatchParamsDto,
} from './dto/batch.dto.js';
import {
  BATCH_RECIPIENT_MODELS,
  CreateBatchDto,
  MAX_BATCH_RECIPIENTS,
  THREE_SMS,
} from './dto/create-batch.dto.js';

/** 10 000 recipients with long texts: far more than the 256 KiB every other route takes. */
const BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const VISIBILITY =
  'A key sees and controls the batches it created; a key with the `*` scope (or any caller of a gateway without ' +
  "keys) all of them. Another key's batch answers 404.";

/** Batches (API.md §12): one send per recipient, queued and paced; Afilnet is called later, by `BatchSender`. */
@ApiTags('batches')
@AnyKey()
@Controller({ path: 'batches', version: '1' })
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Idempotent()
  @BodyLimit(BATCH_BODY_LIMIT_BYTES)
  @ApiOperation({
    summary: 'Queue a batch of sends',
    description:
      `Queues one send per recipient (1 to ${MAX_BATCH_RECIPIENTS}), each with its own destination and text — or, ` +
      'with `templateId`, its own template values. Every recipient is validated as the single send it becomes ' +
      '(`POST /v1/sms`, `/v1/voice`, `/v1/email`, `/v1/whatsapp/messages`) before anything is queued: a bad one is ' +
      'named by its index (`recipients[412].to`). Once answered, the batch is in the database: recipients are ' +
      'sent at `AFILNET_SENDS_PER_SECOND` for the whole deployment, each recorded in the message ledger like a ' +
      'single send (`GET /v1/batches/{id}/messages`), and a restart resumes where it was without sending anyone ' +
      "twice. Afilnet's `NO_CREDITS` pauses the batch (resume it once credits are back); other refusals reject " +
      'that recipient only. `batch.completed` is raised when the last recipient is sent or rejected.\n\n' +
      "The key needs the channel's scope (`sms`, `voice`, `email`, or `whatsapp`/`social`). Afilnet: each " +
      'recipient is one `sms.sendsms`, `voice.sendvoice`, `email.sendemail` or `whatsapp.sendmessage` call (their ' +
      '`…fromtemplate` variants with `templateId`). The body may be up to 16 MiB. In sandbox mode nothing is sent.',
  })
  @ApiExtraModels(...BATCH_RECIPIENT_MODELS)
  // One example for the whole body: the properties' own examples would mix channels (a WhatsApp channel id, a
  // template id) into one request.
  @ApiBody({
    type: CreateBatchDto,
    examples: { threeSms: { summary: 'Three SMS, each its own text', value: THREE_SMS } },
  })
  @ApiProblemResponses([
    'VALIDATION_FAILED',
    ...POLICY_FAILURES,
    ...IDEMPOTENCY_FAILURES,
    'PAYLOAD_TOO_LARGE',
    'LEDGER_UNAVAILABLE',
    'INTERNAL',
  ])
  @ApiAcceptedResponse({ type: BatchAcceptedDto, description: 'The batch is queued.' })
  create(
    @Body() body: CreateBatchDto,
    @CallingKey() key: Caller | null,
    @Origin() origin: SendOrigin,
  ): Promise<BatchAcceptedDto> {
    return this.batches.create(body, key, origin);
  }

  @Get()
  @ApiOperation({ summary: 'List batches', description: `Newest first, with their counts. ${VISIBILITY}` })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({ type: BatchPageDto, description: 'One page of batches.' })
  list(@Query() query: BatchesQueryDto, @VisibleTo() visibleTo: string | null): Promise<BatchPageDto> {
    return this.batches.list(query, visibleTo);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a batch',
    description:
      'Its status and how many recipients are queued, sent (then delivered, failed or expired), rejected, unknown ' +
      `or canceled, with the credits spent. ${VISIBILITY}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'BATCH_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: BatchDto, description: 'The batch.' })
  find(@Param() { id }: BatchParamsDto, @VisibleTo() visibleTo: string | null): Promise<BatchDto> {
    return this.batches.find(id, visibleTo);
  }

  @Get(':id/messages')
  @ApiOperation({
    summary: "List a batch's messages",
    description: `Each recipient's ledger message, newest first (as \`GET /v1/messages?batchId=\`). ${VISIBILITY}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'BATCH_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: MessagePageDto, description: "One page of the batch's messages." })
  messages(
    @Param() { id }: BatchParamsDto,
    @Query() query: CursorPageQueryDto,
    @VisibleTo() visibleTo: string | null,
  ): Promise<MessagePageDto> {
    return this.batches.messages(id, query, visibleTo);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resume a paused batch',
    description: `A batch paused by \`NO_CREDITS\` or a spent credit budget goes on where it stopped. ${VISIBILITY}`,
  })
  @ApiProblemResponses([
    'VALIDATION_FAILED',
    ...POLICY_FAILURES,
    'BATCH_NOT_FOUND',
    'BATCH_NOT_PAUSED',
    'INTERNAL',
  ])
  @ApiOkResponse({ type: BatchDto, description: 'The batch, queued again.' })
  resume(@Param() { id }: BatchParamsDto, @VisibleTo() visibleTo: string | null): Promise<BatchDto> {
    return this.batches.resume(id, visibleTo);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a batch',
    description:
      'Stops what is not sent yet: queued recipients become `canceled`; those being sent at that moment finish. ' +
      `Canceling a canceled batch answers it again. ${VISIBILITY}`,
  })
  @ApiProblemResponses([
    'VALIDATION_FAILED',
    ...POLICY_FAILURES,
    'BATCH_NOT_FOUND',
    'BATCH_FINISHED',
    'INTERNAL',
  ])
  @ApiOkResponse({ type: BatchDto, description: 'The batch, canceled.' })
  cancel(@Param() { id }: BatchParamsDto, @VisibleTo() visibleTo: string | null): Promise<BatchDto> {
    return this.batches.cancel(id, visibleTo);
  }
}
