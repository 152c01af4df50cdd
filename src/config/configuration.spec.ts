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
      http: { port: 3000, host: '0.0.0.0' },
      afilnet: {
        mode: 'sandbox',
        baseUrl: 'https://www.afilnet.com/api/http/',
        user: '',
        password: '',
        timeoutMs: 10000,
        maxSockets: 64,
        timeZone: 'Europe/Madrid',
      },
      logging: { level: 'info' },
      cache: { countriesTtlSeconds: 86400 },
      apiKeys: [],
      redisUrl: undefined,
    });
  });

  it('switches to live mode when both credentials are set', () => {
    const config = buildConfiguration({ AFILNET_USER: 'me@example.com', AFILNET_PASSWORD: 's3cret' });
    expect(config.afilnet).toMatchObject({ mode: 'live', user: 'me@example.com', password: 's3cret' });
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
    expect(config.apiKeys).toEqual([
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
});
