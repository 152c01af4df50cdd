import { Injectable } from '@nestjs/common';
import { operation } from '../../common/afilnet/afilnet-operations.js';
import type { Caller } from '../../common/auth/api-key.registry.js';
import { requireScopes } from '../../common/auth/api-key.guard.js';
import { scopesFor } from '../../common/auth/api-key.registry.js';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import { RequestValidationError } from '../../common/errors/request-validation.error.js';
import type { CursorPageQueryDto } from '../../common/validation/pagination.dto.js';
import { Batches } from '../../database/repositories/batches.repository.js';
import { DatabaseTransactions } from '../../database/repositories/database-transactions.js';
import { MessageLedger } from '../../database/repositories/message-ledger.repository.js';
import { EmailService } from '../email/email.service.js';
import type { MessagePageDto } from '../ledger/dto/message.dto.js';
import { beforeSending } from '../ledger/ledger-access.js';
import { toMessageSummary } from '../ledger/message-view.js';
import { MessagingService } from '../messaging/messaging.service.js';
import { SmsService } from '../sms/sms.service.js';
import { SocialService } from '../social/social.service.js';
import { VoiceService } from '../voice/voice.service.js';
import { BatchSender } from './batch-sender.service.js';
import { batchOperation, queuedRecipients, type SendPlanners } from './batch-sends.js';
import { toBatchDto } from './batch-view.js';
import type { BatchAcceptedDto, BatchDto, BatchesQueryDto, BatchPageDto } from './dto/batch.dto.js';
import type { CreateBatchDto, EmailRecipientDto } from './dto/create-batch.dto.js';

/**
 * Batches (API.md §12): accepted into the database — the batch, one `queued` ledger message per recipient and what
 * each is to be sent, in one transaction — before the `202`; `BatchSender` sends them. Each caller sees and controls
 * its own batches (a `*` key, or a gateway without keys, all of them).
 */
@Injectable()
export class BatchesService {
  private readonly planners: SendPlanners;

  constructor(
    private readonly batches: Batches,
    private readonly ledger: MessageLedger,
    private readonly transactions: DatabaseTransactions,
    private readonly sender: BatchSender,
    messaging: MessagingService,
    sms: SmsService,
    voice: VoiceService,
    email: EmailService,
    social: SocialService,
  ) {
    this.planners = { messaging, sms, voice, email, social };
  }

  async create(request: CreateBatchDto, key: Caller | null, origin: SendOrigin): Promise<BatchAcceptedDto> {
    const name = batchOperation(request, this.planners);
    if (key !== null) requireScopes(key, scopesFor(operation(name).class), `a ${request.channel} batch`);
    requireSubjects(request);
    const recipients = queuedRecipients(request, origin, this.planners);
    const { idempotencyKey } = origin;
    const batch = await beforeSending(() =>
      this.transactions.run(async (repositories) => {
        // A retry the idempotency store no longer remembers (a restart, another instance without Redis) still
        // finds the batch its key created.
        const earlier =
          idempotencyKey === null
            ? undefined
            : await repositories.batches.findByIdempotencyKey(origin.caller, idempotencyKey);
        if (earlier !== undefined) return earlier;
        const created = await repositories.batches.create({
          caller: origin.caller,
          channel: request.channel,
          operation: name,
          total: recipients.length,
          requestId: origin.requestId,
          idempotencyKey,
          scheduledAt: request.scheduledAt == null ? null : Date.parse(request.scheduledAt),
        });
        const messages = await repositories.ledger.insert(
          recipients.map(({ message }) => ({ ...message, batchId: created.id })),
          'queued',
        );
        await repositories.batches.addRecipients(
          created.id,
          recipients.map(({ send }, index) => ({ ...send, messageId: messages[index].id })),
        );
        return created;
      }),
    );
    this.sender.wake();
    return { id: batch.id, status: 'queued', total: batch.total };
  }

  async find(id: string, visibleTo: string | null): Promise<BatchDto> {
    return toBatchDto(found(id, await this.batches.find(id, visibleTo)));
  }

  async list(query: BatchesQueryDto, visibleTo: string | null): Promise<BatchPageDto> {
    const page = await this.batches.list({
      visibleTo,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toBatchDto), nextCursor: page.nextCursor };
  }

  async messages(id: string, query: CursorPageQueryDto, visibleTo: string | null): Promise<MessagePageDto> {
    found(id, await this.batches.statusOf(id, visibleTo));
    const page = await this.ledger.list({ visibleTo, batchId: id, limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toMessageSummary), nextCursor: page.nextCursor };
  }

  async resume(id: string, visibleTo: string | null): Promise<BatchDto> {
    const status = found(id, await this.batches.statusOf(id, visibleTo));
    if (status !== 'paused') {
      throw new GatewayError(
        'BATCH_NOT_PAUSED',
        `Batch ${id} is ${status}, not paused: there is nothing to resume.`,
      );
    }
    const batch = found(id, await this.batches.resume(id, visibleTo));
    this.sender.wake();
    return toBatchDto(batch);
  }

  async cancel(id: string, visibleTo: string | null): Promise<BatchDto> {
    if (found(id, await this.batches.statusOf(id, visibleTo)) === 'completed') {
      throw new GatewayError('BATCH_FINISHED', `Batch ${id} has completed: nothing is left to cancel.`);
    }
    return toBatchDto(found(id, await this.batches.cancel(id, visibleTo)));
  }
}

function found<T>(id: string, batch: T | undefined): T {
  if (batch === undefined)
    throw new GatewayError('BATCH_NOT_FOUND', `No batch ${id} belongs to this API key.`);
  return batch;
}

/** An e-mail text batch needs a subject for every recipient: its own or the batch's. */
function requireSubjects(request: CreateBatchDto): void {
  if (request.channel !== 'email' || request.templateId !== undefined || request.subject !== undefined)
    return;
  const missing = (request.recipients as EmailRecipientDto[]).flatMap((recipient, index) =>
    recipient.subject === undefined
      ? [{ field: `recipients[${index}].subject`, message: 'subject is required without the batch subject' }]
      : [],
  );
  if (missing.length > 0) throw new RequestValidationError(missing);
}
