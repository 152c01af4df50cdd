import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../schema.js';
import * as ledgerAndWebhooks from './0001-ledger-and-webhooks.js';
import * as batches from './0002-batches.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so that they run the same from `src/`
 * under the tests and from `dist/` in production. A new migration is a new module added at the end; a
 * migration that has shipped is never edited.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-ledger-and-webhooks': ledgerAndWebhooks,
  '0002-batches': batches,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...MIGRATIONS });
  }
}

/** A migration failed; nothing of it was applied (each runs in a transaction on both dialects). */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Applies the migrations not applied yet and answers their names (none when the schema is up to date). On
 * PostgreSQL, Kysely takes a transaction-scoped advisory lock first: of several instances starting at once,
 * one migrates while the others wait, then find nothing left to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({
    db,
    provider: new StaticMigrationProvider(),
  }).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : 'an error that is not an Error';
    throw new MigrationError(
      failed === undefined ? `migrations failed: ${reason}` : `migration ${failed} failed: ${reason}`,
      { cause: error },
    );
  }
  return results.map((result) => result.migrationName);
}
