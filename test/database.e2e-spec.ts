import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageLedger as MessageLedgerType } from '../src/database/repositories/message-ledger.repository.js';
import { built } from './support/built.js';
import { createPostgresDatabase, describeWithPostgres } from './support/databases.js';
import { startGateway, type RunningGateway } from './support/gateway.js';

const { MessageLedger } = built<typeof import('../src/database/repositories/message-ledger.repository.js')>(
  'database/repositories/message-ledger.repository.js',
);

function ledgerOf(gateway: RunningGateway): MessageLedgerType {
  return gateway.app.get(MessageLedger);
}

async function recordOne(ledger: MessageLedgerType): Promise<string> {
  const [message] = await ledger.insert([
    { channel: 'sms', operation: 'sms.send', caller: null, to: '34600000000' },
  ]);
  return message.id;
}

// Where `db:migrate` runs: an empty directory, so that no `.env` applies.
const emptyDirectory = mkdtempSync(join(tmpdir(), 'gateway-migrate-'));
afterAll(() => rmSync(emptyDirectory, { recursive: true, force: true }));

function logged(gateway: RunningGateway, text: string): boolean {
  return gateway.logs.some((line) => line.includes(text));
}

/** `npm run db:migrate` without its build step: the built entry point, with only the given environment. */
function migrate(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'database', 'migrate.js')], {
    env: { PATH: process.env.PATH, ...env },
    cwd: emptyDirectory,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the database of the gateway', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-database-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is in memory in sandbox mode, migrated before the gateway serves, and closed with it', async () => {
    const gateway = await startGateway();
    const ledger = ledgerOf(gateway);

    const id = await recordOne(ledger);

    expect((await ledger.find(id, null))?.status).toBe('sending');
    expect(logged(gateway, 'SQLite in memory: applied 0001-ledger-and-webhooks')).toBe(true);
    await gateway.close();
    await expect(ledger.find(id, null)).rejects.toThrow();
  });

  it('persists in DATA_DIR/gateway.sqlite across restarts', async () => {
    const first = await startGateway({ DATA_DIR: dataDir });
    const id = await recordOne(ledgerOf(first));
    await first.close();

    const second = await startGateway({ DATA_DIR: dataDir });
    try {
      expect(existsSync(join(dataDir, 'gateway.sqlite'))).toBe(true);
      expect(logged(second, 'schema up to date')).toBe(true);
      expect((await ledgerOf(second).find(id, null))?.to).toBe('34600000000');
    } finally {
      await second.close();
    }
  });

  it('is migrated by npm run db:migrate, which says what it applied', () => {
    const first = migrate({ DATA_DIR: dataDir });
    const again = migrate({ DATA_DIR: dataDir });
    const inMemory = migrate({});

    expect(first).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('applied 0001-ledger-and-webhooks'),
    });
    expect(again).toMatchObject({ status: 0, stdout: expect.stringContaining('nothing applied') });
    expect(inMemory).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('Set DATA_DIR or DATABASE_URL'),
    });
  });
});

describeWithPostgres('the database of the gateway on PostgreSQL', () => {
  it('is migrated at boot, and the log names the server without the credentials', async () => {
    const { url, drop } = await createPostgresDatabase();
    const withPassword = new URL(url);
    withPassword.password = 'not-needed-by-trust-auth';
    try {
      const gateway = await startGateway({ DATABASE_URL: withPassword.toString() });
      try {
        const id = await recordOne(ledgerOf(gateway));
        expect((await ledgerOf(gateway).find(id, null))?.status).toBe('sending');
        expect(logged(gateway, `PostgreSQL ${withPassword.host}${withPassword.pathname}: applied`)).toBe(
          true,
        );
      } finally {
        // Also checks that no log line holds the URL's password.
        await gateway.close();
      }
      expect(migrate({ DATABASE_URL: withPassword.toString() })).toMatchObject({
        status: 0,
        stdout: expect.stringContaining('nothing applied'),
      });
    } finally {
      await drop();
    }
  });
});
