import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Kysely } from 'kysely';
import { Clock } from '../common/clock/clock.js';
import type { GatewayConfig } from '../config/configuration.js';
import { describeDatabase, openDatabase } from './connection.js';
import { migrateToLatest } from './migrations/index.js';
import { CreditBudgets } from './repositories/credit-budgets.repository.js';
import {
  createRepositories,
  DatabaseTransactions,
  KyselyDatabaseTransactions,
  type Repositories,
} from './repositories/database-transactions.js';
import { MessageLedger } from './repositories/message-ledger.repository.js';
import { UsageReports } from './repositories/usage-reports.repository.js';
import { WebhookEndpoints } from './repositories/webhook-endpoints.repository.js';
import { WebhookOutbox } from './repositories/webhook-outbox.repository.js';
import { Batches } from './repositories/batches.repository.js';
import type { Database } from './schema.js';

const logger = new Logger('Database');

/** Opens the configured database and migrates it before anything else can use it. */
async function openMigratedDatabase(config: ConfigService<GatewayConfig, true>): Promise<Kysely<Database>> {
  const settings = config.get('database', { infer: true });
  const db = openDatabase(settings, {
    onIdleConnectionError: (error) => logger.warn({ msg: 'database connection lost', reason: error.message }),
  });
  try {
    const applied = await migrateToLatest(db);
    logger.log(
      `${describeDatabase(settings)}: ${applied.length === 0 ? 'schema up to date' : `applied ${applied.join(', ')}`}`,
    );
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * Closes the connections once the application has shut down. Work that uses the database (trackers, senders)
 * must stop before: in `onModuleDestroy` or `beforeApplicationShutdown`, which Nest runs first.
 */
@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(Kysely) private readonly db: Kysely<Database>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}

const REPOSITORIES = 'DATABASE_REPOSITORIES';

/**
 * The database (SQLite or PostgreSQL, docs/database.md), migrated at boot before the application serves, and
 * its repositories — the only code that knows SQL. Global: a service injects `MessageLedger`, `UsageReports`,
 * `CreditBudgets`, `WebhookEndpoints`, `WebhookOutbox`, `Batches` or `DatabaseTransactions` wherever it is. `Kysely` itself
 * is exported for new repositories and a health check, not for services.
 */
@Global()
@Module({
  providers: [
    { provide: Kysely, inject: [ConfigService], useFactory: openMigratedDatabase },
    DatabaseCloser,
    {
      provide: REPOSITORIES,
      inject: [Kysely, Clock, ConfigService],
      useFactory: (
        db: Kysely<Database>,
        clock: Clock,
        config: ConfigService<GatewayConfig, true>,
      ): Repositories => createRepositories(db, clock, config.get('ledger', { infer: true })),
    },
    { provide: MessageLedger, inject: [REPOSITORIES], useFactory: (r: Repositories) => r.ledger },
    { provide: UsageReports, inject: [REPOSITORIES], useFactory: (r: Repositories) => r.usage },
    { provide: CreditBudgets, inject: [REPOSITORIES], useFactory: (r: Repositories) => r.budgets },
    { provide: WebhookEndpoints, inject: [REPOSITORIES], useFactory: (r: Repositories) => r.endpoints },
    { provide: WebhookOutbox, inject: [REPOSITORIES], useFactory: (r: Repositories) => r.outbox },
    { provide: Batches, inject: [REPOSITORIES], useFactory: (r: Repositories) => r.batches },
    {
      provide: DatabaseTransactions,
      inject: [Kysely, Clock, ConfigService],
      useFactory: (db: Kysely<Database>, clock: Clock, config: ConfigService<GatewayConfig, true>) =>
        new KyselyDatabaseTransactions(db, clock, config.get('ledger', { infer: true })),
    },
  ],
  exports: [
    Kysely,
    MessageLedger,
    UsageReports,
    CreditBudgets,
    WebhookEndpoints,
    WebhookOutbox,
    Batches,
    DatabaseTransactions,
  ],
})
export class DatabaseModule {}
