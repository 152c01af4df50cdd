import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Runs a migration's statements in a transaction. Kysely runs all pending migrations in one transaction on
 * PostgreSQL but none on SQLite; there each migration opens its own, so that a failing one leaves nothing
 * half-applied on either dialect.
 */
export function atomically(db: Kysely<unknown>, work: (db: Kysely<unknown>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** For the few column types the dialects spell differently (identity columns). */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
