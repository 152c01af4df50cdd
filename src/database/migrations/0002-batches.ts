import { sql, type Kysely } from 'kysely';
import { atomically } from './migration-support.js';

/**
 * Batches (API.md §12): the batch itself, what each queued recipient is to be sent (kept only until it is sent),
 * and the deployment's send pace shared by every instance. Each recipient is a ledger message (`messages.batch_id`),
 * `queued` until its turn.
 */
export function up(migrator: Kysely<unknown>): Promise<void> {
  return atomically(migrator, async (db) => {
    await db.schema
      .createTable('batches')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('caller', 'text')
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('operation', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('reason', 'text')
      .addColumn('total', 'integer', (column) => column.notNull())
      .addColumn('request_id', 'text')
      .addColumn('idempotency_key', 'text')
      .addColumn('scheduled_at', 'bigint')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema.createIndex('batches_caller_id').on('batches').columns(['caller', 'id']).execute();
    // The same Idempotency-Key from the same caller never queues a second batch, whichever instance takes it.
    await db.schema
      .createIndex('batches_idempotency_key')
      .unique()
      .on('batches')
      .columns(['caller', 'idempotency_key'])
      .where(sql.ref('idempotency_key'), 'is not', null)
      .execute();

    await db.schema
      .createTable('batch_recipients')
      .addColumn('message_id', 'text', (column) =>
        column.primaryKey().references('messages.id').onDelete('cascade'),
      )
      .addColumn('batch_id', 'text', (column) =>
        column.notNull().references('batches.id').onDelete('cascade'),
      )
      // JSON: the Afilnet parameters of this recipient's send.
      .addColumn('params', 'text', (column) => column.notNull())
      .addColumn('estimated_credits', 'double precision', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('batch_recipients_batch_id')
      .on('batch_recipients')
      .columns(['batch_id', 'message_id'])
      .execute();
    // The recipients waiting their turn, oldest first (ids are time-ordered).
    await db.schema
      .createIndex('messages_queued')
      .on('messages')
      .column('id')
      .where(sql<boolean>`status = 'queued'`)
      .execute();

    // A batch's recipients still waiting or being sent: whether it has completed is one look-up in this.
    await db.schema
      .createIndex('messages_batch_unfinished')
      .on('messages')
      .column('batch_id')
      .where(sql<boolean>`status in ('queued', 'sending')`)
      .execute();

    await db.schema
      .createTable('send_pace')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('next_at', 'bigint', (column) => column.notNull())
      .execute();
    await db
      .insertInto('send_pace' as never)
      .values({ name: 'batches', next_at: 0 })
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_queued').execute();
  await db.schema.dropIndex('messages_batch_unfinished').execute();
  for (const table of ['send_pace', 'batch_recipients', 'batches']) {
    await db.schema.dropTable(table).execute();
  }
}
