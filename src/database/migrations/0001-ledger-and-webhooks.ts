import { sql, type Kysely } from 'kysely';
import { atomically, isPostgres } from './migration-support.js';

/**
 * The message ledger (messages and their status history), daily credit budgets, and webhook endpoints with
 * their outbox (deliveries and attempts). Migrations use `Kysely<unknown>`: they describe the schema as it was
 * then, not as `schema.ts` says it is now.
 */
export function up(migrator: Kysely<unknown>): Promise<void> {
  return atomically(migrator, async (db) => {
    const postgres = isPostgres(db);

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('operation', 'text', (column) => column.notNull())
      .addColumn('caller', 'text')
      .addColumn('request_id', 'text')
      .addColumn('idempotency_key', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('destination', 'text', (column) => column.notNull())
      .addColumn('message_id', 'text')
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('error_code', 'text')
      .addColumn('credits', 'double precision')
      .addColumn('segments', 'integer')
      .addColumn('content', 'text')
      .addColumn('content_length', 'integer')
      .addColumn('content_sha256', 'text')
      .addColumn('template_id', 'text')
      .addColumn('template_params', 'text')
      .addColumn('scheduled_at', 'bigint')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('sent_at', 'bigint')
      .addColumn('delivered_at', 'bigint')
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addColumn('next_check_at', 'bigint')
      .addColumn('check_count', 'integer', (column) => column.notNull().defaultTo(0))
      .execute();
    // Lists are newest first (id descending) within a caller, a destination or a batch.
    await db.schema.createIndex('messages_caller_id').on('messages').columns(['caller', 'id']).execute();
    await db.schema
      .createIndex('messages_destination_id')
      .on('messages')
      .columns(['destination', 'id'])
      .execute();
    await db.schema.createIndex('messages_batch_id').on('messages').columns(['batch_id', 'id']).execute();
    // Retention and usage read by creation time.
    await db.schema.createIndex('messages_created_at').on('messages').column('created_at').execute();
    // Only messages still tracked, and rows caught `sending`, are in these two.
    await db.schema
      .createIndex('messages_next_check_at')
      .on('messages')
      .column('next_check_at')
      .where(sql.ref('next_check_at'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('messages_sending')
      .on('messages')
      .column('updated_at')
      .where(sql<boolean>`status = 'sending'`)
      .execute();

    await db.schema
      .createTable('message_history')
      .addColumn('id', postgres ? 'bigint' : 'integer', (column) =>
        postgres ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement(),
      )
      .addColumn('message_id', 'text', (column) =>
        column.notNull().references('messages.id').onDelete('cascade'),
      )
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('raw', 'text')
      .execute();
    await db.schema
      .createIndex('message_history_message_id')
      .on('message_history')
      .columns(['message_id', 'id'])
      .execute();

    await db.schema
      .createTable('credit_budget_usage')
      .addColumn('caller', 'text', (column) => column.notNull())
      .addColumn('day', 'text', (column) => column.notNull())
      .addColumn('used_micro', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('credit_budget_usage_pk', ['caller', 'day'])
      .execute();

    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('caller', 'text')
      .addColumn('url', 'text', (column) => column.notNull())
      .addColumn('description', 'text')
      .addColumn('events', 'text', (column) => column.notNull())
      .addColumn('enabled', 'integer', (column) => column.notNull())
      .addColumn('secret', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('webhook_endpoints_caller')
      .on('webhook_endpoints')
      .columns(['caller', 'id'])
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('endpoint_id', 'text', (column) =>
        column.notNull().references('webhook_endpoints.id').onDelete('cascade'),
      )
      .addColumn('event_type', 'text', (column) => column.notNull())
      .addColumn('payload', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_due')
      .on('webhook_deliveries')
      .column('next_attempt_at')
      .where(sql<boolean>`status = 'pending'`)
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_endpoint_id')
      .on('webhook_deliveries')
      .column('endpoint_id')
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_created_at')
      .on('webhook_deliveries')
      .column('created_at')
      .execute();

    await db.schema
      .createTable('webhook_attempts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('delivery_id', 'text', (column) =>
        column.notNull().references('webhook_deliveries.id').onDelete('cascade'),
      )
      .addColumn('endpoint_id', 'text', (column) => column.notNull())
      .addColumn('attempt', 'integer', (column) => column.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('duration_ms', 'integer', (column) => column.notNull())
      .addColumn('error', 'text')
      .addColumn('response_body', 'text')
      .addColumn('at', 'bigint', (column) => column.notNull())
      .execute();
    // Attempts are listed per endpoint, newest first.
    await db.schema
      .createIndex('webhook_attempts_endpoint_id')
      .on('webhook_attempts')
      .columns(['endpoint_id', 'id'])
      .execute();
    await db.schema
      .createIndex('webhook_attempts_delivery_id')
      .on('webhook_attempts')
      .column('delivery_id')
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'webhook_attempts',
    'webhook_deliveries',
    'webhook_endpoints',
    'credit_budget_usage',
    'message_history',
    'messages',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
