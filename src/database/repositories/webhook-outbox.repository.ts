import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../common/clock/clock.js';
import { chunks, INSERT_CHUNK_ROWS } from '../chunks.js';
import { dialectOf, inTransaction } from '../connection.js';
import { newId } from '../ids.js';
import { decodeCursor, pageLimit, toPage, type Page } from '../pagination.js';
import type { Database, WebhookDeliveriesTable, WebhookEventType } from '../schema.js';

/** One event on its way to one endpoint. */
export interface WebhookDelivery {
  /** The Standard Webhooks `webhook-id`: the same on every attempt. */
  readonly id: string;
  readonly endpointId: string;
  readonly eventType: WebhookEventType;
  /** The body, exactly as sent on every attempt. */
  readonly payload: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  /** Attempts made so far. */
  readonly attempts: number;
  /** When the next attempt is due (or a sender's claim lapses); null once it succeeded or failed. */
  readonly nextAttemptAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A claimed delivery with what sending it needs: where to, and the endpoint's signing secret. */
export interface DueDelivery extends WebhookDelivery {
  readonly url: string;
  /** `whsec_…`: for signing only, never to be logged or answered. */
  readonly secret: string;
}

export interface WebhookEvent {
  /** Whose event it is: it goes to that caller's endpoints only. */
  readonly caller: string | null;
  readonly type: WebhookEventType;
  /**
   * The JSON body (`{"type","timestamp","data"}`), made once so that every attempt sends the same bytes. A function
   * is called only when some endpoint subscribed (inside the transaction, with its repositories), so that an
   * event nobody listens to costs one read.
   */
  readonly payload: string | (() => Promise<string>);
}

/** What one attempt to deliver gave, and what follows from it. */
export interface AttemptReport {
  readonly deliveryId: string;
  /** The receiver's HTTP status; null when there was no answer (timeout, refused connection …). */
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  /** The start of the receiver's answer; stored up to 1 KB. */
  readonly responseBody: string | null;
  /** `succeeded` (a 2xx), another attempt at `nextAttemptAt`, or `failed` (no attempts left). */
  readonly next:
    | { readonly outcome: 'succeeded' }
    | { readonly outcome: 'retry'; readonly nextAttemptAt: number }
    | { readonly outcome: 'failed' };
}

/** One recorded attempt, as the deliveries list shows it. */
export interface WebhookAttempt {
  readonly id: string;
  readonly deliveryId: string;
  readonly endpointId: string;
  readonly eventType: WebhookEventType;
  /** 1 for the first attempt of the delivery, then 2, 3 … (manual retries go on counting). */
  readonly attempt: number;
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly responseBody: string | null;
  readonly at: number;
}

export interface DeliveryClaim {
  readonly limit: number;
  /** How long the claim holds: a sender that dies mid-attempt leaves the delivery due again after it. */
  readonly leaseMs: number;
}

export type RetryResult = 'requeued' | 'not_failed' | 'not_found';

/**
 * The webhook outbox: events are written here (in the same transaction as what caused them, through
 * `DatabaseTransactions`) and delivered from here, so a restart loses none. Claims are safe with several
 * instances on one PostgreSQL.
 */
export abstract class WebhookOutbox {
  /**
   * Queues the event for every enabled endpoint of its caller subscribed to its type, due now. Answers the
   * deliveries (none when nobody subscribed).
   */
  abstract enqueue(event: WebhookEvent): Promise<WebhookDelivery[]>;

  /** `enqueue` for several events at once: their callers' endpoints are read in one query. */
  abstract enqueueAll(events: readonly WebhookEvent[]): Promise<WebhookDelivery[]>;

  /** Which of these callers have an enabled endpoint at all (an event of the others reaches nobody). */
  abstract listeningCallers(callers: readonly (string | null)[]): Promise<Set<string | null>>;

  /**
   * Queues an event for one endpoint whatever it subscribed to (`webhook.test`), under a new id or a fixed one
   * (the sandbox's demo delivery).
   */
  abstract enqueueTo(
    endpointId: string,
    type: WebhookEventType,
    payload: string,
    id?: string,
  ): Promise<WebhookDelivery>;

  /**
   * Claims due deliveries of enabled endpoints, most overdue first, and moves their next attempt to now + lease:
   * of several instances claiming at once, each delivery goes to one of them. A disabled endpoint's deliveries
   * wait until it is enabled again.
   */
  abstract claimDue(claim: DeliveryClaim): Promise<DueDelivery[]>;

  /**
   * Records an attempt and moves its delivery on (succeeded, due again, or failed) in one transaction. Answers
   * the attempt, or undefined if the delivery is gone (its endpoint was deleted meanwhile).
   */
  abstract recordAttempt(report: AttemptReport): Promise<WebhookAttempt | undefined>;

  /** An endpoint's attempts, newest first, one page at a time (an invalid cursor throws `InvalidCursorError`). */
  abstract listAttempts(
    endpointId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<WebhookAttempt>>;

  abstract findDelivery(id: string, endpointId: string): Promise<WebhookDelivery | undefined>;

  /** Queues a `failed` delivery of the endpoint again, due now, for one more attempt. */
  abstract retry(deliveryId: string, endpointId: string): Promise<RetryResult>;

  /** Deletes deliveries created before `createdBefore`, with their attempts. Answers how many deliveries went. */
  abstract purge(createdBefore: number): Promise<number>;
}

/** What is kept of a receiver's answer. */
export const MAX_RESPONSE_BODY_CHARS = 1024;

type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export class KyselyWebhookOutbox extends WebhookOutbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    super();
  }

  enqueue(event: WebhookEvent): Promise<WebhookDelivery[]> {
    return this.enqueueAll([event]);
  }

  async listeningCallers(callers: readonly (string | null)[]): Promise<Set<string | null>> {
    if (callers.length === 0) return new Set();
    const rows = await this.endpointsOf(this.db, callers).select('caller').distinct().execute();
    return new Set(rows.map((row) => row.caller));
  }

  /** The enabled endpoints of these callers (`null`: the gateway without keys). */
  private endpointsOf(db: Kysely<Database>, callers: readonly (string | null)[]) {
    const named = [...new Set(callers)].filter((caller): caller is string => caller !== null);
    return db
      .selectFrom('webhook_endpoints')
      .where((eb) =>
        eb.or([
          ...(named.length > 0 ? [eb('caller', 'in', named)] : []),
          ...(callers.includes(null) ? [eb('caller', 'is', null)] : []),
        ]),
      )
      .where('enabled', '=', 1);
  }

  enqueueAll(events: readonly WebhookEvent[]): Promise<WebhookDelivery[]> {
    if (events.length === 0) return Promise.resolve([]);
    return inTransaction(this.db, async (trx) => {
      const endpoints = await this.endpointsOf(
        trx,
        events.map((event) => event.caller),
      )
        .select(['id', 'caller', 'events'])
        .orderBy('id')
        .execute();
      if (endpoints.length === 0) return [];
      const now = this.clock.now();
      const rows: DeliveryRow[] = [];
      for (const event of events) {
        const subscribed = endpoints.filter(
          (endpoint) =>
            endpoint.caller === event.caller &&
            (JSON.parse(endpoint.events) as string[]).includes(event.type),
        );
        if (subscribed.length === 0) continue;
        const payload = typeof event.payload === 'string' ? event.payload : await event.payload();
        rows.push(...subscribed.map((endpoint) => this.newRow(endpoint.id, event.type, payload, now)));
      }
      for (const chunk of chunks(rows, INSERT_CHUNK_ROWS)) {
        await trx.insertInto('webhook_deliveries').values(chunk).execute();
      }
      return rows.map(toDelivery);
    });
  }

  async enqueueTo(
    endpointId: string,
    type: WebhookEventType,
    payload: string,
    id?: string,
  ): Promise<WebhookDelivery> {
    const row = {
      ...this.newRow(endpointId, type, payload, this.clock.now()),
      ...(id === undefined ? {} : { id }),
    };
    await this.db.insertInto('webhook_deliveries').values(row).execute();
    return toDelivery(row);
  }

  async claimDue({ limit, leaseMs }: DeliveryClaim): Promise<DueDelivery[]> {
    const now = this.clock.now();
    const due = this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where('endpoint_id', 'in', (eb) =>
        eb.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1),
      )
      .orderBy('next_attempt_at')
      .limit(limit)
      // As in MessageLedger.claimForTracking: PostgreSQL skips rows being claimed by another instance.
      .$if(dialectOf(this.db) === 'postgres', (q) => q.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: now + leaseMs })
      .where('id', 'in', due)
      .where('next_attempt_at', '<=', now)
      .returningAll()
      .execute();
    if (rows.length === 0) return [];
    const endpoints = await this.db
      .selectFrom('webhook_endpoints')
      .select(['id', 'url', 'secret'])
      .where('id', 'in', [...new Set(rows.map((row) => row.endpoint_id))])
      .execute();
    const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    return rows
      .flatMap((row) => {
        const endpoint = byId.get(row.endpoint_id);
        return endpoint === undefined
          ? []
          : [{ ...toDelivery(row), url: endpoint.url, secret: endpoint.secret }];
      })
      .sort((a, b) => compareIds(a.id, b.id));
  }

  recordAttempt(report: AttemptReport): Promise<WebhookAttempt | undefined> {
    const now = this.clock.now();
    const { next } = report;
    return inTransaction(this.db, async (trx) => {
      const delivery = await trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          status: next.outcome === 'retry' ? 'pending' : next.outcome,
          next_attempt_at: next.outcome === 'retry' ? next.nextAttemptAt : null,
          updated_at: now,
        }))
        .where('id', '=', report.deliveryId)
        .returning(['attempts', 'endpoint_id', 'event_type'])
        .executeTakeFirst();
      if (delivery === undefined) return undefined;
      const attempt = {
        id: newId('webhookAttempt', now),
        delivery_id: report.deliveryId,
        endpoint_id: delivery.endpoint_id,
        attempt: delivery.attempts,
        status_code: report.statusCode,
        duration_ms: Math.round(report.durationMs),
        error: report.error,
        response_body: report.responseBody?.slice(0, MAX_RESPONSE_BODY_CHARS) ?? null,
        at: now,
      };
      await trx.insertInto('webhook_attempts').values(attempt).execute();
      return toAttempt({ ...attempt, event_type: delivery.event_type });
    });
  }

  async listAttempts(
    endpointId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<WebhookAttempt>> {
    const limit = pageLimit(page.limit);
    const after = page.cursor === undefined ? undefined : decodeCursor('webhookAttempt', page.cursor);
    const rows = await this.db
      .selectFrom('webhook_attempts as a')
      .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
      .select([
        'a.id',
        'a.delivery_id',
        'a.endpoint_id',
        'd.event_type',
        'a.attempt',
        'a.status_code',
        'a.duration_ms',
        'a.error',
        'a.response_body',
        'a.at',
      ])
      .where('a.endpoint_id', '=', endpointId)
      .$if(after !== undefined, (q) => q.where('a.id', '<', after!))
      .orderBy('a.id', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(rows.map(toAttempt), limit);
  }

  async findDelivery(id: string, endpointId: string): Promise<WebhookDelivery | undefined> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirst();
    return row === undefined ? undefined : toDelivery(row);
  }

  async retry(deliveryId: string, endpointId: string): Promise<RetryResult> {
    const now = this.clock.now();
    const requeued = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now, updated_at: now })
      .where('id', '=', deliveryId)
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'failed')
      .returning('id')
      .executeTakeFirst();
    if (requeued !== undefined) return 'requeued';
    return (await this.findDelivery(deliveryId, endpointId)) === undefined ? 'not_found' : 'not_failed';
  }

  async purge(createdBefore: number): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const old = trx.selectFrom('webhook_deliveries').select('id').where('created_at', '<', createdBefore);
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', old).execute();
      const result = await trx
        .deleteFrom('webhook_deliveries')
        .where('created_at', '<', createdBefore)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  private newRow(endpointId: string, type: WebhookEventType, payload: string, now: number): DeliveryRow {
    return {
      id: newId('webhookDelivery', now),
      endpoint_id: endpointId,
      event_type: type,
      payload,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    };
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventType: row.event_type,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toAttempt(row: {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  event_type: WebhookEventType;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_body: string | null;
  at: number;
}): WebhookAttempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    endpointId: row.endpoint_id,
    eventType: row.event_type,
    attempt: row.attempt,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error,
    responseBody: row.response_body,
    at: row.at,
  };
}
