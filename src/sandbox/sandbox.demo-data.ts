import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock } from '../common/clock/clock.js';
import { DatabaseTransactions } from '../database/repositories/database-transactions.js';
import { MessageLedger } from '../database/repositories/message-ledger.repository.js';
import { DEMO_BATCH_ID } from '../modules/batches/dto/batch.dto.js';
import { DEMO_MESSAGE_ID } from '../modules/ledger/dto/message.dto.js';
import { WebhookEndpoints } from '../database/repositories/webhook-endpoints.repository.js';
import { WebhookOutbox } from '../database/repositories/webhook-outbox.repository.js';
import { DEMO_VERIFICATION_ID } from '../modules/verifications/dto/verification.dto.js';
import { VerificationStore } from '../modules/verifications/verification.store.js';
import { DEMO_DELIVERY_ID, DEMO_ENDPOINT_ID } from '../modules/webhooks/dto/webhook-requests.dto.js';
import { webhookEventBody } from '../modules/webhooks/webhook-event.js';
import { endpointView, newSigningSecret } from '../modules/webhooks/webhooks.service.js';

/** How long the demo verification stays checkable: as long as the longest code a verification sends. */
const DEMO_TTL_MS = 60 * 60_000;

/** Where the demo webhook endpoint points: the discard port on loopback, where nothing listens. */
const DEMO_WEBHOOK_URL = 'http://127.0.0.1:9/demo-webhook';

/**
 * The gateway-side demo data of sandbox mode (the simulator seeds its own groups and templates): the verification,
 * the ledger message, the paused batch and the webhook endpoint (with a failed delivery) that Swagger's
 * `GET /v1/verifications/{id}`, `GET /v1/messages/{id}`, `/v1/batches/{id}…` and `/v1/webhooks/{id}…` examples
 * name. They belong to no key: seen without keys and by a `*` key. Seeded at start-up and again by
 * `POST /v1/sandbox/reset`; the verification expires like any other.
 */
@Injectable()
export class SandboxDemoData implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly ledger: MessageLedger,
    private readonly endpoints: WebhookEndpoints,
    private readonly outbox: WebhookOutbox,
    private readonly transactions: DatabaseTransactions,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  async seed(): Promise<void> {
    await this.seedMessage();
    await this.seedVerification();
    // Sandbox instances sharing one PostgreSQL may seed these at the same time; the one that loses starts anyway.
    await bestEffort('demo batch', () => this.seedBatch());
    await bestEffort('demo webhook endpoint', () => this.makeDemoWebhook());
  }

  /** An SMS to the demo number, accepted by Afilnet (visible without keys, and to `*` keys). */
  private async seedMessage(): Promise<void> {
    if ((await this.ledger.find(DEMO_MESSAGE_ID, null)) !== undefined) return;
    await this.ledger.insert([
      {
        id: DEMO_MESSAGE_ID,
        channel: 'sms',
        operation: 'sms.send',
        caller: null,
        to: '34600000000',
        content: 'Your code is on its way',
        segments: 1,
      },
    ]);
    await this.ledger.recordOutcomes([
      {
        id: DEMO_MESSAGE_ID,
        outcome: 'accepted',
        messageId: 'demo',
        credits: 1,
        status: 'pending',
        nextCheckAt: null,
      },
    ]);
  }

  /**
   * A batch of one SMS, paused for lack of credits, made anew on every seed: Swagger's read, resume and cancel
   * examples all find it as they need it. Resumed, its recipient goes to the simulator like any batch's.
   */
  private async seedBatch(): Promise<void> {
    await this.transactions.run(async ({ batches, ledger }) => {
      await batches.remove(DEMO_BATCH_ID);
      await batches.create({
        id: DEMO_BATCH_ID,
        caller: null,
        channel: 'sms',
        operation: 'sms.send',
        total: 1,
        requestId: null,
        idempotencyKey: null,
        scheduledAt: null,
      });
      await batches.pause(DEMO_BATCH_ID, 'NO_CREDITS');
      const [message] = await ledger.insert(
        [
          {
            channel: 'sms',
            operation: 'sms.send',
            caller: null,
            batchId: DEMO_BATCH_ID,
            to: '34600000000',
            content: 'Your table is booked for 21:00.',
            segments: 1,
          },
        ],
        'queued',
      );
      await batches.addRecipients(DEMO_BATCH_ID, [
        {
          messageId: message.id,
          params: { from: 'Afilnet', to: message.to, sms: 'Your table is booked for 21:00.' },
          estimatedCredits: 1,
        },
      ]);
    });
  }

  private async seedVerification(): Promise<void> {
    // Looked up, not injected: the verifications module is the application's, the sandbox only adds to its store.
    const store = this.moduleRef.get(VerificationStore, { strict: false });
    await store.create({
      id: DEMO_VERIFICATION_ID,
      destination: '34600000000',
      type: 'mobile',
      status: 'pending',
      attempts: 0,
      expiresAt: this.clock.now() + DEMO_TTL_MS,
      apiKeyName: null,
    });
  }

  /**
   * The demo endpoint is made anew, disabled while its delivery is recorded as failed (so that the delivery
   * worker does not take it meanwhile), then enabled: a retry from Swagger really attempts it, and fails again.
   */
  private async makeDemoWebhook(): Promise<void> {
    const { endpoints, outbox } = this;
    await endpoints.delete(DEMO_ENDPOINT_ID, null);
    const endpoint = await endpoints.create({
      id: DEMO_ENDPOINT_ID,
      caller: null,
      url: DEMO_WEBHOOK_URL,
      events: ['webhook.test'],
      description: 'Sandbox demo endpoint: nothing listens at its URL, so every delivery to it fails',
      secret: newSigningSecret(),
      enabled: false,
    });
    const body = webhookEventBody('webhook.test', this.clock.now(), endpointView(endpoint));
    await outbox.enqueueTo(DEMO_ENDPOINT_ID, 'webhook.test', body, DEMO_DELIVERY_ID);
    await outbox.recordAttempt({
      deliveryId: DEMO_DELIVERY_ID,
      statusCode: null,
      durationMs: 1,
      error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
      responseBody: null,
      next: { outcome: 'failed' },
    });
    await endpoints.update(DEMO_ENDPOINT_ID, null, { enabled: true });
  }
}

async function bestEffort(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    new Logger('Sandbox').warn({ msg: `${what} not seeded`, reason: (error as Error).message });
  }
}
