import type { OperationName } from '../../common/afilnet/afilnet-operations.js';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import type { RecipientSend } from '../../database/repositories/batches.repository.js';
import type { NewMessage } from '../../database/repositories/message-ledger.repository.js';
import type { EmailService } from '../email/email.service.js';
import { newMessage } from '../ledger/send-ledger.service.js';
import type { MessagingService, SendPlan } from '../messaging/messaging.service.js';
import type { SmsService } from '../sms/sms.service.js';
import type { SocialService } from '../social/social.service.js';
import type { VoiceService } from '../voice/voice.service.js';
import type {
  CreateBatchDto,
  EmailRecipientDto,
  TemplateRecipientDto,
  WhatsappRecipientDto,
} from './dto/create-batch.dto.js';

/** A recipient as it is queued: its ledger message (without its batch yet) and the send that waits for its turn. */
export interface QueuedRecipient {
  readonly message: NewMessage;
  readonly send: Omit<RecipientSend, 'messageId'>;
}

/** The services that build each channel's single send: a batch recipient is sent exactly as its route would. */
export interface SendPlanners {
  readonly messaging: MessagingService;
  readonly sms: SmsService;
  readonly voice: VoiceService;
  readonly email: EmailService;
  readonly social: SocialService;
}

/**
 * The catalog operation every recipient of the batch is sent with — its channel's single send, or its template send —
 * as the first recipient's plan names it (they all share it).
 */
export function batchOperation(batch: CreateBatchDto, planners: SendPlanners): OperationName {
  return recipientPlan(batch, batch.recipients[0], planners).name;
}

/**
 * Each recipient as the single send it becomes — built by the channel's own `plan` (what `POST /v1/sms`, or the
 * channel's route, passes to Afilnet, records in the ledger and holds against the budget) — and queued.
 */
export function queuedRecipients(
  batch: CreateBatchDto,
  origin: SendOrigin,
  planners: SendPlanners,
): QueuedRecipient[] {
  return batch.recipients.map((recipient) => {
    const { name, params, entry } = recipientPlan(batch, recipient, planners);
    return {
      message: newMessage(origin, { operation: name, ...entry }),
      send: { params: withoutAbsent(params), estimatedCredits: entry.estimatedCredits },
    };
  });
}

function recipientPlan(
  batch: CreateBatchDto,
  recipient: CreateBatchDto['recipients'][number],
  { messaging, sms, voice, email, social }: SendPlanners,
): SendPlan {
  const { scheduledAt } = batch;
  // Every recipient has `to`; a text batch's also `text` (a template batch's `params` instead).
  const { to, text } = recipient as WhatsappRecipientDto;
  if (batch.channel === 'whatsapp') {
    return social.whatsappMessagePlan({ channelId: batch.channelId!, to, message: text });
  }
  if (batch.templateId !== undefined) {
    const { params } = recipient as TemplateRecipientDto;
    return messaging.fromTemplate(batch.channel, { to, templateId: batch.templateId, params, scheduledAt });
  }
  switch (batch.channel) {
    case 'sms':
      return sms.plan({ from: batch.from!, to, sms: text, scheduledAt });
    case 'voice':
      return voice.plan({ from: batch.from!, to, message: text, language: batch.language, scheduledAt });
    case 'email': {
      const subject = (recipient as EmailRecipientDto).subject ?? batch.subject!;
      return email.plan({ to, subject, email: text, scheduledAt });
    }
  }
}

/** The parameters as the batch stores them: the absent ones left out. */
function withoutAbsent(params: object): RecipientSend['params'] {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] != null),
  );
}
