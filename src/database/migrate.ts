import { buildConfiguration, readProcessEnvironment } from '../config/configuration.js';
import { ConfigurationError } from '../config/environment.js';
import { describeDatabase, openDatabase } from './connection.js';
import { migrateToLatest } from './migrations/index.js';

/**
 * `npm run db:migrate`: applies the pending migrations to the configured database without starting the
 * gateway (which also applies them at boot), and says what it applied. Exits 1 on failure.
 */
async function main(): Promise<void> {
  const { database } = buildConfiguration(readProcessEnvironment());
  if (database.dialect === 'sqlite' && database.file === ':memory:') {
    throw new ConfigurationError(
      'Nothing to migrate: in sandbox mode without DATA_DIR the database lives in memory. Set DATA_DIR or DATABASE_URL.',
    );
  }
  const db = openDatabase(database);
  try {
    const applied = await migrateToLatest(db);
    const where = describeDatabase(database);
    process.stdout.write(
      applied.length === 0
        ? `${where}: schema up to date, nothing applied\n`
        : applied.map((name) => `${where}: applied ${name}\n`).join(''),
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
