import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them (snake_case, as in the migrations). Times are epoch milliseconds in `bigint`
 * (INTEGER in SQLite) columns, read back as numbers on both dialects; JSON is stored as text; booleans as 0/1
 * (better-sqlite3 binds no booleans). Only the repositories use these types: services see the camelCase
 * records the repositories answer.
 */
export interface Database {
  messages: MessagesTable;
  message_history: MessageHistoryTable;
  credit_budget_usage: CreditBudgetUsageTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  batches: BatchesTable;
  batch_recipients: BatchRecipientsTable;
  send_pace: SendPaceTable;
}

/** The channels a ledger message can go through. */
export const CHANNELS = ['sms', 'voice', 'email', 'whatsapp', 'chat', 'otp'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A message's life cycle (API.md §9): `queued` (a batch recipient not yet sent) → `sending` (written before the
 * Afilnet call) → `pending` | `scheduled` → `delivered` | `failed` | `expired`; `rejected` when Afilnet refused
 * the send; `unknown` when a crash left it `sending` (it may or may not have gone out); `canceled` when its batch
 * was canceled before its turn.
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'pending',
  'scheduled',
  'delivered',
  'failed',
  'expired',
  'rejected',
  'unknown',
  'canceled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The events a webhook endpoint can subscribe to (API.md §10). */
export const WEBHOOK_EVENT_TYPES = [
  'message.sent',
  'message.delivered',
  'message.failed',
  'message.expired',
  'batch.completed',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface MessagesTable {
  id: string;
  channel: Channel;
  /** The catalog operation, e.g. `sms.send`. */
  operation: string;
  /** The API key name; null without keys. */
  caller: string | null;
  request_id: string | null;
  idempotency_key: string | null;
  batch_id: string | null;
  /** The destination (`to` in the API; `to` is an SQL keyword). */
  destination: string;
  /** Afilnet's message id, once it accepted the send. */
  message_id: string | null;
  status: MessageStatus;
  /** Afilnet's error code for a `rejected` send. */
  error_code: string | null;
  credits: number | null;
  segments: number | null;
  /** The text, only with LEDGER_STORE_CONTENT=true. */
  content: string | null;
  content_length: number | null;
  content_sha256: string | null;
  template_id: string | null;
  /** JSON object text, only with LEDGER_STORE_CONTENT=true. */
  template_params: string | null;
  scheduled_at: number | null;
  created_at: number;
  sent_at: number | null;
  delivered_at: number | null;
  /** When the status last changed; for a `sending` row, when its send began (crash recovery reads it). */
  updated_at: number;
  /** When delivery tracking next looks at the message (or a claim's lease ends); null once it is final. */
  next_check_at: number | null;
  check_count: number;
}

export interface MessageHistoryTable {
  id: Generated<number>;
  message_id: string;
  status: MessageStatus;
  at: number;
  /** Afilnet's own value for the status, when it came from Afilnet. */
  raw: string | null;
}

export interface CreditBudgetUsageTable {
  caller: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Credits reserved or spent, in millionths, so that concurrent sums are exact. */
  used_micro: number;
  updated_at: number;
}

export interface WebhookEndpointsTable {
  id: string;
  caller: string | null;
  url: string;
  description: string | null;
  /** JSON array of event types. */
  events: string;
  enabled: number;
  /** `whsec_…`: read only by the delivery path, never by what feeds an API answer. */
  secret: string;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  /** The Standard Webhooks `webhook-id`, the same on every attempt. */
  id: string;
  endpoint_id: string;
  event_type: WebhookEventType;
  /** The exact body sent on every attempt. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** When the next attempt is due (or a claim's lease ends); null once it succeeded or failed. */
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  /** The first 1 KB of the receiver's answer. */
  response_body: string | null;
  at: number;
}

/** A batch's life cycle (API.md §12). */
export const BATCH_STATUSES = ['queued', 'sending', 'paused', 'completed', 'canceled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** The channels a batch can go through. */
export const BATCH_CHANNELS = ['sms', 'voice', 'email', 'whatsapp'] as const satisfies readonly Channel[];
export type BatchChannel = (typeof BATCH_CHANNELS)[number];

export interface BatchesTable {
  id: string;
  caller: string | null;
  channel: BatchChannel;
  /** The catalog operation each recipient is sent with, e.g. `sms.send`. */
  operation: string;
  status: BatchStatus;
  /** Why a batch is `paused` (`NO_CREDITS`, `CREDIT_BUDGET_EXCEEDED`). */
  reason: string | null;
  total: number;
  request_id: string | null;
  idempotency_key: string | null;
  scheduled_at: number | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

/** What a queued recipient is to be sent; deleted once it was (its ledger message keeps the outcome). */
export interface BatchRecipientsTable {
  message_id: string;
  batch_id: string;
  /** JSON object: the catalog parameters of the recipient's send. */
  params: string;
  estimated_credits: number;
}

/** One row per pace (`batches`): the time from which the next send slot is free, shared by every instance. */
export interface SendPaceTable {
  name: string;
  next_at: number;
}
