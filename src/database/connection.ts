import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as KyselySqlite,
} from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import type { DatabaseConfig } from '../config/configuration.js';
import type { Database } from './schema.js';

/** How long a SQLite statement waits for another connection's write lock (another process on the file). */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** Distinct statements kept prepared: the repositories write a few dozen, varying only in chunk sizes. */
const SQLITE_STATEMENT_CACHE = 500;
/** Connections one instance holds to PostgreSQL. */
const POSTGRES_POOL_SIZE = 10;

const INT8_OID = 20;

/**
 * pg answers `bigint` (our epoch-millisecond times, COUNT) as strings, to be safe beyond 2^53. Times and counts
 * stay far below it, so they are read as numbers — for this pool only, not through pg's process-wide table.
 */
const postgresTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID
      ? Number
      : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

export interface DatabaseEvents {
  /** An idle PostgreSQL connection failed (the server restarted, the network dropped); the pool replaces it. */
  onIdleConnectionError?: (error: Error) => void;
}

/** Opens the configured database. Nothing is migrated yet (see `migrateToLatest`). */
export function openDatabase(config: DatabaseConfig, events: DatabaseEvents = {}): Kysely<Database> {
  if (config.dialect === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: POSTGRES_POOL_SIZE,
      types: postgresTypes,
    });
    // Without a listener, an idle client's error (e.g. the server restarting) would crash the process.
    pool.on('error', (error) => events.onIdleConnectionError?.(error));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const inMemory = config.file === ':memory:';
  if (!inMemory) mkdirSync(dirname(config.file), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  // WAL: readers never block the writer; NORMAL synchronisation is safe against a crash of the process (a
  // commit is never lost to it) and costs no fsync per commit — only an OS crash may lose the last commits.
  if (!inMemory) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) }) });
}

/**
 * Kysely prepares every statement it runs anew, which costs SQLite more than running it: statements are kept
 * prepared by their SQL text, parameters bound at each run. Safe because the gateway never streams rows (a
 * statement is never still iterating when it is run again).
 */
function withPreparedStatements(sqlite: SqliteDatabase.Database): KyselySqlite {
  const statements = new LRUCache<string, SqliteDatabase.Statement>({ max: SQLITE_STATEMENT_CACHE });
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Where the data is, for logs and `db:migrate`'s output: never the URL itself (it may hold a password). */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.dialect === 'sqlite') {
    return config.file === ':memory:' ? 'SQLite in memory' : `SQLite file ${config.file}`;
  }
  const url = new URL(config.url);
  const database = decodeURIComponent(url.pathname.slice(1));
  return `PostgreSQL ${url.hostname === '' ? '(local socket)' : url.host}${database === '' ? '' : `/${database}`}`;
}

export type Dialect = 'postgres' | 'sqlite';

/** The dialect behind a connection or transaction, for the few statements the two write differently. */
export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Runs `work` in a transaction — or inside the caller's, when `db` is already one (see `DatabaseTransactions`),
 * since Kysely does not nest them.
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
