import type { Kysely } from 'kysely';
import type { Clock } from '../../common/clock/clock.js';
import type { Database } from '../schema.js';
import { Batches, KyselyBatches } from './batches.repository.js';
import { CreditBudgets, KyselyCreditBudgets } from './credit-budgets.repository.js';
import { KyselyMessageLedger, MessageLedger } from './message-ledger.repository.js';
import { KyselyUsageReports, UsageReports } from './usage-reports.repository.js';
import { KyselyWebhookEndpoints, WebhookEndpoints } from './webhook-endpoints.repository.js';
import { KyselyWebhookOutbox, WebhookOutbox } from './webhook-outbox.repository.js';

/** The repositories, all bound to one transaction (or all to the database). */
export interface Repositories {
  readonly ledger: MessageLedger;
  readonly usage: UsageReports;
  readonly budgets: CreditBudgets;
  readonly endpoints: WebhookEndpoints;
  readonly outbox: WebhookOutbox;
  readonly batches: Batches;
}

export interface RepositoryOptions {
  readonly storeContent: boolean;
}

/** Builds every repository on one connection or transaction. */
export function createRepositories(
  db: Kysely<Database>,
  clock: Clock,
  options: RepositoryOptions,
): Repositories {
  return {
    ledger: new KyselyMessageLedger(db, clock, options),
    usage: new KyselyUsageReports(db),
    budgets: new KyselyCreditBudgets(db, clock),
    endpoints: new KyselyWebhookEndpoints(db, clock),
    outbox: new KyselyWebhookOutbox(db, clock),
    batches: new KyselyBatches(db, clock),
  };
}

/**
 * Several repository operations as one: a status change and the webhook events it raises commit together or
 * not at all. Inside `work`, use only the repositories it is given — the injected ones are outside the
 * transaction (and, on SQLite's single connection, would wait for it to end: a deadlock).
 */
export abstract class DatabaseTransactions {
  abstract run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}

export class KyselyDatabaseTransactions extends DatabaseTransactions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly options: RepositoryOptions,
  ) {
    super();
  }

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(createRepositories(trx, this.clock, this.options)));
  }
}
