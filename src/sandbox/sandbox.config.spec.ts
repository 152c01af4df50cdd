// Beside the sandbox rather than in src/config: it tests the stand-alone runner's settings.
import { loadSandboxConfig, SandboxConfigError } from './sandbox.config.js';

describe('loadSandboxConfig', () => {
  it('defaults every setting', () => {
    expect(loadSandboxConfig({})).toEqual({
      port: 8089,
      host: '127.0.0.1',
      user: 'sandbox',
      password: 'sandbox',
      initialBalance: 100,
      timeZone: 'Europe/Madrid',
    });
  });

  it('reads every variable, blank ones counting as unset', () => {
    expect(
      loadSandboxConfig({
        SANDBOX_PORT: '0',
        SANDBOX_HOST: '0.0.0.0',
        SANDBOX_USER: 'me',
        SANDBOX_PASSWORD: ' ',
        SANDBOX_INITIAL_BALANCE: '12.5',
        SANDBOX_TIMEZONE: 'America/New_York',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      user: 'me',
      password: 'sandbox',
      initialBalance: 12.5,
      timeZone: 'America/New_York',
    });
    expect(loadSandboxConfig({ SANDBOX_PORT: '65535', SANDBOX_INITIAL_BALANCE: '0' })).toMatchObject({
      port: 65535,
      initialBalance: 0,
    });
  });

  it.each(['abc', '-1', '65536', '80.5', '0x50', '1e3'])(
    'rejects SANDBOX_PORT=%p naming the variable',
    (value) => {
      expect(() => loadSandboxConfig({ SANDBOX_PORT: value })).toThrow(SandboxConfigError);
      expect(() => loadSandboxConfig({ SANDBOX_PORT: value })).toThrow(
        `Invalid configuration: SANDBOX_PORT must be an integer between 0 and 65535 (got "${value}")`,
      );
    },
  );

  it.each(['-1', 'lots', 'Infinity', '0x10', '1e3', '9'.repeat(400)])(
    'rejects SANDBOX_INITIAL_BALANCE=%p naming the variable',
    (value) => {
      expect(() => loadSandboxConfig({ SANDBOX_INITIAL_BALANCE: value })).toThrow(
        /^Invalid configuration: SANDBOX_INITIAL_BALANCE must be a number >= 0 \(got "/,
      );
    },
  );

  it('rejects a SANDBOX_TIMEZONE the runtime does not know, naming the variable', () => {
    expect(() => loadSandboxConfig({ SANDBOX_TIMEZONE: 'Mars/Olympus' })).toThrow(
      'Invalid configuration: SANDBOX_TIMEZONE must be an IANA time zone such as Europe/Madrid (got "Mars/Olympus")',
    );
  });

  it('keeps the message on one line whatever the value holds', () => {
    expect(() => loadSandboxConfig({ SANDBOX_PORT: '80\nX' })).toThrow(/^[^\n]+$/);
  });
});
