import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '../../config/configuration.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** The sender's connections close after the worker has stopped (`beforeApplicationShutdown` comes first). */
class ClosingWebhookSender extends WebhookSender implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/**
 * Webhooks (API.md §10): the endpoints' routes, and the worker that delivers the outbox (`WebhookOutbox`, in
 * the database) from bootstrap to shutdown. Events are queued by whoever raises them, through
 * `WebhookOutbox.enqueue`. Tests drive the worker with `app.get(WebhookDeliveryWorker).runOnce()`.
 */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhookDeliveryWorker,
    {
      provide: WebhookSender,
      inject: [ConfigService],
      useFactory: (config: ConfigService<GatewayConfig, true>) =>
        new ClosingWebhookSender({ timeoutMs: config.get('webhooks', { infer: true }).timeoutMs }),
    },
  ],
})
export class WebhooksModule {}
