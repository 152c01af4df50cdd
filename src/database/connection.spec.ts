import { describeDatabase } from './connection.js';

describe('describeDatabase', () => {
  it('names where the data is without the credentials in the URL', () => {
    expect(
      describeDatabase({
        dialect: 'postgres',
        url: 'postgres://gw:s3cr%40t@db.internal:6432/ledger?sslmode=require',
      }),
    ).toBe('PostgreSQL db.internal:6432/ledger');
    expect(
      describeDatabase({ dialect: 'postgres', url: 'postgresql:///ledger?host=/var/run/postgresql' }),
    ).toBe('PostgreSQL (local socket)/ledger');
    expect(describeDatabase({ dialect: 'sqlite', file: 'data/gateway.sqlite' })).toBe(
      'SQLite file data/gateway.sqlite',
    );
    expect(describeDatabase({ dialect: 'sqlite', file: ':memory:' })).toBe('SQLite in memory');
  });
});
