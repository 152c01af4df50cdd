import { sql, type Kysely, type QueryCreator, type RawBuilder, type Selectable } from 'kysely';
import type { Clock } from '../../common/clock/clock.js';
import { chunks, INSERT_CHUNK_ROWS } from '../chunks.js';
import { dialectOf, inTransaction } from '../connection.js';
import { newId } from '../ids.js';
import { decodeCursor, pageLimit, toPage, type Page } from '../pagination.js';
import type { BatchChannel, BatchesTable, BatchStatus, Database, MessageStatus } from '../schema.js';
import { appendHistory, toMessage, type LedgerMessage } from './message-ledger.repository.js';

/** One batch, as the repository answers it. Times are epoch milliseconds. */
export interface Batch {
  readonly id: string;
  readonly caller: string | null;
  readonly channel: BatchChannel;
  readonly operation: string;
  readonly status: BatchStatus;
  readonly reason: string | null;
  readonly total: number;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  readonly scheduledAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
}

/** How many of a batch's recipients are in each status, and the credits Afilnet charged for them. */
export interface BatchCounts {
  readonly byStatus: Readonly<Partial<Record<MessageStatus, number>>>;
  readonly credits: number;
}

export interface BatchWithCounts extends Batch {
  readonly counts: BatchCounts;
}

export interface NewBatch {
  /** A fixed id (the sandbox's demo batch); a new time-ordered one when absent. */
  readonly id?: string;
  readonly caller: string | null;
  readonly channel: BatchChannel;
  readonly operation: string;
  readonly total: number;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  readonly scheduledAt: number | null;
}

/** What one queued recipient is to be sent, beside its ledger message. */
export interface RecipientSend {
  readonly messageId: string;
  /** The catalog parameters of its send, as they will be passed to Afilnet. */
  readonly params: Readonly<Record<string, string | number>>;
  /** Held against the caller's daily budget when its turn comes. */
  readonly estimatedCredits: number;
}

/** A recipient whose turn came: its message is now `sending`. */
export interface ClaimedRecipient {
  readonly message: LedgerMessage;
  readonly operation: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly estimatedCredits: number;
}

/** The outcome of reserving send slots on the shared pace. */
export type SlotReservation =
  { readonly granted: true } | { readonly granted: false; readonly nextAt: number };

export interface BatchQuery {
  readonly visibleTo: string | null;
  readonly status?: BatchStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/** The pace every instance shares (`send_pace`'s one row). */
const PACE = 'batches';
/** Statuses whose queued recipients are sent. */
const ACTIVE: readonly BatchStatus[] = ['queued', 'sending'];
/** No message that `correlation` picks is still waiting or being sent (`queued`, `sending`). */
const noUnfinishedMessage = (correlation: RawBuilder<unknown>) =>
  sql<boolean>`not exists (select 1 from messages where ${correlation} and messages.status in ('queued', 'sending'))`;

type BatchRow = Selectable<BatchesTable>;

/**
 * Batches (API.md §12): the batch, what each of its queued recipients is to be sent, and the pace shared by
 * every instance. The recipients themselves are ledger messages (`batch_id`), `queued` until their turn; the
 * operations that hand out work (slots, recipients) are safe with several instances on one PostgreSQL.
 */
export abstract class Batches {
  /** Writes a batch (its recipients are written alongside, by the ledger, in the same transaction). */
  abstract create(batch: NewBatch): Promise<Batch>;

  /** The batch an earlier request with this caller's `Idempotency-Key` created, if any. */
  abstract findByIdempotencyKey(caller: string | null, key: string): Promise<Batch | undefined>;

  /** Keeps what each queued recipient is to be sent, until it is. */
  abstract addRecipients(batchId: string, recipients: readonly RecipientSend[]): Promise<void>;

  /** One batch with its counts, if it exists and `visibleTo` may see it (null: anyone's). */
  abstract find(id: string, visibleTo: string | null): Promise<BatchWithCounts | undefined>;

  /** A batch's status alone (no counts), if it exists and `visibleTo` may see it: one indexed read. */
  abstract statusOf(id: string, visibleTo: string | null): Promise<BatchStatus | undefined>;

  /** Batches newest first, with their counts, one page at a time. */
  abstract list(query: BatchQuery): Promise<Page<BatchWithCounts>>;

  /** Whether any active batch has a recipient waiting (one cheap read, for an idle instance). */
  abstract hasQueuedRecipients(): Promise<boolean>;

  /**
   * Reserves `count` send slots of `intervalMs` each on the deployment's pace, if the pace is not ahead of now.
   * Slots left unused for up to `catchUpMs` can still be taken (so that polling late loses no pace), which bounds a
   * burst after an idle time to that much. Atomic: of several instances reserving at once, each slot goes to one.
   */
  abstract reserveSlots(count: number, intervalMs: number, catchUpMs: number): Promise<SlotReservation>;

  /** Gives back slots reserved but not used (there were fewer recipients waiting). */
  abstract returnSlots(count: number, intervalMs: number): Promise<void>;

  /**
   * Claims up to `limit` queued recipients of active batches, oldest first, and writes them `sending` (with their
   * history entry) before anything is sent; their batches become `sending`. What each is to be sent is answered and
   * deleted: a claimed recipient is sent once or never (a crash leaves it `unknown`), so nothing keeps its text
   * longer. Of several instances claiming at once, each recipient goes to one of them.
   */
  abstract claimRecipients(limit: number): Promise<ClaimedRecipient[]>;

  /**
   * Recipients claimed but not sent (Afilnet refused for lack of credits, the budget was spent) wait again, with
   * what they are to be sent.
   */
  abstract requeue(recipients: readonly ClaimedRecipient[]): Promise<void>;

  /** An active batch stops sending until resumed, saying why. Answers whether it was active. */
  abstract pause(id: string, reason: string): Promise<boolean>;

  /** A paused batch goes on; answers it as it is now (undefined when `visibleTo` may not see it). */
  abstract resume(id: string, visibleTo: string | null): Promise<BatchWithCounts | undefined>;

  /**
   * Stops what is not sent yet: the queued recipients become `canceled` and the batch too, unless it had already
   * completed. Recipients being sent right now still finish.
   */
  abstract cancel(id: string, visibleTo: string | null): Promise<BatchWithCounts | undefined>;

  /**
   * Active batches with no recipient left waiting or being sent become `completed`: those of `ids`, or all of them.
   * Answers the batches that did.
   */
  abstract completeFinished(ids?: readonly string[]): Promise<Batch[]>;

  /** Deletes finished batches created before `createdBefore` (their messages go with the ledger's retention). */
  abstract purge(createdBefore: number): Promise<number>;

  /** Deletes one batch with its messages, whatever its status (the sandbox's demo batch, made anew). */
  abstract remove(id: string): Promise<void>;
}

export class KyselyBatches extends Batches {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    super();
  }

  async create(batch: NewBatch): Promise<Batch> {
    const now = this.clock.now();
    const row: BatchRow = {
      id: batch.id ?? newId('batch', now),
      caller: batch.caller,
      channel: batch.channel,
      operation: batch.operation,
      status: 'queued',
      reason: null,
      total: batch.total,
      request_id: batch.requestId,
      idempotency_key: batch.idempotencyKey,
      scheduled_at: batch.scheduledAt,
      created_at: now,
      updated_at: now,
      completed_at: null,
    };
    await this.db.insertInto('batches').values(row).execute();
    return toBatch(row);
  }

  async findByIdempotencyKey(caller: string | null, key: string): Promise<Batch | undefined> {
    const row = await this.db
      .selectFrom('batches')
      .selectAll()
      .where('idempotency_key', '=', key)
      .where((eb) => (caller === null ? eb('caller', 'is', null) : eb('caller', '=', caller)))
      .executeTakeFirst();
    return row === undefined ? undefined : toBatch(row);
  }

  addRecipients(batchId: string, recipients: readonly RecipientSend[]): Promise<void> {
    return insertSends(
      this.db,
      recipients.map((recipient) => ({ ...recipient, batchId })),
    );
  }

  async find(id: string, visibleTo: string | null): Promise<BatchWithCounts | undefined> {
    const row = await this.db
      .selectFrom('batches')
      .selectAll()
      .where('id', '=', id)
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const [withCounts] = await this.withCounts([row]);
    return withCounts;
  }

  async statusOf(id: string, visibleTo: string | null): Promise<BatchStatus | undefined> {
    const row = await this.db
      .selectFrom('batches')
      .select('status')
      .where('id', '=', id)
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .executeTakeFirst();
    return row?.status;
  }

  async list(query: BatchQuery): Promise<Page<BatchWithCounts>> {
    const limit = pageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor('batch', query.cursor);
    const rows = await this.db
      .selectFrom('batches')
      .selectAll()
      .$if(query.visibleTo !== null, (q) => q.where('caller', '=', query.visibleTo))
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!))
      .$if(after !== undefined, (q) => q.where('id', '<', after!))
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(await this.withCounts(rows), limit);
  }

  async hasQueuedRecipients(): Promise<boolean> {
    const row = await this.queuedRecipients().select('messages.id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async reserveSlots(count: number, intervalMs: number, catchUpMs: number): Promise<SlotReservation> {
    const now = this.clock.now();
    const greatest = sql.raw(dialectOf(this.db) === 'postgres' ? 'greatest' : 'max');
    const from = sql<number>`${greatest}(next_at, ${now - catchUpMs})`;
    const granted = await this.db
      .updateTable('send_pace')
      .set({ next_at: sql<number>`${from} + ${count * intervalMs}` })
      .where('name', '=', PACE)
      .where(from, '<=', now)
      .returning('next_at')
      .executeTakeFirst();
    if (granted !== undefined) return { granted: true };
    const pace = await this.db
      .selectFrom('send_pace')
      .select('next_at')
      .where('name', '=', PACE)
      .executeTakeFirstOrThrow();
    return { granted: false, nextAt: Number(pace.next_at) };
  }

  async returnSlots(count: number, intervalMs: number): Promise<void> {
    await this.db
      .updateTable('send_pace')
      .set({ next_at: sql<number>`next_at - ${count * intervalMs}` })
      .where('name', '=', PACE)
      .execute();
  }

  claimRecipients(limit: number): Promise<ClaimedRecipient[]> {
    const now = this.clock.now();
    return inTransaction(this.db, async (trx) => {
      // The recipients are picked in a CTE computed once (a plain `IN (… LIMIT n)` may be re-evaluated by
      // PostgreSQL's planner and hand out more than `n`). PostgreSQL: rows another instance is claiming right now
      // are skipped, not waited for. SQLite runs one write transaction at a time, so its claim is atomic as it is.
      const rows = await trx
        .with(
          (cte) => cte('due').materialized(),
          (db) =>
            this.queuedRecipients(db)
              .select('messages.id as due_id')
              .orderBy('messages.id')
              .limit(limit)
              .$if(dialectOf(trx) === 'postgres', (q) => q.forUpdate('messages').skipLocked()),
        )
        .updateTable('messages')
        .from('due')
        .set({ status: 'sending', updated_at: now })
        .whereRef('messages.id', '=', 'due.due_id')
        .where('messages.status', '=', 'queued')
        .returningAll()
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((row) => row.id);
      await appendHistory(
        trx,
        rows.map((row) => ({ message_id: row.id, status: 'sending' as const, at: now, raw: null })),
      );
      const batchIds = [...new Set(rows.map((row) => row.batch_id!))];
      await trx
        .updateTable('batches')
        .set({ status: 'sending', updated_at: now })
        .where('id', 'in', batchIds)
        .where('status', '=', 'queued')
        .execute();
      const sends = await trx
        .selectFrom('batch_recipients')
        .innerJoin('batches', 'batches.id', 'batch_recipients.batch_id')
        .select([
          'batch_recipients.message_id',
          'batch_recipients.params',
          'batch_recipients.estimated_credits',
          'batches.operation',
        ])
        .where('batch_recipients.message_id', 'in', ids)
        .execute();
      await trx.deleteFrom('batch_recipients').where('message_id', 'in', ids).execute();
      const byMessage = new Map(sends.map((send) => [send.message_id, send]));
      return rows
        .map(toMessage)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((message) => {
          const send = byMessage.get(message.id)!;
          return {
            message,
            operation: send.operation,
            params: JSON.parse(send.params) as Record<string, string | number>,
            estimatedCredits: Number(send.estimated_credits),
          };
        });
    });
  }

  requeue(recipients: readonly ClaimedRecipient[]): Promise<void> {
    const now = this.clock.now();
    return inTransaction(this.db, async (trx) => {
      // A batch canceled meanwhile takes its recipient with it: `canceled`, not queued in a batch that never sends.
      const rows = await trx
        .updateTable('messages')
        .set({
          status: sql<MessageStatus>`case when exists (select 1 from batches where batches.id = messages.batch_id
            and batches.status = 'canceled') then 'canceled' else 'queued' end`,
          updated_at: now,
        })
        .where(
          'id',
          'in',
          recipients.map(({ message }) => message.id),
        )
        .where('status', '=', 'sending')
        .returning(['id', 'status'])
        .execute();
      if (rows.length === 0) return;
      await appendHistory(
        trx,
        rows.map((row) => ({ message_id: row.id, status: row.status, at: now, raw: null })),
      );
      const requeued = new Set(rows.filter((row) => row.status === 'queued').map((row) => row.id));
      await insertSends(
        trx,
        recipients
          .filter(({ message }) => requeued.has(message.id))
          .map(({ message, params, estimatedCredits }) => ({
            batchId: message.batchId!,
            messageId: message.id,
            params,
            estimatedCredits,
          })),
      );
    });
  }

  async pause(id: string, reason: string): Promise<boolean> {
    const paused = await this.db
      .updateTable('batches')
      .set({ status: 'paused', reason, updated_at: this.clock.now() })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .returning('id')
      .executeTakeFirst();
    return paused !== undefined;
  }

  async resume(id: string, visibleTo: string | null): Promise<BatchWithCounts | undefined> {
    await this.db
      .updateTable('batches')
      .set({ status: 'queued', reason: null, updated_at: this.clock.now() })
      .where('id', '=', id)
      .where('status', '=', 'paused')
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .execute();
    return this.find(id, visibleTo);
  }

  async cancel(id: string, visibleTo: string | null): Promise<BatchWithCounts | undefined> {
    const now = this.clock.now();
    const cancelable = await this.db
      .selectFrom('batches')
      .select('id')
      .where('id', '=', id)
      .where('status', 'in', [...ACTIVE, 'paused'])
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .executeTakeFirst();
    if (cancelable !== undefined) {
      // The messages first, then the batch: the order a claim takes its locks in (PostgreSQL), so that a cancel
      // and a claim at the same moment wait for each other instead of deadlocking.
      await inTransaction(this.db, async (trx) => {
        const rows = await trx
          .updateTable('messages')
          .set({ status: 'canceled', updated_at: now })
          .where('batch_id', '=', id)
          .where('status', '=', 'queued')
          .returning('id')
          .execute();
        await appendHistory(
          trx,
          rows.map((row) => ({ message_id: row.id, status: 'canceled' as const, at: now, raw: null })),
        );
        await trx
          .deleteFrom('batch_recipients')
          .where('batch_id', '=', id)
          .where(
            'message_id',
            'in',
            trx
              .selectFrom('messages')
              .select('id')
              .where('batch_id', '=', id)
              .where('status', '=', 'canceled'),
          )
          .execute();
        await trx
          .updateTable('batches')
          .set({ status: 'canceled', reason: null, updated_at: now, completed_at: now })
          .where('id', '=', id)
          .where('status', 'in', [...ACTIVE, 'paused'])
          .execute();
      });
    }
    return this.find(id, visibleTo);
  }

  async completeFinished(ids?: readonly string[]): Promise<Batch[]> {
    if (ids !== undefined && ids.length === 0) return [];
    const now = this.clock.now();
    const rows = await this.db
      .updateTable('batches')
      .set({ status: 'completed', reason: null, updated_at: now, completed_at: now })
      .where('status', 'in', ACTIVE)
      .$if(ids !== undefined, (q) => q.where('id', 'in', ids!))
      .where(noUnfinishedMessage(sql`messages.batch_id = batches.id`))
      .returningAll()
      .execute();
    return rows.map(toBatch);
  }

  async purge(createdBefore: number): Promise<number> {
    const result = await this.db
      .deleteFrom('batches')
      .where('created_at', '<', createdBefore)
      .where('status', 'in', ['completed', 'canceled'])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  remove(id: string): Promise<void> {
    return inTransaction(this.db, async (trx) => {
      const messages = trx.selectFrom('messages').select('id').where('batch_id', '=', id);
      await trx.deleteFrom('batch_recipients').where('batch_id', '=', id).execute();
      await trx.deleteFrom('message_history').where('message_id', 'in', messages).execute();
      await trx.deleteFrom('messages').where('batch_id', '=', id).execute();
      await trx.deleteFrom('batches').where('id', '=', id).execute();
    });
  }

  /** Queued recipients of active batches. */
  private queuedRecipients(db: QueryCreator<Database> = this.db) {
    return db
      .selectFrom('messages')
      .innerJoin('batches', 'batches.id', 'messages.batch_id')
      .where('messages.status', '=', 'queued')
      .where('batches.status', 'in', ACTIVE);
  }

  private async withCounts(rows: readonly BatchRow[]): Promise<BatchWithCounts[]> {
    if (rows.length === 0) return [];
    const counted = await this.db
      .selectFrom('messages')
      .select(({ fn }) => [
        'batch_id',
        'status',
        fn.countAll<number | string>().as('count'),
        fn.sum<number | string | null>('credits').as('credits'),
      ])
      .where(
        'batch_id',
        'in',
        rows.map((row) => row.id),
      )
      .groupBy(['batch_id', 'status'])
      .execute();
    return rows.map((row) => {
      const byStatus: Partial<Record<MessageStatus, number>> = {};
      let credits = 0;
      for (const count of counted.filter((entry) => entry.batch_id === row.id)) {
        byStatus[count.status] = Number(count.count);
        credits += Number(count.credits ?? 0);
      }
      return { ...toBatch(row), counts: { byStatus, credits: Math.round(credits * 1e6) / 1e6 } };
    });
  }
}

/** What recipients are to be sent, many rows per statement. */
async function insertSends(
  db: Kysely<Database>,
  sends: readonly (RecipientSend & { readonly batchId: string })[],
): Promise<void> {
  for (const chunk of chunks(sends, INSERT_CHUNK_ROWS)) {
    await db
      .insertInto('batch_recipients')
      .values(
        chunk.map((send) => ({
          message_id: send.messageId,
          batch_id: send.batchId,
          params: JSON.stringify(send.params),
          estimated_credits: send.estimatedCredits,
        })),
      )
      .execute();
  }
}

function toBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    caller: row.caller,
    channel: row.channel,
    operation: row.operation,
    status: row.status,
    reason: row.reason,
    total: Number(row.total),
    requestId: row.request_id,
    idempotencyKey: row.idempotency_key,
    scheduledAt: row.scheduled_at === null ? null : Number(row.scheduled_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  };
}
