import type { WebhookEventType } from '../../database/repositories/webhook-endpoints.repository.js';

/**
 * The body of every webhook (API.md §10): `{"type","timestamp","data"}`, `data` being the resource as the API's
 * `GET` answers it. Made once when the event is queued, so that every attempt sends the same bytes.
 */
export function webhookEventBody(type: WebhookEventType, at: number, data: unknown): string {
  return JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
}
