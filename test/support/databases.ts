import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely, KyselyPlugin } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/configuration.js';
import { openDatabase } from '../../src/database/connection.js';
import { migrateToLatest } from '../../src/database/migrations/index.js';
import type { Database } from '../../src/database/schema.js';

/**
 * A PostgreSQL server the suites may create databases on (`.ci/run` exports it), e.g.
 * `postgres://postgres@127.0.0.1:5432/test`. Each suite creates its own database there and drops it after.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const TEST_DIALECTS = ['sqlite-memory', 'sqlite-file', 'postgres'] as const;
export type TestDialect = (typeof TEST_DIALECTS)[number];

/** A fresh database of one dialect, migrated, for one suite. */
export interface TestDatabase {
  readonly dialect: TestDialect;
  readonly config: DatabaseConfig;
  readonly db: Kysely<Database>;
  /**
   * Another connection to the same database, as another gateway instance would have (closed with the suite).
   * SQLite in memory has no other connection: it answers the same one.
   */
  connect(): Kysely<Database>;
  /** Empties every table. */
  clear(): Promise<void>;
  drop(): Promise<void>;
}

/** Tables in an order that deletes children before their parents. */
const TABLES = [
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_endpoints',
  'credit_budget_usage',
  'batch_recipients',
  'message_history',
  'messages',
  'batches',
] as const;

/** An empty PostgreSQL database of a random name on the test server; `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_DATABASE_URL === undefined) throw new Error('TEST_DATABASE_URL is not set');
  const name = `gateway_test_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates an empty database of the dialect (not migrated). */
export async function createEmptyDatabase(
  dialect: TestDialect,
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const { url, drop } = await createPostgresDatabase();
    return { config: { dialect: 'postgres', url }, drop };
  }
  if (dialect === 'sqlite-memory') {
    return { config: { dialect: 'sqlite', file: ':memory:' }, drop: () => Promise.resolve() };
  }
  const directory = mkdtempSync(join(tmpdir(), 'gateway-db-'));
  return {
    config: { dialect: 'sqlite', file: join(directory, 'gateway.sqlite') },
    drop: () => Promise.resolve(rmSync(directory, { recursive: true, force: true })),
  };
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const { config, drop } = await createEmptyDatabase(dialect);
  const db = openDatabase(config);
  await migrateToLatest(db);
  const others: Kysely<Database>[] = [];
  return {
    dialect,
    config,
    db,
    connect: () => {
      if (dialect === 'sqlite-memory') return db;
      const other = openDatabase(config);
      others.push(other);
      return other;
    },
    clear: async () => {
      for (const table of TABLES) await db.deleteFrom(table).execute();
      await db.updateTable('send_pace').set({ next_at: 0 }).execute();
    },
    drop: async () => {
      await Promise.all([...others, db].map((connection) => connection.destroy()));
      await drop();
    },
  };
}

/**
 * Runs a suite once per dialect — SQLite in memory, SQLite in a temporary file, PostgreSQL — each on its own
 * fresh database, emptied before every test. Without `TEST_DATABASE_URL` the PostgreSQL run is skipped, and
 * says so loudly: a skipped suite must never look like a passing one (`.ci/run` fails on it).
 */
export function describeEachDialect(name: string, suite: (database: () => TestDatabase) => void): void {
  for (const dialect of TEST_DIALECTS) {
    const title = `${name} [${dialect}]`;
    if (dialect === 'postgres' && TEST_DATABASE_URL === undefined) {
      skipLoudly(title, () => suite(() => undefined as never));
      continue;
    }
    describe(title, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      beforeEach(() => database!.clear());
      afterAll(() => database?.drop());
      suite(() => database!);
    });
  }
}

/** Where a gateway under test keeps its database: the environment that points it there, and how to remove it. */
export interface GatewayStorage {
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * Runs a suite of whole gateways once on a SQLite file in a fresh directory and once on a fresh PostgreSQL
 * database — the PostgreSQL run skipped loudly without `TEST_DATABASE_URL`. The suite makes its storage with the
 * function it is given (a restart reuses it), and drops it.
 */
export function describeEachStorage(
  name: string,
  suite: (makeStorage: () => Promise<GatewayStorage>) => void,
): void {
  describe(`${name} [sqlite]`, () =>
    suite(() => {
      const dir = mkdtempSync(join(tmpdir(), 'gateway-storage-'));
      return Promise.resolve({
        env: { DATA_DIR: dir },
        drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    }));
  describeWithPostgres(name, () =>
    suite(async () => {
      const { url, drop } = await createPostgresDatabase();
      return { env: { DATABASE_URL: url }, drop };
    }),
  );
}

/** A suite about PostgreSQL alone (several instances on one server), skipped loudly without `TEST_DATABASE_URL`. */
export function describeWithPostgres(name: string, suite: () => void): void {
  const title = `${name} [postgres]`;
  if (TEST_DATABASE_URL === undefined) skipLoudly(title, suite);
  else describe(title, suite);
}

function skipLoudly(title: string, suite: () => void): void {
  const reason = 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
  process.stderr.write(`\nSKIPPED "${title}": ${reason}\n`);
  describe.skip(`${title} — SKIPPED: ${reason}`, suite);
}

/** A plugin that counts the statements built through a connection (BEGIN and COMMIT are not statements). */
export class StatementCounter implements KyselyPlugin {
  count = 0;

  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.count += 1;
    return args.node;
  };

  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result);
}
