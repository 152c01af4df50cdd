import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { Clock } from '../../common/clock/clock.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { utcDay } from '../../database/repositories/credit-budgets.repository.js';
import { DatabaseTransactions } from '../../database/repositories/database-transactions.js';
import {
  MessageLedger,
  type LedgerMessage,
  type TrackingUpdate,
} from '../../database/repositories/message-ledger.repository.js';
import { CreditBudgets } from '../../database/repositories/credit-budgets.repository.js';
import { WebhookOutbox } from '../../database/repositories/webhook-outbox.repository.js';
import type { Channel } from '../../database/schema.js';
import type { DeliveryStatusDto } from '../messaging/dto/message-responses.dto.js';
import { toDeliveryStatuses } from '../messaging/messaging.results.js';
import { raiseEvents } from './message-events.js';
import { TRACKED_CHANNELS } from './send-ledger.service.js';

/** Afilnet answers up to 100 ids per `getdeliverystatus` call. */
const IDS_PER_CALL = 100;
/** How long a claim on messages holds: an instance that dies mid-check leaves them due again after this. */
const LEASE_MS = 2 * 60_000;
/** The longest wait between two checks of one message. */
const MAX_INTERVAL_MS = 30 * 60_000;
/** After a failed status call (Afilnet down, circuit open), the messages wait this long — never marked failed. */
const RETRY_AFTER_FAILURE_MS = 60_000;
/** How often this instance looks for due work (real time; what is due is decided by the injected clock). */
const POLL_MS = 1000;
/** Crash recovery and retention run this often. */
const MAINTENANCE_MS = 60_000;
/** Beyond the Afilnet deadline, how long a send may still be in flight before it is presumed interrupted. */
const IN_FLIGHT_MARGIN_MS = 30_000;
const DAY_MS = 86_400_000;

/**
 * Delivery tracking (API.md §9), driven by the database so that it survives restarts: every instance claims the
 * messages that are due (each message goes to one instance at a time), asks Afilnet's `getdeliverystatus` for
 * up to 100 per channel and call, and records what changed — with its webhook event, in one transaction. Checks
 * back off (doubling from `TRACKING_FIRST_CHECK_SECONDS` up to 30 minutes) until the message is `delivered` or
 * `failed`, or `expired` after `TRACKING_MAX_HOURS`. It also turns sends interrupted by a crash `unknown` and
 * deletes what is older than `LEDGER_RETENTION_DAYS`.
 */
@Injectable()
export class DeliveryTracker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryTracker.name);
  private readonly firstCheckMs: number;
  private readonly maxAgeMs: number;
  private readonly retentionMs: number;
  private readonly inFlightMs: number;
  private readonly timeZone: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private nextMaintenance = 0;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    private readonly ledger: MessageLedger,
    private readonly transactions: DatabaseTransactions,
    private readonly outbox: WebhookOutbox,
    private readonly budgets: CreditBudgets,
    private readonly clock: Clock,
    config: ConfigService<GatewayConfig, true>,
  ) {
    const tracking = config.get('tracking', { infer: true });
    const upstream = config.get('afilnet', { infer: true });
    this.firstCheckMs = tracking.firstCheckSeconds * 1000;
    this.maxAgeMs = tracking.maxHours * 3_600_000;
    this.retentionMs = config.get('ledger', { infer: true }).retentionDays * DAY_MS;
    this.inFlightMs = upstream.timeoutMs + IN_FLIGHT_MARGIN_MS;
    this.timeZone = upstream.timeZone;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Stops before the database closes; a round in progress finishes (its claims would lapse anyway). */
  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One round: maintenance when it is due, then every due message checked. Answers how many messages were
   * checked. The background loop calls it; tests call it after moving the clock.
   */
  async runOnce(): Promise<number> {
    if (this.clock.now() >= this.nextMaintenance) await this.maintain();
    let checked = 0;
    for (const channel of TRACKED_CHANNELS) {
      for (;;) {
        const due = await this.ledger.claimForTracking({ limit: IDS_PER_CALL, leaseMs: LEASE_MS, channel });
        if (due.length > 0) await this.check(channel, due);
        checked += due.length;
        if (due.length < IDS_PER_CALL) break;
      }
    }
    return checked;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(
          () => undefined,
          (error: unknown) =>
            this.logger.error({ msg: 'tracking round failed', reason: (error as Error).message }),
        )
        .finally(() => {
          this.running = undefined;
          if (this.timer !== undefined) this.schedule(POLL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async check(channel: Channel, due: readonly LedgerMessage[]): Promise<void> {
    const now = this.clock.now();
    const asked = due.filter((message) => message.messageId !== null);
    let statuses: Map<string, DeliveryStatusDto>;
    try {
      const result =
        asked.length === 0
          ? []
          : await this.afilnet.call(`${channel as (typeof TRACKED_CHANNELS)[number]}.status`, {
              ids: asked.map((message) => message.messageId).join(','),
            });
      statuses = new Map(
        toDeliveryStatuses(result, this.timeZone).map((status) => [status.messageId, status]),
      );
    } catch (error) {
      await this.ledger.postponeTracking(
        due.map((message) => message.id),
        now + RETRY_AFTER_FAILURE_MS,
      );
      this.logger.warn({
        msg: 'delivery status not available; checks postponed',
        channel,
        reason: (error as Error).message,
      });
      return;
    }
    const updates = due.map((message) => this.update(message, statuses, now));
    await this.transactions.run(async (repositories) => {
      const changed = await repositories.ledger.applyTracking(updates);
      // `scheduled` → `pending` raises nothing; a final status raises its event.
      await raiseEvents(
        repositories,
        changed.filter((message) => message.nextCheckAt === null),
        now,
      );
    });
  }

  private update(
    message: LedgerMessage,
    statuses: Map<string, DeliveryStatusDto>,
    now: number,
  ): TrackingUpdate {
    const reported = message.messageId === null ? undefined : statuses.get(message.messageId);
    const raw = reported?.raw ?? null;
    if (reported?.status === 'delivered') {
      const deliveredAt = reported.deliveredAt === null ? now : Date.parse(reported.deliveredAt);
      return { id: message.id, status: 'delivered', raw, deliveredAt, nextCheckAt: null };
    }
    if (reported?.status === 'failed') return { id: message.id, status: 'failed', raw, nextCheckAt: null };
    const due = Math.max(message.sentAt ?? message.createdAt, message.scheduledAt ?? 0);
    if (now - due >= this.maxAgeMs) return { id: message.id, status: 'expired', raw, nextCheckAt: null };
    const status = message.scheduledAt !== null && message.scheduledAt > now ? 'scheduled' : 'pending';
    // Without Afilnet's id there is nothing to ask: the message keeps its status and is no longer tracked.
    if (message.messageId === null) return { id: message.id, status, raw, nextCheckAt: null };
    const interval = Math.min(this.firstCheckMs * 2 ** (message.checkCount + 1), MAX_INTERVAL_MS);
    return { id: message.id, status, raw, nextCheckAt: now + interval };
  }

  private async maintain(): Promise<void> {
    const now = this.clock.now();
    this.nextMaintenance = now + MAINTENANCE_MS;
    const interrupted = await this.ledger.recoverInterruptedSends(now - this.inFlightMs);
    if (interrupted > 0) {
      this.logger.warn({
        msg: 'sends interrupted by a restart are now unknown (never re-sent)',
        count: interrupted,
      });
    }
    await this.ledger.purge(now - this.retentionMs);
    await this.outbox.purge(now - this.retentionMs);
    await this.budgets.purge(utcDay(now - DAY_MS));
  }
}
