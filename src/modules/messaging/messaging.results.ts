import { fromAfilnetDateTime } from '../../common/afilnet/afilnet-encoding.js';
import { field, numberOrNull, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import type {
  BulkDestinationDto,
  BulkSentDto,
  DeliveryStatus,
  DeliveryStatusDto,
  MessageSentDto,
} from './dto/message-responses.dto.js';

/*
 * Afilnet's send and status results, read loosely (numbers may come as strings, lists as arrays or under
 * `list`) and normalised into the gateway's shapes (API.md §3).
 */

/**
 * Afilnet does not document its `deliverystatus` words; these are the ones SMS platforms commonly use
 * (DELIVRD/UNDELIV are the SMPP receipt forms). Anything else is `unknown`, with the word kept in `raw`.
 */
const STATUS_WORDS: ReadonlyMap<string, DeliveryStatus> = new Map([
  ...['DELIVERED', 'DELIVRD'].map((word) => [word, 'delivered'] as const),
  ...['PENDING', 'SENT', 'QUEUED', 'SCHEDULED', 'ACCEPTED', 'BUFFERED'].map(
    (word) => [word, 'pending'] as const,
  ),
  ...['FAILED', 'UNDELIVERED', 'UNDELIV', 'REJECTED', 'EXPIRED', 'ERROR'].map(
    (word) => [word, 'failed'] as const,
  ),
]);

export function normaliseDeliveryStatus(raw: string | null): DeliveryStatus {
  if (raw === null) return 'unknown';
  return STATUS_WORDS.get(raw.trim().toUpperCase()) ?? 'unknown';
}

/** A single send's answer; the ledger adds its own `id`. */
export function toMessageSent(result: unknown): Omit<MessageSentDto, 'id'> {
  return {
    messageId: stringOrNull(field(result, 'messageid')),
    credits: numberOrNull(field(result, 'credits')),
  };
}

/** An array result, or the array under `list`; a single object is a list of one. */
function entriesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const list = field(value, 'list');
  if (Array.isArray(list)) return list;
  return typeof value === 'object' && value !== null ? [value] : [];
}

/** A group send's answer; the ledger adds each destination's `id`. */
export function toBulkSent(result: unknown): Omit<BulkSentDto, 'destinations'> & {
  destinations: Omit<BulkDestinationDto, 'id'>[];
} {
  const listed = field(result, 'destinations');
  const destinations = (Array.isArray(listed) ? listed : []).map((entry): Omit<BulkDestinationDto, 'id'> => ({
    messageId: stringOrNull(field(entry, 'messageid')),
    destination: stringOrNull(field(entry, 'destination')),
  }));
  return {
    id: stringOrNull(field(result, 'id')),
    count: numberOrNull(field(result, 'count')) ?? destinations.length,
    credits: numberOrNull(field(result, 'credits')),
    destinations,
  };
}

/**
 * When a delivered message arrived: an ISO 8601 instant with its offset, or Afilnet's `yyyy-mm-dd hh:mm:ss`
 * read in `timeZone` (the zone Afilnet is assumed to use for `scheduledatetime` too); null when unreadable.
 */
function deliveredAt(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Date(text).toISOString();
  }
  return fromAfilnetDateTime(text, timeZone)?.toISOString() ?? null;
}

/** One entry per message Afilnet reports on; entries without a message id say nothing usable and are skipped. */
export function toDeliveryStatuses(result: unknown, timeZone: string): DeliveryStatusDto[] {
  return entriesOf(result).flatMap((entry): DeliveryStatusDto[] => {
    const messageId = stringOrNull(field(entry, 'messageid'));
    if (messageId === null) return [];
    const raw = stringOrNull(field(entry, 'deliverystatus'));
    const status = normaliseDeliveryStatus(raw);
    return [
      {
        messageId,
        status,
        deliveredAt: status === 'delivered' ? deliveredAt(field(entry, 'deliverydate'), timeZone) : null,
        raw,
      },
    ];
  });
}
