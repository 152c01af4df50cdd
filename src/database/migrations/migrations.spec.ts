import { sql } from 'kysely';
import {
  createEmptyDatabase,
  describeEachDialect,
  describeWithPostgres,
} from '../../../test/support/databases.js';
import { openDatabase } from '../connection.js';
import { MIGRATIONS, migrateToLatest } from './index.js';

describeEachDialect('migrations', (database) => {
  it('find nothing to do on a migrated database', async () => {
    expect(await migrateToLatest(database().db)).toEqual([]);
  });

  it('create every table the repositories use', async () => {
    const tables = await database().db.introspection.getTables();

    expect(tables.map((table) => table.name).sort()).toEqual([
      'batch_recipients',
      'batches',
      'credit_budget_usage',
      'message_history',
      'messages',
      'send_pace',
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_endpoints',
    ]);
  });

  it('read 64-bit integer columns back as numbers', async () => {
    const at = Date.parse('2099-12-31T23:59:59.999Z');
    await database()
      .db.insertInto('credit_budget_usage')
      .values({ caller: 'billing', day: '2099-12-31', used_micro: 2 ** 52, updated_at: at })
      .execute();

    const row = await database().db.selectFrom('credit_budget_usage').selectAll().executeTakeFirstOrThrow();
    const count = await database()
      .db.selectFrom('credit_budget_usage')
      .select((eb) => eb.fn.countAll().as('rows'))
      .executeTakeFirstOrThrow();

    expect(row).toMatchObject({ used_micro: 2 ** 52, updated_at: at });
    expect(count.rows).toBe(1);
  });
});

describeWithPostgres('migrations of several instances starting at once', () => {
  it('are applied by one instance while the others wait and find nothing left to do', async () => {
    const { config, drop } = await createEmptyDatabase('postgres');
    const instances = Array.from({ length: 6 }, () => openDatabase(config));
    try {
      const applied = await Promise.all(instances.map((db) => migrateToLatest(db)));

      expect(applied.filter((names) => names.length > 0)).toEqual([Object.keys(MIGRATIONS)]);
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        instances[0],
      );
      expect(recorded.rows.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS));
    } finally {
      await Promise.all(instances.map((db) => db.destroy()));
      await drop();
    }
  });
});
