import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock/clock.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import { RequestValidationError } from '../../common/errors/request-validation.error.js';
import {
  WebhookEndpoints,
  type WebhookEndpoint,
} from '../../database/repositories/webhook-endpoints.repository.js';
import {
  WebhookOutbox,
  type WebhookAttempt,
  type WebhookDelivery,
} from '../../database/repositories/webhook-outbox.repository.js';
import type { CreateWebhookDto, DeliveriesQueryDto, UpdateWebhookDto } from './dto/webhook-requests.dto.js';
import type {
  CreatedWebhookEndpointDto,
  WebhookAttemptDto,
  WebhookAttemptPageDto,
  WebhookDeliveryDto,
  WebhookEndpointDto,
} from './dto/webhook-responses.dto.js';
import { webhookEventBody } from './webhook-event.js';

/** Random bytes in a signing secret: Standard Webhooks asks for 24 to 64. */
const SECRET_BYTES = 32;

/** `whsec_` and the base64 of random bytes, the form Standard Webhooks libraries take. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * The callers' webhook endpoints and their deliveries. An endpoint belongs to the API key that created it: other
 * keys are answered as if it did not exist (`visibleTo`: the caller's key name, or null for a `*` key, which
 * sees and manages every endpoint). Delivering is the `WebhookDeliveryWorker`'s job; this only queues.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly outbox: WebhookOutbox,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateWebhookDto, caller: string | null): Promise<CreatedWebhookEndpointDto> {
    const secret = newSigningSecret();
    const endpoint = await this.endpoints.create({
      caller,
      url: request.url,
      events: request.events,
      description: request.description ?? null,
      secret,
    });
    return { ...endpointView(endpoint), secret };
  }

  async list(visibleTo: string | null): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.list(visibleTo)).map(endpointView);
  }

  async find(id: string, visibleTo: string | null): Promise<WebhookEndpointDto> {
    return endpointView(await this.owned(id, visibleTo));
  }

  async update(id: string, visibleTo: string | null, changes: UpdateWebhookDto): Promise<WebhookEndpointDto> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new RequestValidationError([
        { field: 'body', message: 'give at least one of url, events, enabled, description' },
      ]);
    }
    const endpoint = await this.endpoints.update(id, visibleTo, changes);
    if (endpoint === undefined) throw endpointNotFound(id);
    return endpointView(endpoint);
  }

  async delete(id: string, visibleTo: string | null): Promise<void> {
    if (!(await this.endpoints.delete(id, visibleTo))) throw endpointNotFound(id);
  }

  /** Queues a `webhook.test` event for the endpoint, whatever it subscribed to; its data is the endpoint. */
  async test(id: string, visibleTo: string | null): Promise<WebhookDeliveryDto> {
    const endpoint = endpointView(await this.owned(id, visibleTo));
    const body = webhookEventBody('webhook.test', this.clock.now(), endpoint);
    return deliveryView(await this.outbox.enqueueTo(endpoint.id, 'webhook.test', body));
  }

  async attempts(
    id: string,
    visibleTo: string | null,
    query: DeliveriesQueryDto,
  ): Promise<WebhookAttemptPageDto> {
    await this.owned(id, visibleTo);
    const page = await this.outbox.listAttempts(id, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(attemptView), nextCursor: page.nextCursor };
  }

  /** A failed delivery is queued again, due now, for one more attempt with the same `webhook-id`. */
  async retry(id: string, deliveryId: string, visibleTo: string | null): Promise<WebhookDeliveryDto> {
    await this.owned(id, visibleTo);
    const outcome = await this.outbox.retry(deliveryId, id);
    if (outcome === 'not_found') {
      throw new GatewayError(
        'WEBHOOK_DELIVERY_NOT_FOUND',
        `No delivery ${deliveryId} was made to webhook endpoint ${id}.`,
      );
    }
    const delivery = await this.outbox.findDelivery(deliveryId, id);
    if (outcome === 'not_failed') {
      throw new GatewayError(
        'WEBHOOK_DELIVERY_NOT_FAILED',
        `Delivery ${deliveryId} is ${delivery?.status ?? 'gone'}: only a failed delivery can be retried.`,
      );
    }
    if (delivery === undefined) throw endpointNotFound(id);
    return deliveryView(delivery);
  }

  private async owned(id: string, visibleTo: string | null): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(id, visibleTo);
    if (endpoint === undefined) throw endpointNotFound(id);
    return endpoint;
  }
}

/** Another key's endpoint is answered exactly like one that does not exist. */
function endpointNotFound(id: string): GatewayError {
  return new GatewayError('WEBHOOK_NOT_FOUND', `No webhook endpoint ${id} belongs to this API key.`);
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function endpointView(endpoint: WebhookEndpoint): WebhookEndpointDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: [...endpoint.events],
    enabled: endpoint.enabled,
    description: endpoint.description,
    createdAt: iso(endpoint.createdAt),
    updatedAt: iso(endpoint.updatedAt),
  };
}

function deliveryView(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    event: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt === null ? null : iso(delivery.nextAttemptAt),
    createdAt: iso(delivery.createdAt),
  };
}

function attemptView(attempt: WebhookAttempt): WebhookAttemptDto {
  return {
    id: attempt.id,
    event: attempt.eventType,
    webhookId: attempt.deliveryId,
    attempt: attempt.attempt,
    ...(attempt.statusCode === null ? {} : { status: attempt.statusCode }),
    durationMs: attempt.durationMs,
    ...(attempt.error === null ? {} : { error: attempt.error }),
    ...(attempt.responseBody === null ? {} : { responseBody: attempt.responseBody }),
    at: iso(attempt.at),
  };
}
