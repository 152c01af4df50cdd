import type { OperationName } from '../../common/afilnet/afilnet-operations.js';
import type { NewMessage } from '../../database/repositories/message-ledger.repository.js';
import type { RecipientSend } from '../../database/repositories/batches.repository.js';
import type { MessagingService } from '../messaging/messaging.service.js';
import { stringValues } from '../ledger/send-ledger.service.js';
import { smsSegments } from '../sms/sms-segments.js';
import type {
  CreateBatchDto,
  EmailRecipientDto,
  EmailTemplateRecipientDto,
  TemplateRecipientDto,
} from './dto/create-batch.dto.js';

/** A recipient as it is queued: its ledger message (without ids yet) and the send that waits for its turn. */
export interface QueuedRecipient {
  readonly message: Omit<NewMessage, 'caller' | 'requestId' | 'idempotencyKey' | 'batchId'>;
  readonly send: Omit<RecipientSend, 'messageId'>;
}

type Params = Record<string, string | number>;
type MaybeParams = Record<string, string | number | null | undefined>;

/** The catalog operation every recipient of the batch is sent with: the channel's single send, or its template send. */
export function batchOperation(batch: CreateBatchDto): OperationName {
  const templated = batch.templateId !== undefined;
  switch (batch.channel) {
    case 'sms':
      return templated ? 'sms.sendFromTemplate' : 'sms.send';
    case 'voice':
      return templated ? 'voice.sendFromTemplate' : 'voice.send';
    case 'email':
      return templated ? 'email.sendFromTemplate' : 'email.send';
    case 'whatsapp':
      return 'whatsapp.sendMessage';
  }
}

/**
 * Each recipient as the single send it becomes — the same parameters `POST /v1/sms` (or the channel's route) would
 * pass to Afilnet, and the same ledger record and budget estimate (an SMS text's segments; one otherwise).
 */
export function queuedRecipients(batch: CreateBatchDto, messaging: MessagingService): QueuedRecipient[] {
  const channel = batch.channel;
  const operation = batchOperation(batch);
  const scheduledAt = messaging.afilnetScheduleTime(batch.scheduledAt);
  const ledgerScheduledAt = batch.scheduledAt == null ? null : Date.parse(batch.scheduledAt);
  const queued = (
    to: string,
    params: MaybeParams,
    estimatedCredits: number,
    record: Partial<NewMessage> = {},
  ) => ({
    message: { channel, operation, to, scheduledAt: ledgerScheduledAt, ...record },
    send: { params: withoutAbsent(params), estimatedCredits },
  });

  if (batch.templateId !== undefined) {
    const templateId = batch.templateId;
    return (batch.recipients as (TemplateRecipientDto | EmailTemplateRecipientDto)[]).map((recipient) =>
      queued(
        recipient.to,
        { to: recipient.to, templateId, params: messaging.templateParams(recipient.params), scheduledAt },
        1,
        {
          templateId: String(templateId),
          templateParams: recipient.params == null ? null : stringValues(recipient.params),
        },
      ),
    );
  }
  return batch.recipients.map((recipient) => {
    const { to, text } = recipient as { to: string; text: string };
    switch (channel) {
      case 'sms': {
        const { segments } = smsSegments(text);
        return queued(to, { from: batch.from!, to, sms: text, scheduledAt }, segments, {
          content: text,
          segments,
        });
      }
      case 'voice':
        return queued(
          to,
          { to, from: batch.from!, message: text, language: batch.language, scheduledAt },
          1,
          {
            content: text,
          },
        );
      case 'email': {
        const subject = (recipient as EmailRecipientDto).subject ?? batch.subject!;
        return queued(to, { to, subject, email: text, scheduledAt }, 1, { content: text });
      }
      case 'whatsapp':
        return queued(to, { channelId: batch.channelId!, to, message: text }, 1, { content: text });
    }
  });
}

function withoutAbsent(params: MaybeParams): Params {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] != null),
  );
}
