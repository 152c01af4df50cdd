import { fromAfilnetDateTime } from '../../common/afilnet/afilnet-encoding.js';

/** ISO 8601 with an offset (`…Z` / `…+01:00`). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An event's date as an ISO instant (UTC). Afilnet writes dates as local wall-clock time in its zone
 * (`yyyy-mm-dd hh:mm:ss`); ISO 8601 with an offset is read too. Anything else is null.
 */
export function instantOrNull(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const date = ISO_WITH_OFFSET.test(text) ? new Date(text) : fromAfilnetDateTime(text, timeZone);
  return date === undefined || Number.isNaN(date.getTime()) ? null : date.toISOString();
}
