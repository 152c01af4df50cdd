import { createHash } from 'node:crypto';
import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Clock } from '../../common/clock/clock.js';
import { chunks, INSERT_CHUNK_ROWS } from '../chunks.js';
import { dialectOf, inTransaction } from '../connection.js';
import { newId } from '../ids.js';
import { decodeCursor, pageLimit, toPage, type Page } from '../pagination.js';
import type { Channel, Database, MessageHistoryTable, MessagesTable, MessageStatus } from '../schema.js';

/** Statuses delivery tracking still asks Afilnet about. */
export const TRACKED_STATUSES = ['pending', 'scheduled'] as const satisfies readonly MessageStatus[];
/** Statuses a message never leaves. */
export const FINAL_STATUSES = [
  'delivered',
  'failed',
  'expired',
  'rejected',
  'unknown',
  'canceled',
] as const satisfies readonly MessageStatus[];

/** One ledger message, as the repository answers it. Times are epoch milliseconds. */
export interface LedgerMessage {
  readonly id: string;
  readonly channel: Channel;
  /** The catalog operation, e.g. `sms.send`. */
  readonly operation: string;
  /** The API key name; null when the gateway runs without keys. */
  readonly caller: string | null;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  readonly batchId: string | null;
  readonly to: string;
  /** Afilnet's id, once it accepted the send. */
  readonly messageId: string | null;
  readonly status: MessageStatus;
  /** Afilnet's error code, for a `rejected` send. */
  readonly errorCode: string | null;
  readonly credits: number | null;
  readonly segments: number | null;
  /** Only with LEDGER_STORE_CONTENT=true. */
  readonly content: string | null;
  /** Characters of the text, and the SHA-256 (hex) of its UTF-8 bytes: kept whether or not the text is. */
  readonly contentLength: number | null;
  readonly contentSha256: string | null;
  readonly templateId: string | null;
  /** Only with LEDGER_STORE_CONTENT=true. */
  readonly templateParams: Readonly<Record<string, string>> | null;
  readonly scheduledAt: number | null;
  readonly createdAt: number;
  /** When Afilnet accepted it. */
  readonly sentAt: number | null;
  readonly deliveredAt: number | null;
  /** When its status last changed (for a `sending` message: when its send began). */
  readonly updatedAt: number;
  /** When tracking next looks at it (or when a tracker's claim on it lapses); null once it is final. */
  readonly nextCheckAt: number | null;
  /** Delivery-status checks made so far. */
  readonly checkCount: number;
}

export interface StatusChange {
  readonly status: MessageStatus;
  readonly at: number;
  /** Afilnet's own value, when the change came from Afilnet. */
  readonly raw: string | null;
}

export interface LedgerMessageWithHistory extends LedgerMessage {
  /** Oldest first; the first entry is `sending` (or `queued`). */
  readonly history: StatusChange[];
}

/** A message about to be sent: one per destination. */
export interface NewMessage {
  /** A fixed id (the sandbox's demo message); a new time-ordered one when absent. */
  readonly id?: string;
  readonly channel: Channel;
  readonly operation: string;
  readonly caller: string | null;
  readonly requestId?: string | null;
  readonly idempotencyKey?: string | null;
  readonly batchId?: string | null;
  readonly to: string;
  readonly segments?: number | null;
  /**
   * The text the caller wrote: always measured and hashed, stored only with LEDGER_STORE_CONTENT=true. Never
   * pass a one-time code or anything else the gateway must not keep.
   */
  readonly content?: string | null;
  readonly templateId?: string | null;
  /** Stored only with LEDGER_STORE_CONTENT=true. */
  readonly templateParams?: Readonly<Record<string, string>> | null;
  readonly scheduledAt?: number | null;
}

/** What Afilnet answered for one message that was `sending`. */
export type SendOutcome =
  | {
      readonly id: string;
      readonly outcome: 'accepted';
      /** Null when Afilnet's answer carries none (WhatsApp and chat document no result). */
      readonly messageId: string | null;
      /** Null when Afilnet did not say what it charged. */
      readonly credits: number | null;
      readonly status: 'pending' | 'scheduled';
      /** The first delivery-status check (after `scheduledAt` for scheduled ones); null: never tracked. */
      readonly nextCheckAt: number | null;
    }
  | { readonly id: string; readonly outcome: 'rejected'; readonly errorCode: string }
  /** The call failed in a way that may or may not have sent it (a timeout, a reset): never re-sent. */
  | { readonly id: string; readonly outcome: 'unknown'; readonly errorCode: string };

/** One destination of a group send, as Afilnet answered it. */
export interface GroupDestination {
  readonly to: string;
  readonly messageId: string | null;
  readonly credits: number | null;
}

/** What one delivery-status check found for one message. */
export interface TrackingUpdate {
  readonly id: string;
  /** The normalised status Afilnet reports now (`expired` when tracking gives up). */
  readonly status: 'pending' | 'scheduled' | 'delivered' | 'failed' | 'expired';
  /** Afilnet's own value, kept in the history. */
  readonly raw: string | null;
  /** When Afilnet says it was delivered (the check's time when it does not say). */
  readonly deliveredAt?: number | null;
  /** The next check, for a status that is not final (ignored for final ones). */
  readonly nextCheckAt: number | null;
}

export interface MessageQuery {
  /** A caller sees only its own messages; null sees all (scope `*`, or no keys). */
  readonly visibleTo: string | null;
  readonly channel?: Channel;
  readonly status?: MessageStatus;
  readonly to?: string;
  readonly batchId?: string;
  /** Created at or after (epoch ms). */
  readonly since?: number;
  /** Created before (epoch ms). */
  readonly until?: number;
  /** 1…200. */
  readonly limit: number;
  /** From the previous page's `nextCursor`; an invalid one throws `InvalidCursorError`. */
  readonly cursor?: string;
}

export interface TrackingClaim {
  /** Most messages claimed (Afilnet answers up to 100 ids per call). */
  readonly limit: number;
  /** How long the claim holds: an instance that dies mid-check leaves the messages due again after it. */
  readonly leaseMs: number;
  /** Only this channel's messages (one `getdeliverystatus` call covers one channel). */
  readonly channel?: Channel;
}

/**
 * The message ledger: every send, its Afilnet answer and its delivery status history (API.md §9). Each
 * operation that changes several rows is atomic; the ones that claim work are safe with several instances on
 * one PostgreSQL.
 */
export abstract class MessageLedger {
  /**
   * Writes messages before they are sent — `sending`, or `queued` for batch recipients sent later — with their
   * first history entry, all in one transaction. Answers them in the order given, with their new ids.
   */
  abstract insert(messages: readonly NewMessage[], status?: 'sending' | 'queued'): Promise<LedgerMessage[]>;

  /**
   * Records Afilnet's answers: accepted ones become `pending`/`scheduled` with Afilnet's id, credits and a first
   * tracking time; refused ones `rejected` with the error code. A message already past `sending` is left alone,
   * except an `unknown` one (the answer came after all: it is the truth). Answers the messages changed, in the
   * order given.
   */
  abstract recordOutcomes(outcomes: readonly SendOutcome[]): Promise<LedgerMessage[]>;

  /**
   * A group send Afilnet accepted: the one `sending` message written for the group before the call (its `to` the
   * group, since Afilnet expands the group itself) becomes the first destination, and one message per further
   * destination is added with the same origin and creation time, all `status` — in one transaction. Answers them
   * in the order of `destinations`; none when the message was no longer `sending`.
   */
  abstract expandGroupSend(
    id: string,
    destinations: readonly GroupDestination[],
    status: 'pending' | 'scheduled',
    nextCheckAt: number | null,
  ): Promise<LedgerMessage[]>;

  /** One message with its history, if it exists and `visibleTo` may see it (null: anyone's). */
  abstract find(id: string, visibleTo: string | null): Promise<LedgerMessageWithHistory | undefined>;

  /** Messages newest first, filtered, one page at a time. */
  abstract list(query: MessageQuery): Promise<Page<LedgerMessage>>;

  /**
   * Crash recovery: messages still `sending` that became `sending` before `startedBefore` become `unknown` (they
   * may or may not have gone out; never re-sent). Pass now minus the upstream timeout and a margin, so that a
   * send still in flight on any instance is never touched. Answers how many changed.
   */
  abstract recoverInterruptedSends(startedBefore: number): Promise<number>;

  /**
   * Claims messages due for a delivery-status check, most overdue first, and moves their next check to now +
   * lease: of several instances claiming at once, each message goes to one of them. Answers them oldest first.
   */
  abstract claimForTracking(claim: TrackingClaim): Promise<LedgerMessage[]>;

  /**
   * Applies what a check found: counts the check, sets the next one (none once final), and for a new status
   * appends it to the history (with `deliveredAt` for `delivered`). Only tracked (`pending`/`scheduled`)
   * messages change. Answers the messages whose status changed, as they are now.
   */
  abstract applyTracking(updates: readonly TrackingUpdate[]): Promise<LedgerMessage[]>;

  /** Moves tracked messages' next check to `until` without counting a check (Afilnet unavailable). */
  abstract postponeTracking(ids: readonly string[], until: number): Promise<void>;

  /** Deletes messages created before `createdBefore`, with their history. Answers how many messages went. */
  abstract purge(createdBefore: number): Promise<number>;
}

/** Messages per DELETE while purging, so that no single statement holds locks for long. */
const PURGE_CHUNK_ROWS = 5000;

type MessageRow = Selectable<MessagesTable>;

export class KyselyMessageLedger extends MessageLedger {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly options: { readonly storeContent: boolean },
  ) {
    super();
  }

  async insert(
    messages: readonly NewMessage[],
    status: 'sending' | 'queued' = 'sending',
  ): Promise<LedgerMessage[]> {
    const now = this.clock.now();
    const rows = messages.map((message) => this.newRow(message, status, now));
    if (this.oneStatementWillDo(rows.length)) {
      // PostgreSQL: the messages and their first history entries in one statement (atomic by itself), one round
      // trip instead of a transaction's four.
      await this.db
        .with('inserted', (db) =>
          db.insertInto('messages').values(rows).returning(['id', 'status', 'created_at']),
        )
        .insertInto('message_history')
        .columns(['message_id', 'status', 'at', 'raw'])
        .expression((eb) =>
          eb.selectFrom('inserted').select(['id', 'status', 'created_at', sql<null>`null`.as('raw')]),
        )
        .execute();
      return rows.map(toMessage);
    }
    await inTransaction(this.db, async (trx) => {
      for (const chunk of chunks(rows, INSERT_CHUNK_ROWS)) {
        await trx.insertInto('messages').values(chunk).execute();
        await trx
          .insertInto('message_history')
          .values(chunk.map((row) => ({ message_id: row.id, status, at: now, raw: null })))
          .execute();
      }
    });
    return rows.map(toMessage);
  }

  async recordOutcomes(outcomes: readonly SendOutcome[]): Promise<LedgerMessage[]> {
    const now = this.clock.now();
    const order = new Map(outcomes.map((outcome, index) => [outcome.id, index]));
    const inOrder = (rows: MessageRow[]) =>
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(toMessage);
    if (this.oneStatementWillDo(outcomes.length)) {
      // PostgreSQL: the answers and their history entries in one statement (atomic by itself), one round trip.
      const { rows } = await sql<MessageRow>`
        with answer (id, status, message_id, credits, error_code, sent_at, next_check_at) as (values ${answers(outcomes, now)}),
        updated as (${answerUpdate(now, sql.raw('messages.*'))}),
        history as (
          insert into message_history (message_id, status, at, raw) select id, status, ${now}, null from updated
        )
        select * from updated`.execute(this.db);
      return inOrder(rows);
    }
    return inTransaction(this.db, async (trx) => {
      const changed: MessageRow[] = [];
      // One UPDATE … FROM (VALUES …) per chunk, not one per message: a group send's 10 000 answers are recorded
      // in a few statements.
      const returning = sql.raw(dialectOf(this.db) === 'postgres' ? 'messages.*' : '*');
      for (const chunk of chunks(outcomes, INSERT_CHUNK_ROWS)) {
        const { rows } = await sql<MessageRow>`
          with answer (id, status, message_id, credits, error_code, sent_at, next_check_at) as (values ${answers(chunk, now)})
          ${answerUpdate(now, returning)}`.execute(trx);
        changed.push(...rows);
      }
      await appendHistory(
        trx,
        changed.map((row) => ({ message_id: row.id, status: row.status, at: now, raw: null })),
      );
      return inOrder(changed);
    });
  }

  /**
   * On PostgreSQL, work that fits one statement is not wrapped in a transaction of its own (each statement is
   * atomic; BEGIN and COMMIT would be two more round trips). Inside a caller's transaction, or on SQLite (no round
   * trips to save), the statements run as they are.
   */
  private oneStatementWillDo(rows: number): boolean {
    return rows <= INSERT_CHUNK_ROWS && !this.db.isTransaction && dialectOf(this.db) === 'postgres';
  }

  expandGroupSend(
    id: string,
    destinations: readonly GroupDestination[],
    status: 'pending' | 'scheduled',
    nextCheckAt: number | null,
  ): Promise<LedgerMessage[]> {
    const now = this.clock.now();
    return inTransaction(this.db, async (trx) => {
      const [first, ...others] = destinations;
      const placeholder = await trx
        .updateTable('messages')
        .set({
          destination: first?.to,
          message_id: first?.messageId ?? null,
          credits: first?.credits ?? null,
          status,
          sent_at: now,
          next_check_at: first === undefined ? null : nextCheckAt,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .returningAll()
        .executeTakeFirst();
      if (placeholder === undefined) return [];
      // The further destinations were part of the same send: same origin and creation time, `sending` from then.
      const added = others.map((destination) => ({
        ...placeholder,
        id: newId('message', placeholder.created_at),
        destination: destination.to,
        message_id: destination.messageId,
        credits: destination.credits,
      }));
      for (const chunk of chunks(added, INSERT_CHUNK_ROWS)) {
        await trx.insertInto('messages').values(chunk).execute();
      }
      await appendHistory(trx, [
        ...added.map((row) => ({
          message_id: row.id,
          status: 'sending' as const,
          at: row.created_at,
          raw: null,
        })),
        ...[placeholder, ...added].map((row) => ({ message_id: row.id, status, at: now, raw: null })),
      ]);
      return [placeholder, ...added].map(toMessage);
    });
  }

  async find(id: string, visibleTo: string | null): Promise<LedgerMessageWithHistory | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', id)
      .$if(visibleTo !== null, (query) => query.where('caller', '=', visibleTo))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const history = await this.db
      .selectFrom('message_history')
      .select(['status', 'at', 'raw'])
      .where('message_id', '=', id)
      .orderBy('id')
      .execute();
    return { ...toMessage(row), history };
  }

  async list(query: MessageQuery): Promise<Page<LedgerMessage>> {
    const limit = pageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor('message', query.cursor);
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .$if(query.visibleTo !== null, (q) => q.where('caller', '=', query.visibleTo))
      .$if(query.channel !== undefined, (q) => q.where('channel', '=', query.channel!))
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!))
      .$if(query.to !== undefined, (q) => q.where('destination', '=', query.to!))
      .$if(query.batchId !== undefined, (q) => q.where('batch_id', '=', query.batchId!))
      .$if(query.since !== undefined, (q) => q.where('created_at', '>=', query.since!))
      .$if(query.until !== undefined, (q) => q.where('created_at', '<', query.until!))
      .$if(after !== undefined, (q) => q.where('id', '<', after!))
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(rows.map(toMessage), limit);
  }

  recoverInterruptedSends(startedBefore: number): Promise<number> {
    const now = this.clock.now();
    return inTransaction(this.db, async (trx) => {
      const rows = await trx
        .updateTable('messages')
        .set({ status: 'unknown', next_check_at: null, updated_at: now })
        .where('status', '=', 'sending')
        .where('updated_at', '<', startedBefore)
        .returning('id')
        .execute();
      await appendHistory(
        trx,
        rows.map((row) => ({ message_id: row.id, status: 'unknown', at: now, raw: null })),
      );
      return rows.length;
    });
  }

  async claimForTracking({ limit, leaseMs, channel }: TrackingClaim): Promise<LedgerMessage[]> {
    const now = this.clock.now();
    const due = this.db
      .selectFrom('messages')
      .select('id')
      .where('next_check_at', '<=', now)
      .where('status', 'in', TRACKED_STATUSES)
      .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
      .orderBy('next_check_at')
      .limit(limit)
      // PostgreSQL: rows another instance is claiming right now are skipped, not waited for. SQLite runs one
      // write statement at a time, so its claim is atomic as it is.
      .$if(dialectOf(this.db) === 'postgres', (q) => q.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('messages')
      .set({ next_check_at: now + leaseMs })
      .where('id', 'in', due)
      .where('next_check_at', '<=', now)
      .returningAll()
      .execute();
    return rows.map(toMessage).sort(byId);
  }

  applyTracking(updates: readonly TrackingUpdate[]): Promise<LedgerMessage[]> {
    const now = this.clock.now();
    return inTransaction(this.db, async (trx) => {
      const changed: MessageRow[] = [];
      const history: Insertable<MessageHistoryTable>[] = [];
      for (const update of updates) {
        const final = (FINAL_STATUSES as readonly string[]).includes(update.status);
        const nextCheckAt = final ? null : update.nextCheckAt;
        const row = await trx
          .updateTable('messages')
          .set((eb) => ({
            status: update.status,
            next_check_at: nextCheckAt,
            check_count: eb('check_count', '+', 1),
            updated_at: now,
            ...(update.status === 'delivered' ? { delivered_at: update.deliveredAt ?? now } : {}),
          }))
          .where('id', '=', update.id)
          .where('status', 'in', TRACKED_STATUSES)
          .where('status', '!=', update.status)
          .returningAll()
          .executeTakeFirst();
        if (row !== undefined) {
          changed.push(row);
          history.push({ message_id: row.id, status: row.status, at: now, raw: update.raw });
          continue;
        }
        // The same status as before: only the check is counted and the next one set.
        await trx
          .updateTable('messages')
          .set((eb) => ({ next_check_at: nextCheckAt, check_count: eb('check_count', '+', 1) }))
          .where('id', '=', update.id)
          .where('status', 'in', TRACKED_STATUSES)
          .execute();
      }
      await appendHistory(trx, history);
      return changed.map(toMessage);
    });
  }

  async postponeTracking(ids: readonly string[], until: number): Promise<void> {
    for (const chunk of chunks(ids, INSERT_CHUNK_ROWS)) {
      await this.db
        .updateTable('messages')
        .set({ next_check_at: until })
        .where('id', 'in', chunk)
        .where('status', 'in', TRACKED_STATUSES)
        .execute();
    }
  }

  async purge(createdBefore: number): Promise<number> {
    let purged = 0;
    for (;;) {
      const ids = await this.db
        .selectFrom('messages')
        .select('id')
        .where('created_at', '<', createdBefore)
        .limit(PURGE_CHUNK_ROWS)
        .execute();
      if (ids.length === 0) return purged;
      await inTransaction(this.db, async (trx) => {
        const chunk = ids.map((row) => row.id);
        // Explicitly, not only through the foreign key's cascade, which SQLite applies only with its pragma on.
        await trx.deleteFrom('message_history').where('message_id', 'in', chunk).execute();
        await trx.deleteFrom('messages').where('id', 'in', chunk).execute();
      });
      purged += ids.length;
      if (ids.length < PURGE_CHUNK_ROWS) return purged;
    }
  }

  private newRow(message: NewMessage, status: MessageStatus, now: number): MessageRow {
    const content = message.content ?? null;
    const { storeContent } = this.options;
    return {
      id: message.id ?? newId('message', now),
      channel: message.channel,
      operation: message.operation,
      caller: message.caller,
      request_id: message.requestId ?? null,
      idempotency_key: message.idempotencyKey ?? null,
      batch_id: message.batchId ?? null,
      destination: message.to,
      message_id: null,
      status,
      error_code: null,
      credits: null,
      segments: message.segments ?? null,
      content: storeContent ? content : null,
      content_length: content === null ? null : content.length,
      content_sha256: content === null ? null : createHash('sha256').update(content, 'utf8').digest('hex'),
      template_id: message.templateId ?? null,
      template_params:
        storeContent && message.templateParams != null ? JSON.stringify(message.templateParams) : null,
      scheduled_at: message.scheduledAt ?? null,
      created_at: now,
      sent_at: null,
      delivered_at: null,
      updated_at: now,
      next_check_at: null,
      check_count: 0,
    };
  }
}

/** Afilnet's answers as a VALUES list; the casts type the parameters for PostgreSQL (SQLite takes them as they are). */
function answers(outcomes: readonly SendOutcome[], now: number) {
  return sql.join(
    outcomes.map((outcome) => {
      const accepted = outcome.outcome === 'accepted';
      return sql`(${outcome.id}, ${accepted ? outcome.status : outcome.outcome}, ${accepted ? outcome.messageId : null},
        cast(${accepted ? outcome.credits : null} as double precision), ${accepted ? null : outcome.errorCode},
        cast(${accepted ? now : null} as bigint), cast(${accepted ? outcome.nextCheckAt : null} as bigint))`;
    }),
  );
}

/** The update of the messages still `sending` (or `unknown`: a late answer is the truth) from the `answer` list. */
function answerUpdate(now: number, returning: RawBuilder<unknown>) {
  return sql`update messages set status = answer.status, message_id = answer.message_id, credits = answer.credits,
      error_code = answer.error_code, sent_at = answer.sent_at, next_check_at = answer.next_check_at,
      updated_at = ${now}
    from answer
    where messages.id = answer.id and messages.status in ('sending', 'unknown')
    returning ${returning}`;
}

/** History entries, many rows per statement. */
export async function appendHistory(
  db: Kysely<Database>,
  entries: readonly Insertable<MessageHistoryTable>[],
): Promise<void> {
  for (const chunk of chunks(entries, INSERT_CHUNK_ROWS)) {
    await db.insertInto('message_history').values(chunk).execute();
  }
}

function byId(a: LedgerMessage, b: LedgerMessage): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function toMessage(row: MessageRow): LedgerMessage {
  return {
    id: row.id,
    channel: row.channel,
    operation: row.operation,
    caller: row.caller,
    requestId: row.request_id,
    idempotencyKey: row.idempotency_key,
    batchId: row.batch_id,
    to: row.destination,
    messageId: row.message_id,
    status: row.status,
    errorCode: row.error_code,
    credits: row.credits,
    segments: row.segments,
    content: row.content,
    contentLength: row.content_length,
    contentSha256: row.content_sha256,
    templateId: row.template_id,
    templateParams:
      row.template_params === null ? null : (JSON.parse(row.template_params) as Record<string, string>),
    scheduledAt: row.scheduled_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    updatedAt: row.updated_at,
    nextCheckAt: row.next_check_at,
    checkCount: row.check_count,
  };
}
