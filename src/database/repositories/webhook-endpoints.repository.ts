import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../common/clock/clock.js';
import { inTransaction } from '../connection.js';
import { newId } from '../ids.js';
import type { Database, WebhookEndpointsTable, WebhookEventType } from '../schema.js';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../schema.js';

/** An endpoint as the API may show it: never its signing secret. */
export interface WebhookEndpoint {
  readonly id: string;
  /** The API key that created it; it receives only that caller's events. */
  readonly caller: string | null;
  readonly url: string;
  readonly description: string | null;
  readonly events: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewWebhookEndpoint {
  readonly caller: string | null;
  readonly url: string;
  readonly description?: string | null;
  readonly events: readonly WebhookEventType[];
  /** `whsec_…`, made by the caller of `create` and answered once; stored so that deliveries can be signed. */
  readonly secret: string;
}

export interface WebhookEndpointChanges {
  readonly url?: string;
  readonly description?: string | null;
  readonly events?: readonly WebhookEventType[];
  readonly enabled?: boolean;
}

/**
 * The callers' webhook endpoints. The signing secret is written by `create` and read only by the delivery path
 * (`WebhookOutbox.claimDue`); nothing here that feeds an API answer selects it.
 */
export abstract class WebhookEndpoints {
  /** Stores a new, enabled endpoint. */
  abstract create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint>;

  /** The endpoint, if `visibleTo` may see it (null: anyone's). */
  abstract find(id: string, visibleTo: string | null): Promise<WebhookEndpoint | undefined>;

  /** The endpoints `visibleTo` may see (null: all), oldest first. */
  abstract list(visibleTo: string | null): Promise<WebhookEndpoint[]>;

  /** Changes the given fields; answers the endpoint as it is now, or undefined if `visibleTo` has no such one. */
  abstract update(
    id: string,
    visibleTo: string | null,
    changes: WebhookEndpointChanges,
  ): Promise<WebhookEndpoint | undefined>;

  /** Deletes the endpoint with its deliveries and their attempts; false if `visibleTo` has no such one. */
  abstract delete(id: string, visibleTo: string | null): Promise<boolean>;
}

/** Every column but the secret. */
const PUBLIC_COLUMNS = [
  'id',
  'caller',
  'url',
  'description',
  'events',
  'enabled',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof WebhookEndpointsTable)[];

type PublicRow = Pick<Selectable<WebhookEndpointsTable>, (typeof PUBLIC_COLUMNS)[number]>;

export class KyselyWebhookEndpoints extends WebhookEndpoints {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    super();
  }

  async create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
    const now = this.clock.now();
    const row = {
      id: newId('webhookEndpoint', now),
      caller: endpoint.caller,
      url: endpoint.url,
      description: endpoint.description ?? null,
      events: JSON.stringify(endpoint.events),
      enabled: 1,
      created_at: now,
      updated_at: now,
    };
    await this.db
      .insertInto('webhook_endpoints')
      .values({ ...row, secret: endpoint.secret })
      .execute();
    return toEndpoint(row);
  }

  async find(id: string, visibleTo: string | null): Promise<WebhookEndpoint | undefined> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .select(PUBLIC_COLUMNS)
      .where('id', '=', id)
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .executeTakeFirst();
    return row === undefined ? undefined : toEndpoint(row);
  }

  async list(visibleTo: string | null): Promise<WebhookEndpoint[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints')
      .select(PUBLIC_COLUMNS)
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .orderBy('id')
      .execute();
    return rows.map(toEndpoint);
  }

  async update(
    id: string,
    visibleTo: string | null,
    changes: WebhookEndpointChanges,
  ): Promise<WebhookEndpoint | undefined> {
    const row = await this.db
      .updateTable('webhook_endpoints')
      .set({
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.events !== undefined ? { events: JSON.stringify(changes.events) } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
        updated_at: this.clock.now(),
      })
      .where('id', '=', id)
      .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirst();
    return row === undefined ? undefined : toEndpoint(row);
  }

  delete(id: string, visibleTo: string | null): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      const endpoint = await trx
        .selectFrom('webhook_endpoints')
        .select('id')
        .where('id', '=', id)
        .$if(visibleTo !== null, (q) => q.where('caller', '=', visibleTo))
        .executeTakeFirst();
      if (endpoint === undefined) return false;
      // Explicitly, not only through the foreign keys' cascade, which SQLite applies only with its pragma on.
      const deliveries = trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id);
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
      await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
      await trx.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
      return true;
    });
  }
}

function toEndpoint(row: PublicRow): WebhookEndpoint {
  return {
    id: row.id,
    caller: row.caller,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEventType[],
    enabled: Number(row.enabled) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
