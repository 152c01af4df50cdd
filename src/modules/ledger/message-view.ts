import {
  AFILNET_OPERATIONS,
  upstreamName,
  type OperationName,
} from '../../common/afilnet/afilnet-operations.js';
import type {
  LedgerMessage,
  LedgerMessageWithHistory,
} from '../../database/repositories/message-ledger.repository.js';
import type { WebhookEventType } from '../../database/schema.js';
import { webhookEventBody } from '../webhooks/webhook-event.js';
import type { MessageDto, MessageSummaryDto } from './dto/message.dto.js';

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** The ledger records catalog names; callers see Afilnet's `class.method`, as `x-afilnet-method` names it. */
export function operationName(operation: string): string {
  return Object.hasOwn(AFILNET_OPERATIONS, operation) ? upstreamName(operation as OperationName) : operation;
}

export function toMessageSummary(message: LedgerMessage): MessageSummaryDto {
  return {
    id: message.id,
    channel: message.channel,
    operation: operationName(message.operation),
    caller: message.caller,
    to: message.to,
    messageId: message.messageId,
    status: message.status,
    errorCode: message.errorCode,
    credits: message.credits,
    segments: message.segments,
    contentLength: message.contentLength,
    contentSha256: message.contentSha256,
    content: message.content,
    templateId: message.templateId,
    templateParams: message.templateParams,
    scheduledAt: iso(message.scheduledAt),
    createdAt: new Date(message.createdAt).toISOString(),
    sentAt: iso(message.sentAt),
    deliveredAt: iso(message.deliveredAt),
    batchId: message.batchId,
    idempotencyKey: message.idempotencyKey,
    requestId: message.requestId,
  };
}

export function toMessage(message: LedgerMessageWithHistory): MessageDto {
  return {
    ...toMessageSummary(message),
    history: message.history.map((change) => ({
      status: change.status,
      at: new Date(change.at).toISOString(),
    })),
  };
}

/** The webhook event a status raises, if any (API.md §10). */
export function eventFor(status: LedgerMessage['status']): WebhookEventType | undefined {
  switch (status) {
    case 'pending':
    case 'scheduled':
      return 'message.sent';
    case 'delivered':
      return 'message.delivered';
    case 'failed':
      return 'message.failed';
    case 'expired':
      return 'message.expired';
    default:
      return undefined;
  }
}

/** The body every delivery of a message event sends: `data` is the message as `GET /v1/messages/{id}` answers it. */
export function messageEventPayload(
  type: WebhookEventType,
  at: number,
  message: LedgerMessageWithHistory,
): string {
  return webhookEventBody(type, at, toMessage(message));
}
