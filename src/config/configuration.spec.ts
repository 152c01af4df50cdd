import { buildConfiguration } from './configuration.js';
import { ConfigurationError } from './environment.js';

function failure(env: Record<string, string>): ConfigurationError {
  try {
    buildConfiguration(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('buildConfiguration', () => {
  it('defaults to sandbox mode with the documented values', () => {
    expect(buildConfiguration({})).toEqual({
      http: {
        port: 3000,
        host: '0.0.0.0',
        corsOrigins: [],
        trustProxy: undefined,
        requestTimeoutMs: 10000,
        connectionTimeoutMs: 75000,
        shutdownDrainMs: 25000,
        longestRequestMs: 25000,
      },
      afilnet: {
        mode: 'sandbox',
        baseUrl: 'https://www.afilnet.com/api/http/',
        user: '',
        password: '',
        timeoutMs: 10000,
        maxSockets: 64,
        maxQueued: 256,
        timeZone: 'Europe/Madrid',
        readRetries: 2,
        breakerFailures: 5,
        breakerCooldownMs: 30000,
      },
      logging: { level: 'info' },
      cache: { countriesTtlSeconds: 86400 },
      auth: { mode: 'open', keys: [], probes: 'open', explicitlyDisabled: false },
      rateLimit: { perMinute: 600, authFailuresPerMinute: 10 },
      idempotency: { ttlSeconds: 86400, maxEntries: 100000 },
      verification: {
        maxAttempts: 5,
        maxStarts: 5,
        windowMinutes: 10,
        maxValidityMinutes: 1440,
        maxEntries: 100000,
      },
      redisUrl: undefined,
      database: { dialect: 'sqlite', file: ':memory:' },
      ledger: { retentionDays: 90, storeContent: false },
      tracking: { firstCheckSeconds: 10, maxHours: 72 },
      webhooks: { timeoutMs: 5000, maxAttempts: 12 },
      budgets: { perDay: [] },
      batches: { sendsPerSecond: 10 },
    });
  });

  it('switches to live mode when both credentials are set, which requires keys', () => {
    const config = buildConfiguration({
      AFILNET_USER: 'me@example.com',
      AFILNET_PASSWORD: 's3cret',
      GATEWAY_API_KEYS: 'billing:0123456789abcdef0123',
    });
    expect(config.afilnet).toMatchObject({ mode: 'live', user: 'me@example.com', password: 's3cret' });
    expect(config.auth.mode).toBe('keys');
  });

  it('refuses live mode without keys unless GATEWAY_AUTH=disabled says so explicitly', () => {
    const live = { AFILNET_USER: 'me@example.com', AFILNET_PASSWORD: 's3cret' };
    expect(failure(live).message).toMatch(
      /^Invalid configuration: GATEWAY_API_KEYS is required in live mode/,
    );
    expect(buildConfiguration({ ...live, GATEWAY_AUTH: 'disabled' }).auth).toMatchObject({
      mode: 'open',
      explicitlyDisabled: true,
    });
  });

  describe('the mode', () => {
    const credentials = {
      AFILNET_USER: 'me@example.com',
      AFILNET_PASSWORD: 's3cret',
      GATEWAY_AUTH: 'disabled',
    };

    it.each([
      ['no credentials, outside production', {}, 'sandbox'],
      ['no credentials, NODE_ENV=development', { NODE_ENV: 'development' }, 'sandbox'],
      ['credentials', credentials, 'live'],
      ['credentials in production', { ...credentials, NODE_ENV: 'production' }, 'live'],
      ['GATEWAY_MODE=sandbox in production', { NODE_ENV: 'production', GATEWAY_MODE: 'sandbox' }, 'sandbox'],
      ['GATEWAY_MODE=LIVE with credentials', { ...credentials, GATEWAY_MODE: 'LIVE' }, 'live'],
    ])('is decided for %s', (_label, env, mode) => {
      expect(buildConfiguration(env).afilnet.mode).toBe(mode);
    });

    it.each([
      [
        'production without credentials',
        { NODE_ENV: 'production' },
        'NODE_ENV=production needs AFILNET_USER and AFILNET_PASSWORD (live mode), or GATEWAY_MODE=sandbox to run the simulator on purpose',
      ],
      [
        'GATEWAY_MODE=live without credentials',
        { GATEWAY_MODE: 'live' },
        'GATEWAY_MODE=live needs AFILNET_USER',
      ],
      ['GATEWAY_MODE=sandbox with credentials', { ...credentials, GATEWAY_MODE: 'sandbox' }, 'unset them'],
      ['an unknown GATEWAY_MODE', { GATEWAY_MODE: 'demo' }, 'GATEWAY_MODE must be live or sandbox'],
    ])('refuses %s with one line saying what is missing', (_label, env, message) => {
      const error = failure(env);
      expect(error.message).toMatch(/^Invalid configuration: /);
      expect(error.message).toContain(message);
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toContain('s3cret');
    });
  });

  describe('the timings', () => {
    it('derives the drain and the connection timeout from the longest request', () => {
      expect(
        buildConfiguration({ AFILNET_TIMEOUT_MS: '100000', HTTP_REQUEST_TIMEOUT_MS: '20000' }).http,
      ).toMatchObject({
        requestTimeoutMs: 20000,
        longestRequestMs: 125000,
        shutdownDrainMs: 125000,
        connectionTimeoutMs: 110000,
      });
    });

    it('takes a drain and a connection timeout that leave room for the longest request', () => {
      expect(
        buildConfiguration({ SHUTDOWN_DRAIN_TIMEOUT_MS: '30000', HTTP_CONNECTION_TIMEOUT_MS: '15001' }).http,
      ).toMatchObject({ shutdownDrainMs: 30000, connectionTimeoutMs: 15001 });
    });

    it('refuses a drain shorter than the longest request can take, saying why in one line', () => {
      const error = failure({ SHUTDOWN_DRAIN_TIMEOUT_MS: '20000' });
      expect(error.message).toBe(
        'Invalid configuration: SHUTDOWN_DRAIN_TIMEOUT_MS (20000) must be at least 25000 ms, the longest a request can ' +
          "take (HTTP_REQUEST_TIMEOUT_MS 10000 + AFILNET_TIMEOUT_MS 10000 + 5000 for the gateway's own work); raise " +
          'it or leave it unset',
      );
      expect(failure({ AFILNET_TIMEOUT_MS: '30000', SHUTDOWN_DRAIN_TIMEOUT_MS: '25000' }).message).toMatch(
        /^Invalid configuration: SHUTDOWN_DRAIN_TIMEOUT_MS \(25000\) must be at least 45000 ms/,
      );
    });

    it('refuses a connection timeout that would cut a request waiting for its answer', () => {
      expect(failure({ HTTP_CONNECTION_TIMEOUT_MS: '15000' }).message).toMatch(
        /^Invalid configuration: HTTP_CONNECTION_TIMEOUT_MS \(15000\) must be more than 15000 ms/,
      );
    });
  });

  it.each([
    ['1', 1],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s', (setting, trusted) => {
    expect(buildConfiguration({ TRUST_PROXY: setting }).http.trustProxy).toEqual(trusted);
  });

  it.each(['0', '11', 'true', '10.0.0.0/33', 'proxy.internal', '10.0.0.1,'])(
    'refuses TRUST_PROXY=%s',
    (setting) => {
      expect(failure({ TRUST_PROXY: setting }).message).toMatch(
        /^Invalid configuration: TRUST_PROXY must be/,
      );
    },
  );

  it('reads CORS origins as a list', () => {
    expect(
      buildConfiguration({ CORS_ORIGINS: 'https://a.example, https://b.example' }).http.corsOrigins,
    ).toEqual(['https://a.example', 'https://b.example']);
  });

  it('treats blank values as unset, as in a copied .env.example', () => {
    const config = buildConfiguration({ AFILNET_USER: '', AFILNET_PASSWORD: ' ', PORT: '', LOG_LEVEL: '' });
    expect(config.afilnet.mode).toBe('sandbox');
    expect(config.http.port).toBe(3000);
    expect(config.logging.level).toBe('info');
  });

  it('reads numbers and log levels from strings', () => {
    const config = buildConfiguration({ PORT: '8080', AFILNET_TIMEOUT_MS: '2500', LOG_LEVEL: 'DEBUG' });
    expect(config.http.port).toBe(8080);
    expect(config.afilnet.timeoutMs).toBe(2500);
    expect(config.logging.level).toBe('debug');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['AFILNET_TIMEOUT_MS', '10'],
    ['AFILNET_TIMEOUT_MS', '1.5'],
    ['AFILNET_MAX_SOCKETS', '0'],
    ['AFILNET_BASE_URL', 'ftp://example.com'],
    ['AFILNET_BASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['AFILNET_TIMEZONE', 'Mars/Olympus'],
    ['COUNTRIES_CACHE_TTL_SECONDS', '-1'],
    ['GATEWAY_AUTH', 'off'],
    ['PROBES_ACCESS', 'public'],
    ['RATE_LIMIT_PER_MINUTE', 'many'],
    ['AFILNET_BREAKER_FAILURES', '0'],
    ['SHUTDOWN_DRAIN_TIMEOUT_MS', '-5'],
    ['HTTP_REQUEST_TIMEOUT_MS', '999'],
    ['HTTP_CONNECTION_TIMEOUT_MS', 'soon'],
    ['AUTH_FAILURES_PER_MINUTE', '-1'],
    ['AFILNET_MAX_QUEUED', '-1'],
    ['GATEWAY_MODE', 'test'],
    // Shorter than a verification's longest code (60 minutes): its attempt count would not outlive it.
    ['OTP_MAX_VALIDITY_MINUTES', '59'],
    ['OTP_MAX_VALIDITY_MINUTES', '525601'],
    ['DATABASE_URL', 'mysql://db.example/gateway'],
    ['LEDGER_RETENTION_DAYS', '0'],
    ['LEDGER_STORE_CONTENT', 'yes'],
    ['TRACKING_FIRST_CHECK_SECONDS', '0'],
    ['TRACKING_MAX_HOURS', '1.5'],
    ['WEBHOOK_TIMEOUT_MS', '50'],
    ['WEBHOOK_MAX_ATTEMPTS', '0'],
    ['AFILNET_SENDS_PER_SECOND', 'fast'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    const error = failure({ [name]: value });
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    expect(error.message).not.toContain('\n');
  });

  it('requires the credentials together', () => {
    expect(failure({ AFILNET_USER: 'me@example.com' }).message).toContain(
      'AFILNET_USER and AFILNET_PASSWORD',
    );
    expect(failure({ AFILNET_PASSWORD: 'x' }).message).toContain('AFILNET_USER and AFILNET_PASSWORD');
  });

  it('parses API keys: plain or sha256, with scopes or all of them', () => {
    const digest = 'AB'.repeat(32);
    const config = buildConfiguration({
      GATEWAY_API_KEYS: `billing:0123456789abcdef0123:sms+otp, ops:sha256:${digest}`,
    });
    expect(config.auth.keys).toEqual([
      { name: 'billing', key: { kind: 'plain', value: '0123456789abcdef0123' }, scopes: ['sms', 'otp'] },
      { name: 'ops', key: { kind: 'sha256', value: digest.toLowerCase() }, scopes: ['*'] },
    ]);
  });

  it.each([
    ['a missing key', 'billing'],
    ['a short key', 'billing:short'],
    ['a bad digest', 'billing:sha256:1234'],
    ['a bad scope', 'billing:0123456789abcdef0123:SMS'],
    ['too many parts', 'billing:0123456789abcdef0123:sms:extra'],
    ['a duplicate name', 'a:0123456789abcdef0123,a:0123456789abcdef0124'],
    ['an empty entry', 'a:0123456789abcdef0123,'],
  ])('rejects GATEWAY_API_KEYS with %s, without echoing keys', (_label, value) => {
    const error = failure({ GATEWAY_API_KEYS: value });
    expect(error.message).toMatch(/^Invalid configuration: GATEWAY_API_KEYS /);
    expect(error.message).not.toContain('0123456789abcdef');
  });

  it('never echoes a secret value in its message', () => {
    const error = failure({ REDIS_URL: 'http://user:hunter2@redis' });
    expect(error.message).toContain('REDIS_URL');
    expect(error.message).not.toContain('hunter2');
  });

  it.each(['mysql://user:hunter2@db/gateway', 'postgres://user:hunter2@[db/gateway'])(
    'never echoes DATABASE_URL (%s) in its message',
    (url) => {
      const error = failure({ DATABASE_URL: url });
      expect(error.message).toMatch(
        /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/,
      );
      expect(error.message).not.toContain('hunter2');
    },
  );

  describe('the database', () => {
    const live = {
      AFILNET_USER: 'me@example.com',
      AFILNET_PASSWORD: 's3cret',
      GATEWAY_API_KEYS: 'billing:0123456789abcdef0123',
    };

    it('is PostgreSQL when DATABASE_URL is set, in either mode', () => {
      const url = 'postgresql://gateway:pw@db.internal:5432/gateway?sslmode=require';
      expect(buildConfiguration({ DATABASE_URL: url, DATA_DIR: '/var/lib/gw' }).database).toEqual({
        dialect: 'postgres',
        url,
      });
      expect(buildConfiguration({ ...live, DATABASE_URL: url }).database.dialect).toBe('postgres');
    });

    it('is the SQLite file in DATA_DIR, ./data by default in live mode', () => {
      expect(buildConfiguration(live).database).toEqual({ dialect: 'sqlite', file: 'data/gateway.sqlite' });
      expect(buildConfiguration({ ...live, DATA_DIR: '/var/lib/gw' }).database).toEqual({
        dialect: 'sqlite',
        file: '/var/lib/gw/gateway.sqlite',
      });
    });

    it('stays in memory in sandbox mode unless DATA_DIR is set explicitly', () => {
      expect(buildConfiguration({}).database).toEqual({ dialect: 'sqlite', file: ':memory:' });
      expect(buildConfiguration({ DATA_DIR: './data' }).database).toEqual({
        dialect: 'sqlite',
        file: 'data/gateway.sqlite',
      });
    });
  });

  it('reads the ledger, tracking, webhook and batch settings', () => {
    const config = buildConfiguration({
      LEDGER_RETENTION_DAYS: '30',
      LEDGER_STORE_CONTENT: 'TRUE',
      TRACKING_FIRST_CHECK_SECONDS: '5',
      TRACKING_MAX_HOURS: '24',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_MAX_ATTEMPTS: '3',
      AFILNET_SENDS_PER_SECOND: '200',
    });
    expect(config).toMatchObject({
      ledger: { retentionDays: 30, storeContent: true },
      tracking: { firstCheckSeconds: 5, maxHours: 24 },
      webhooks: { timeoutMs: 2000, maxAttempts: 3 },
      batches: { sendsPerSecond: 200 },
    });
  });

  it('parses credit budgets per API key name', () => {
    expect(buildConfiguration({ CREDIT_BUDGETS: 'billing:500, ops.team:12.5' }).budgets.perDay).toEqual([
      { caller: 'billing', creditsPerDay: 500 },
      { caller: 'ops.team', creditsPerDay: 12.5 },
    ]);
  });

  it.each([
    ['a missing amount', 'billing'],
    ['a name an API key cannot have', 'bill ing:5'],
    ['zero credits', 'billing:0'],
    ['a negative amount', 'billing:-5'],
    ['an amount that is not a decimal number', 'billing:1e3'],
    ['too many parts', 'billing:5:6'],
    ['a duplicate name', 'billing:5,billing:6'],
    ['an empty entry', 'billing:5,'],
  ])('rejects CREDIT_BUDGETS with %s, in one line naming the variable', (_label, value) => {
    const error = failure({ CREDIT_BUDGETS: value });
    expect(error.message).toMatch(/^Invalid configuration: CREDIT_BUDGETS /);
    expect(error.message).not.toContain('\n');
  });
});

describe('the documentation of the configuration', () => {
  it('names every environment variable in .env.example and docs/configuration.md, which the README links', async () => {
    const { readFileSync } = await import('node:fs');
    const { EnvironmentVariables } = await import('./environment.js');
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const reference = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(
      'docs/configuration.md',
    );
    const names = Object.keys(new EnvironmentVariables()).concat(['AFILNET_USER', 'AFILNET_PASSWORD']);
    const optional = [
      'GATEWAY_API_KEYS',
      'CORS_ORIGINS',
      'REDIS_URL',
      'DATABASE_URL',
      'DATA_DIR',
      'CREDIT_BUDGETS',
    ];

    const missing = [...new Set([...names, ...optional])].filter(
      (name) => !new RegExp(`^${name}=`, 'm').test(example) || !reference.includes(`\`${name}\``),
    );

    expect(missing).toEqual([]);
  });
});
