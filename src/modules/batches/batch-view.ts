import type { BatchWithCounts } from '../../database/repositories/batches.repository.js';
import type { MessageStatus } from '../../database/schema.js';
import { operationName } from '../ledger/message-view.js';
import type { BatchDto } from './dto/batch.dto.js';

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** Statuses of a recipient Afilnet accepted, whatever became of its delivery. */
const SENT: readonly MessageStatus[] = ['pending', 'scheduled', 'delivered', 'failed', 'expired'];

/** A batch as `GET /v1/batches/{id}` answers it (and its `batch.completed` event carries). */
export function toBatchDto(batch: BatchWithCounts): BatchDto {
  const of = (status: MessageStatus) => batch.counts.byStatus[status] ?? 0;
  return {
    id: batch.id,
    channel: batch.channel,
    operation: operationName(batch.operation),
    caller: batch.caller,
    status: batch.status,
    reason: batch.reason,
    total: batch.total,
    queued: of('queued'),
    sending: of('sending'),
    sent: SENT.reduce((sum, status) => sum + of(status), 0),
    delivered: of('delivered'),
    failed: of('failed'),
    expired: of('expired'),
    rejected: of('rejected'),
    unknown: of('unknown'),
    canceled: of('canceled'),
    credits: batch.counts.credits,
    createdAt: new Date(batch.createdAt).toISOString(),
    updatedAt: new Date(batch.updatedAt).toISOString(),
    completedAt: iso(batch.completedAt),
    scheduledAt: iso(batch.scheduledAt),
    idempotencyKey: batch.idempotencyKey,
  };
}
