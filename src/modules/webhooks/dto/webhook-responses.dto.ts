import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '../../../database/repositories/webhook-endpoints.repository.js';

export class WebhookEndpointDto {
  @ApiProperty({ description: 'The endpoint id.', example: 'ep_01J9Z3W8Q6T2V5X7Y9A1B3C5D7' })
  id!: string;

  @ApiProperty({
    description: 'Where events are POSTed.',
    example: 'https://billing.internal.example/hooks/afilnet',
  })
  url!: string;

  @ApiProperty({
    description: 'The event types it receives (of the API key that created it only).',
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['message.delivered', 'message.failed'],
  })
  events!: WebhookEventType[];

  @ApiProperty({ description: 'Whether events are delivered to it.', example: true })
  enabled!: boolean;

  @ApiProperty({
    description: 'What it is for; null when not given.',
    type: String,
    nullable: true,
    example: 'Billing: delivery receipts',
  })
  description!: string | null;

  @ApiProperty({
    description: 'When it was created.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  createdAt!: string;

  @ApiProperty({
    description: 'When it last changed.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  updatedAt!: string;
}

export class CreatedWebhookEndpointDto extends WebhookEndpointDto {
  @ApiProperty({
    description:
      'The signing secret (`whsec_` and the base64 of 32 random bytes), for `standardwebhooks` `new Webhook(secret)`. ' +
      'Answered **only here**, once: store it now; no other answer and no log holds it. A retry of this request ' +
      'with the same `Idempotency-Key` gets this same answer back.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwOJt7Ow0B1S8=',
  })
  secret!: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({
    description:
      'The delivery id: the `webhook-id` header of every attempt to deliver this event (the same on retries), ' +
      'and `webhookId` in the deliveries list.',
    example: 'evt_01J9Z3X2M4N6P8Q0R2S4T6V8W0',
  })
  id!: string;

  @ApiProperty({ description: 'The endpoint it goes to.', example: 'ep_01J9Z3W8Q6T2V5X7Y9A1B3C5D7' })
  endpointId!: string;

  @ApiProperty({ description: 'The event type.', enum: WEBHOOK_EVENT_TYPES, example: 'webhook.test' })
  event!: WebhookEventType;

  @ApiProperty({
    description:
      '`pending`: queued, an attempt is due at `nextAttemptAt`; `succeeded`: an attempt got a 2xx; `failed`: ' +
      '`WEBHOOK_MAX_ATTEMPTS` attempts without a 2xx (retry it with `POST …/deliveries/{deliveryId}/retry`).',
    enum: ['pending', 'succeeded', 'failed'],
    example: 'pending',
  })
  status!: 'pending' | 'succeeded' | 'failed';

  @ApiProperty({ description: 'Attempts made so far.', type: 'integer', example: 0 })
  attempts!: number;

  @ApiProperty({
    description: 'When the next attempt is due; null once the delivery succeeded or failed.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-26T10:00:00.000Z',
  })
  nextAttemptAt!: string | null;

  @ApiProperty({
    description: 'When the event was queued.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  createdAt!: string;
}

export class WebhookAttemptDto {
  @ApiProperty({
    description: 'The attempt id (one per HTTP request made).',
    example: 'att_01J9Z3X4A6B8C0D2E4F6G8H0J2',
  })
  id!: string;

  @ApiProperty({
    description: 'The event type delivered.',
    enum: WEBHOOK_EVENT_TYPES,
    example: 'message.delivered',
  })
  event!: WebhookEventType;

  @ApiProperty({
    description:
      'The delivery this attempt belongs to: the `webhook-id` header it was sent with, the same on every attempt ' +
      'of one event (the `{deliveryId}` of the retry route).',
    example: 'evt_01J9Z3X2M4N6P8Q0R2S4T6V8W0',
  })
  webhookId!: string;

  @ApiProperty({
    description: "1 for the delivery's first attempt, then 2, 3 …; a manual retry goes on counting.",
    type: 'integer',
    example: 1,
  })
  attempt!: number;

  @ApiPropertyOptional({
    description:
      "The receiver's HTTP status code; absent when it did not answer (refused connection, timeout, a refused " +
      'address). Only a 2xx delivers; a 3xx is not followed.',
    type: 'integer',
    example: 503,
  })
  status?: number;

  @ApiProperty({ description: 'How long the attempt took, in milliseconds.', type: 'integer', example: 182 })
  durationMs!: number;

  @ApiPropertyOptional({
    description:
      'Why the attempt did not deliver (`not a 2xx answer`, `redirect not followed`, `no answer within 5000 ms`, ' +
      '`ECONNREFUSED: …`, a refused link-local address …); absent for a delivered one.',
    example: 'not a 2xx answer',
  })
  error?: string;

  @ApiPropertyOptional({
    description: "The first 1 KB of the receiver's answer, when it sent one.",
    example: '{"error":"temporarily unavailable"}',
  })
  responseBody?: string;

  @ApiProperty({
    description: 'When the attempt was made.',
    format: 'date-time',
    example: '2026-11-26T10:00:05.000Z',
  })
  at!: string;
}

export class WebhookAttemptPageDto {
  @ApiProperty({ description: 'Attempts, newest first.', type: [WebhookAttemptDto] })
  items!: WebhookAttemptDto[];

  @ApiProperty({
    description: 'Pass as `cursor` to read the next (older) page; null on the last page.',
    type: String,
    nullable: true,
    example: null,
  })
  nextCursor!: string | null;
}
