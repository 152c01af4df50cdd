import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../../common/clock/clock.js';
import type { GatewayConfig, WebhookConfig } from '../../config/configuration.js';
import { WebhookOutbox, type DueDelivery } from '../../database/repositories/webhook-outbox.repository.js';
import { afterFailure } from './webhook-retry-schedule.js';
import { WebhookSender } from './webhook-sender.js';

/** How often the outbox is looked at, in real time (what is due is decided by the injected clock). */
export const POLL_INTERVAL_MS = 1000;
/** Deliveries claimed and attempted together in one round. */
const CLAIM_BATCH = 20;
/** How long a claim outlives an attempt's deadline before another instance may take the delivery over. */
const LEASE_MARGIN_MS = 30_000;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Delivers the webhook outbox. Everything it works on is in the database: it claims due deliveries
 * (`WebhookOutbox.claimDue`, exclusive across instances on one PostgreSQL), sends each one, and records the
 * attempt with what follows from it — delivered, due again after the retry schedule, or failed after
 * `WEBHOOK_MAX_ATTEMPTS`. A process that stops mid-attempt leaves its claim to lapse, and the delivery is made
 * again with the same `webhook-id` (at least once). It also deletes deliveries older than
 * `LEDGER_RETENTION_DAYS`, once an hour.
 *
 * It polls on a real-time interval from bootstrap to shutdown; `runOnce()` does one pass now, after any pass in
 * progress, which is how tests drive it after moving a `ManualClock`.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly settings: WebhookConfig;
  private readonly retentionMs: number;
  /** The pass running or last run: passes never overlap, and shutdown waits for the last one. */
  private passes: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastPurgeAt: number | undefined;

  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.settings = config.get('webhooks', { infer: true });
    this.retentionMs = config.get('ledger', { infer: true }).retentionDays * DAY_MS;
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** In-flight attempts finish (each within `WEBHOOK_TIMEOUT_MS`) and are recorded before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.passes;
  }

  /**
   * Purges old deliveries if an hour has passed, then attempts every delivery due now, batch after batch.
   * Answers the number of attempts made.
   */
  runOnce(): Promise<number> {
    const pass = this.passes.then(() => this.pass());
    this.passes = pass.catch(() => undefined);
    return pass;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: Error) =>
          this.logger.warn({ msg: 'webhook delivery pass failed; trying again', reason: error.message }),
        )
        .finally(() => this.schedule());
    }, POLL_INTERVAL_MS);
    // The poll alone never keeps the process alive.
    this.timer.unref();
  }

  private async pass(): Promise<number> {
    if (this.stopped) return 0;
    await this.purgeHourly();
    let attempts = 0;
    for (;;) {
      const due = await this.outbox.claimDue({
        limit: CLAIM_BATCH,
        leaseMs: this.settings.timeoutMs + LEASE_MARGIN_MS,
      });
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
      attempts += due.length;
      if (due.length < CLAIM_BATCH || this.stopped) return attempts;
    }
  }

  /** Never throws: a delivery whose attempt could not be recorded is made again when its claim lapses. */
  private async attempt(delivery: DueDelivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    try {
      const result = await this.sender.send({
        url: delivery.url,
        secret: delivery.secret,
        id: delivery.id,
        payload: delivery.payload,
        at: this.clock.now(),
      });
      await this.outbox.recordAttempt({
        deliveryId: delivery.id,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        error: result.error,
        responseBody: result.responseBody,
        next: result.delivered
          ? { outcome: 'succeeded' }
          : afterFailure(attempt, this.settings.maxAttempts, this.clock.now()),
      });
      // Ids and the outcome only: the URL may carry a token in its query; the secret never leaves the sender.
      this.logger.debug({
        msg: result.delivered ? 'webhook delivered' : 'webhook attempt failed',
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        attempt,
        statusCode: result.statusCode,
        reason: result.error,
      });
    } catch (error) {
      this.logger.warn({
        msg: 'webhook attempt not recorded; it is made again when its claim lapses',
        deliveryId: delivery.id,
        reason: (error as Error).message,
      });
    }
  }

  private async purgeHourly(): Promise<void> {
    const now = this.clock.now();
    if (this.lastPurgeAt !== undefined && now - this.lastPurgeAt < HOUR_MS) return;
    this.lastPurgeAt = now;
    const purged = await this.outbox.purge(now - this.retentionMs);
    if (purged > 0) this.logger.log(`Deleted ${purged} webhook deliveries older than the retention period`);
  }
}
