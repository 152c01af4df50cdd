import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import type { OperationName } from '../../common/afilnet/afilnet-operations.js';
import { AfilnetApiError } from '../../common/afilnet/afilnet.errors.js';
import { Clock } from '../../common/clock/clock.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { Batches, type ClaimedRecipient } from '../../database/repositories/batches.repository.js';
import { DatabaseTransactions } from '../../database/repositories/database-transactions.js';
import { CreditBudgetService, type BudgetHold } from '../ledger/credit-budget.service.js';
import { SendLedger } from '../ledger/send-ledger.service.js';
import { toMessageSent } from '../messaging/messaging.results.js';
import { webhookEventBody } from '../webhooks/webhook-event.js';
import { toBatchDto } from './batch-view.js';

/** Slots reserved at a time: a tenth of a second's worth of sends. */
const CLAIM_SECONDS = 0.1;
/** How long an instance with nothing to send waits before it looks again (a batch created here wakes it at once). */
const IDLE_MS = 1000;
/** While idle, finished batches are completed and leftovers cleaned this often. */
const MAINTENANCE_MS = 5000;
const DAY_MS = 86_400_000;

/** Why a batch pauses rather than failing its remaining recipients. */
const PAUSING_ERRORS = ['NO_CREDITS'] as const;

/**
 * Sends batch recipients at `AFILNET_SENDS_PER_SECOND` for the whole deployment (API.md §12). The work is in the
 * database: every instance reserves send slots on one shared pace, claims that many queued recipients (each is
 * written `sending` before its Afilnet call, exactly as a single send is) and sends them through the ledger. After a
 * crash, a recipient caught `sending` becomes `unknown` (the delivery tracker's recovery) and is never re-sent; the
 * rest of the batch goes on wherever an instance runs.
 *
 * `NO_CREDITS` from Afilnet, or the caller's daily credit budget, pauses the batch: the recipient goes back to the
 * queue and waits for `POST /v1/batches/{id}/resume`. Any other refusal marks that recipient `rejected` and the
 * batch goes on. A batch whose last recipient is sent or rejected completes, and raises `batch.completed`, at the
 * sender's next step.
 */
@Injectable()
export class BatchSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BatchSender.name);
  private readonly intervalMs: number;
  private readonly slotsPerClaim: number;
  private readonly catchUpMs: number;
  private readonly maxInFlight: number;
  private readonly retentionMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  /** Batches with a recipient sent or rejected since they were last checked for completion. */
  private readonly settled = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** The last step claimed recipients: look again at once rather than first asking whether any wait. */
  private busy = false;
  private nextMaintenance = 0;

  constructor(
    private readonly batches: Batches,
    private readonly transactions: DatabaseTransactions,
    private readonly ledger: SendLedger,
    private readonly budgets: CreditBudgetService,
    private readonly afilnet: AfilnetHttpService,
    private readonly clock: Clock,
    config: ConfigService<GatewayConfig, true>,
  ) {
    const perSecond = config.get('batches', { infer: true }).sendsPerSecond;
    this.intervalMs = 1000 / perSecond;
    this.slotsPerClaim = Math.max(1, Math.round(perSecond * CLAIM_SECONDS));
    // Slots left unused this long ago can still be taken, so that a late poll loses no pace; a burst after an idle
    // time stays within one second's worth.
    this.catchUpMs = Math.max(0, 1000 - this.slotsPerClaim * this.intervalMs);
    this.maxInFlight = config.get('afilnet', { infer: true }).maxSockets;
    this.retentionMs = config.get('ledger', { infer: true }).retentionDays * DAY_MS;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Stops claiming, and lets the sends in flight finish (each is bounded by the Afilnet timeout). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.inFlight]);
    await this.completeSettled().catch(() => undefined); // otherwise the next start's maintenance completes them
  }

  /** A batch was created or resumed here: look for work now rather than at the next idle poll. */
  wake(): void {
    if (this.stopped || this.running !== undefined) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /**
   * One step: reserve slots, claim that many recipients, start their sends. Answers how long to wait before the
   * next step. The background loop calls it; tests may too.
   */
  async step(): Promise<number> {
    await this.completeSettled();
    if (this.inFlight.size >= this.maxInFlight) {
      await Promise.race(this.inFlight);
      return 0;
    }
    if (!this.busy && !(await this.batches.hasQueuedRecipients())) {
      await this.maintain();
      return IDLE_MS;
    }
    const slots = await this.batches.reserveSlots(this.slotsPerClaim, this.intervalMs, this.catchUpMs);
    if (!slots.granted) return Math.min(Math.max(slots.nextAt - this.clock.now(), 1), IDLE_MS);
    const claimed = await this.batches.claimRecipients(this.slotsPerClaim);
    if (claimed.length < this.slotsPerClaim) {
      await this.batches.returnSlots(this.slotsPerClaim - claimed.length, this.intervalMs);
    }
    this.busy = claimed.length > 0;
    for (const recipient of claimed) {
      const sending = this.send(recipient).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
    return 0;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.step()
        .catch((error: unknown) => {
          this.busy = false;
          this.logger.error({ msg: 'batch step failed', reason: (error as Error).message });
          return IDLE_MS;
        })
        .then((next) => {
          this.running = undefined;
          if (!this.stopped) this.schedule(next);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One recipient, through the ledger as a single send; never throws. */
  private async send(recipient: ClaimedRecipient): Promise<void> {
    const { message } = recipient;
    const batchId = message.batchId!;
    try {
      let hold: BudgetHold;
      try {
        hold = await this.budgets.hold(message.caller, recipient.estimatedCredits);
      } catch (error) {
        // Paused first, so that the recipient put back is not claimed again meanwhile.
        if (error instanceof GatewayError && error.code === 'CREDIT_BUDGET_EXCEEDED') {
          await this.pause(batchId, error.code);
        }
        await this.batches.requeue([recipient]);
        return;
      }
      let result;
      try {
        const name = recipient.operation as OperationName;
        result = toMessageSent(await this.afilnet.call(name, this.dueParams(recipient)));
      } catch (error) {
        if (error instanceof AfilnetApiError && (PAUSING_ERRORS as readonly string[]).includes(error.code)) {
          await hold.release();
          await this.pause(batchId, error.code);
          await this.batches.requeue([recipient]);
          return;
        }
        await this.ledger.recordFailure(message, hold, error);
        this.settled.add(batchId);
        return;
      }
      await this.ledger.recordAccepted(message, hold, result);
      this.settled.add(batchId);
    } catch (error) {
      // The database failed around the send: the recipient stays as it is (`sending` becomes `unknown`).
      this.logger.error({
        msg: 'batch recipient not recorded',
        batchId,
        messageLedgerId: message.id,
        reason: (error as Error).message,
      });
    }
  }

  /**
   * A recipient whose batch's `scheduledAt` has passed by its turn (a long or paused batch) is sent now: Afilnet is
   * not given a time in the past, which its documentation says nothing about.
   */
  private dueParams({ message, params }: ClaimedRecipient): ClaimedRecipient['params'] {
    if (message.scheduledAt === null || message.scheduledAt > this.clock.now()) return params;
    const { scheduledAt: _passed, ...now } = params;
    return now;
  }

  private async pause(batchId: string, reason: string): Promise<void> {
    if (await this.batches.pause(batchId, reason)) {
      this.logger.warn({ msg: 'batch paused', batchId, reason });
    }
  }

  /**
   * The batches whose recipients were sent or rejected since the last step are checked once for completion (one
   * statement for all of them, not one per recipient): a batch completes at most a step — a second when idle — after
   * its last recipient.
   */
  private async completeSettled(): Promise<void> {
    if (this.settled.size === 0) return;
    const ids = [...this.settled];
    this.settled.clear();
    try {
      await this.complete(ids);
    } catch (error) {
      for (const id of ids) this.settled.add(id);
      throw error;
    }
  }

  /** Completes the batches with nothing left to send, raising `batch.completed` in the same transaction. */
  private async complete(ids?: readonly string[]): Promise<void> {
    const now = this.clock.now();
    await this.transactions.run(async ({ batches, outbox }) => {
      const completed = await batches.completeFinished(ids);
      await outbox.enqueueAll(
        completed.map((batch) => ({
          caller: batch.caller,
          type: 'batch.completed' as const,
          payload: async () =>
            webhookEventBody('batch.completed', now, toBatchDto((await batches.find(batch.id, null))!)),
        })),
      );
    });
  }

  /**
   * Batches whose last recipients became `unknown` (a crash) complete; finished batches older than
   * `LEDGER_RETENTION_DAYS` are deleted, as their messages are.
   */
  private async maintain(): Promise<void> {
    const now = this.clock.now();
    if (now < this.nextMaintenance) return;
    this.nextMaintenance = now + MAINTENANCE_MS;
    await this.complete();
    await this.batches.purge(now - this.retentionMs);
  }
}
