import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { gatewayCodeForTransportFailure } from '../../common/afilnet/afilnet-error-table.js';
import { operation, type OperationName } from '../../common/afilnet/afilnet-operations.js';
import { AfilnetApiError, AfilnetTransportError } from '../../common/afilnet/afilnet.errors.js';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import { Clock } from '../../common/clock/clock.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { DatabaseTransactions } from '../../database/repositories/database-transactions.js';
import { WebhookOutbox } from '../../database/repositories/webhook-outbox.repository.js';
import {
  MessageLedger,
  type LedgerMessage,
  type NewMessage,
  type SendOutcome,
} from '../../database/repositories/message-ledger.repository.js';
import type { Channel } from '../../database/schema.js';
import { CreditBudgetService, type BudgetHold } from './credit-budget.service.js';
import { beforeSending } from './ledger-access.js';
import { raiseEvents } from './message-events.js';
import { WriteBatcher } from './write-batcher.js';

/** What the ledger records about one send, besides where it came from. */
export interface LedgerEntry {
  readonly operation: OperationName;
  /** The destination; for a group send, `group:<id>` until Afilnet's answer names each one. */
  readonly to: string;
  /** The text the caller wrote (measured and hashed; kept only with LEDGER_STORE_CONTENT). Never a one-time code. */
  readonly content?: string | null;
  readonly segments?: number | null;
  readonly templateId?: number | null;
  readonly templateParams?: Readonly<Record<string, string | number>> | null;
  /** ISO 8601, as the caller sent it. */
  readonly scheduledAt?: string | null;
  /** What the send is expected to cost, held against the caller's daily budget until Afilnet says. */
  readonly estimatedCredits: number;
}

/** What Afilnet answered for a single send, normalised. */
export interface SingleSendResult {
  readonly messageId: string | null;
  readonly credits: number | null;
}

/** One destination of a group send as Afilnet answered it, normalised. */
export interface GroupSendDestination {
  readonly messageId: string | null;
  readonly destination: string | null;
}

/** What Afilnet answered for a group send, normalised. */
export interface GroupSendResult {
  readonly credits: number | null;
  readonly destinations: readonly GroupSendDestination[];
}

/** The answer with each destination's ledger id added. */
export type WithLedgerIds<R extends GroupSendResult> = Omit<R, 'destinations'> & {
  destinations: (R['destinations'][number] & { id: string | null })[];
};

/** An answer to record, with whose send it was (whose webhook endpoints its event would go to). */
interface RecordedOutcome {
  readonly caller: string | null;
  readonly outcome: SendOutcome;
}

/** Channels whose delivery Afilnet reports (`getdeliverystatus`): their messages are tracked. */
export const TRACKED_CHANNELS = ['sms', 'voice', 'email'] as const satisfies readonly Channel[];

/**
 * Every send goes through here (API.md §9): the caller's budget is held, the message is written `sending`
 * **before** Afilnet is called, and Afilnet's answer is recorded before the caller gets it — accepted (with
 * Afilnet's id, its first tracking time and a `message.sent` event, in one transaction), rejected with Afilnet's
 * code, or `unknown` when the call may or may not have sent it. Nothing here ever calls Afilnet twice.
 */
@Injectable()
export class SendLedger {
  private readonly logger = new Logger(SendLedger.name);
  private readonly firstCheckMs: number;
  /** Messages written `sending`, many sends per transaction (see `WriteBatcher`). */
  private readonly inserts: WriteBatcher<NewMessage, LedgerMessage>;
  /** Afilnet's answers recorded, with the events they raise, many per transaction. */
  private readonly outcomes: WriteBatcher<RecordedOutcome, LedgerMessage | undefined>;

  constructor(
    private readonly ledger: MessageLedger,
    private readonly outbox: WebhookOutbox,
    private readonly transactions: DatabaseTransactions,
    private readonly budgets: CreditBudgetService,
    private readonly clock: Clock,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.firstCheckMs = config.get('tracking', { infer: true }).firstCheckSeconds * 1000;
    this.inserts = new WriteBatcher((messages) => this.ledger.insert(messages));
    this.outcomes = new WriteBatcher((recorded) => this.recordOutcomes(recorded));
  }

  /**
   * The answers and the events they raise commit together. When none of the senders has an enabled webhook
   * endpoint (the common case: nothing to raise), the answers alone are one statement — no transaction around
   * them; an endpoint created while the answers are written receives the events raised after it.
   */
  private async recordOutcomes(recorded: readonly RecordedOutcome[]): Promise<(LedgerMessage | undefined)[]> {
    const outcomes = recorded.map(({ outcome }) => outcome);
    const listening = await this.outbox.listeningCallers(recorded.map(({ caller }) => caller));
    const changed =
      listening.size === 0
        ? await this.ledger.recordOutcomes(outcomes)
        : await this.transactions.run(async (repositories) => {
            const messages = await repositories.ledger.recordOutcomes(outcomes);
            await raiseEvents(repositories, messages, this.clock.now());
            return messages;
          });
    const byId = new Map(changed.map((message) => [message.id, message]));
    return outcomes.map((outcome) => byId.get(outcome.id));
  }

  async single<R extends SingleSendResult>(
    origin: SendOrigin,
    entry: LedgerEntry,
    send: () => Promise<R>,
  ): Promise<R & { readonly id: string }> {
    const [message, hold] = await this.begin(origin, entry);
    const result = await this.call(message, hold, send);
    await this.recordAccepted(message, hold, result);
    return { id: message.id, ...result };
  }

  /**
   * Afilnet accepted a message written `sending` (by `single`, or a batch recipient whose turn came): its answer is
   * recorded, with its `message.sent` event, and the budget's hold settled on what Afilnet charged. Never throws: the
   * message went out.
   */
  async recordAccepted(message: LedgerMessage, hold: BudgetHold, result: SingleSendResult): Promise<void> {
    await this.afterSending(message, hold, result.credits, () =>
      this.outcomes.submit({
        caller: message.caller,
        outcome: {
          id: message.id,
          outcome: 'accepted',
          messageId: result.messageId,
          credits: result.credits,
          ...this.tracking(message),
        },
      }),
    );
  }

  /**
   * The Afilnet call of a message written `sending` failed: recorded `rejected` with the code (its hold released:
   * nothing was charged) or `unknown` when it may have gone out (the hold kept). Never throws.
   */
  async recordFailure(message: LedgerMessage, hold: BudgetHold, error: unknown): Promise<void> {
    const outcome = failureOutcome(message.id, error);
    await this.quietly(message, 'record the failed send', async () => {
      await this.outcomes.submit({ caller: message.caller, outcome });
      if (outcome.outcome === 'rejected') await hold.release();
    });
  }

  /**
   * A group send: Afilnet expands the group, so one message is written for the group before the call and becomes
   * one message per destination once Afilnet names them. Afilnet charges the send as a whole: its credits are
   * shared out evenly over the destinations, so that usage adds up.
   */
  async group<R extends GroupSendResult>(
    origin: SendOrigin,
    entry: LedgerEntry,
    send: () => Promise<R>,
  ): Promise<WithLedgerIds<R>> {
    const [message, hold] = await this.begin(origin, entry);
    const result = await this.call(message, hold, send);
    const shares = shareOut(result.credits, result.destinations.length);
    const expanded = await this.afterSending(message, hold, result.credits, async () => {
      const { status, nextCheckAt } = this.tracking(message);
      return this.transactions.run(async (repositories) => {
        const messages = await repositories.ledger.expandGroupSend(
          message.id,
          result.destinations.map((destination, index) => ({
            to: destination.destination ?? message.to,
            messageId: destination.messageId,
            credits: shares[index],
          })),
          status,
          nextCheckAt,
        );
        await raiseEvents(repositories, messages, this.clock.now());
        return messages;
      });
    });
    return {
      ...result,
      destinations: result.destinations.map((destination, index) => ({
        id: expanded?.[index]?.id ?? null,
        ...destination,
      })),
    };
  }

  private async begin(origin: SendOrigin, entry: LedgerEntry): Promise<[LedgerMessage, BudgetHold]> {
    const hold = await this.budgets.hold(origin.caller, entry.estimatedCredits);
    try {
      const message = await beforeSending(() => this.inserts.submit(newMessage(origin, entry)));
      return [message, hold];
    } catch (error) {
      await hold.release().catch(() => undefined);
      throw error;
    }
  }

  /** Calls Afilnet once; a failure is recorded (rejected, or unknown when it may have gone out) and rethrown. */
  private async call<R>(message: LedgerMessage, hold: BudgetHold, send: () => Promise<R>): Promise<R> {
    try {
      return await send();
    } catch (error) {
      await this.recordFailure(message, hold, error);
      throw error;
    }
  }

  /**
   * After Afilnet accepted: the message went out, so the caller gets its answer even if the database fails now
   * (the message then stays `sending` and becomes `unknown` — never re-sent).
   */
  private async afterSending<T>(
    message: LedgerMessage,
    hold: BudgetHold,
    credits: number | null,
    record: () => Promise<T>,
  ): Promise<T | undefined> {
    const recorded = await this.quietly(message, "record Afilnet's answer", record);
    await this.quietly(message, 'settle the credit budget', () => hold.settle(credits));
    return recorded;
  }

  /** Scheduled sends are first checked after they are due; channels without a delivery status never are. */
  private tracking(message: LedgerMessage): { status: 'pending' | 'scheduled'; nextCheckAt: number | null } {
    const now = this.clock.now();
    const scheduled = message.scheduledAt !== null && message.scheduledAt > now;
    const tracked = (TRACKED_CHANNELS as readonly Channel[]).includes(message.channel);
    return {
      status: scheduled ? 'scheduled' : 'pending',
      nextCheckAt: tracked ? Math.max(now, message.scheduledAt ?? now) + this.firstCheckMs : null,
    };
  }

  private async quietly<T>(
    message: LedgerMessage,
    what: string,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.logger.error({
        msg: `could not ${what}`,
        messageLedgerId: message.id,
        reason: (error as Error).message,
      });
      return undefined;
    }
  }
}

/**
 * How a failed call is recorded: Afilnet's refusal is `rejected` with its code, as is a call that never reached
 * Afilnet (the circuit breaker was open, every connection was busy, no connection could be made); anything else — a
 * timeout, a connection lost after the request left, an unreadable answer — may have sent the message, so it is
 * `unknown`, with the gateway's code for the failure.
 */
function failureOutcome(id: string, error: unknown): SendOutcome {
  if (error instanceof AfilnetApiError) return { id, outcome: 'rejected', errorCode: error.code };
  if (error instanceof AfilnetTransportError) {
    const errorCode = gatewayCodeForTransportFailure(error.failure);
    return error.mayHaveReachedAfilnet
      ? { id, outcome: 'unknown', errorCode }
      : { id, outcome: 'rejected', errorCode };
  }
  return { id, outcome: 'unknown', errorCode: 'INTERNAL' };
}

/** The ledger row a send is written as: `sending` before its call, or `queued` as a batch's recipient. */
export function newMessage(origin: SendOrigin, entry: LedgerEntry): NewMessage {
  return {
    channel: operation(entry.operation).class as Channel,
    operation: entry.operation,
    caller: origin.caller,
    requestId: origin.requestId,
    idempotencyKey: origin.idempotencyKey,
    to: entry.to,
    content: entry.content ?? null,
    segments: entry.segments ?? null,
    templateId: entry.templateId == null ? null : String(entry.templateId),
    templateParams: entry.templateParams == null ? null : stringValues(entry.templateParams),
    scheduledAt: entry.scheduledAt == null ? null : Date.parse(entry.scheduledAt),
  };
}

function stringValues(values: Readonly<Record<string, string | number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}

/** `total` split over `count` parts to the millionth, the last taking the remainder, so that the parts add up. */
function shareOut(total: number | null, count: number): (number | null)[] {
  if (total === null || count === 0) return Array.from({ length: count }, () => null);
  const part = Math.floor((total / count) * 1e6) / 1e6;
  return Array.from({ length: count }, (_, index) =>
    index === count - 1 ? Math.round((total - part * (count - 1)) * 1e6) / 1e6 : part,
  );
}
