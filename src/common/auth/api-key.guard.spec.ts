import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { fakeRequest, httpContext, type FakeRequest } from '../../../test/unit/execution-context.js';
import { buildConfiguration, type GatewayConfig } from '../../config/configuration.js';
import { GatewayError } from '../errors/gateway.error.js';
import { AfilnetOperation, AnyKey, Probe, Scopes } from '../policies/policy.decorators.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyRegistry } from './api-key.registry.js';

const SMS_KEY = 'sms-key-0123456789abcdef';
const ADMIN_KEY = 'admin-key-0123456789abcdef';
const HASHED_KEY = 'hashed-key-0123456789abcdef';
const digest = createHash('sha256').update(HASHED_KEY).digest('hex');

@Scopes('groups')
class Routes {
  @AfilnetOperation('sms.send')
  sendSms(): void {}

  @AfilnetOperation('whatsapp.sendMessage')
  sendWhatsapp(): void {}

  @AnyKey()
  listOwn(): void {}

  @Probe()
  live(): void {}

  /** Declares nothing of its own: the class's `groups` applies. */
  listGroups(): void {}
}

class Undeclared {
  route(): void {}
}

function guard(env: Record<string, string>): ApiKeyGuard {
  const config = new ConfigService<GatewayConfig, true>(buildConfiguration(env));
  return new ApiKeyGuard(new ApiKeyRegistry(config), new Reflector(), config);
}

const KEYS = {
  GATEWAY_API_KEYS: `texter:${SMS_KEY}:sms+social,admin:${ADMIN_KEY},vault:sha256:${digest}:groups`,
};

function refusal(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the guard to refuse');
}

const withKey = (key: string): FakeRequest => fakeRequest({ headers: { 'x-api-key': key } });

describe('ApiKeyGuard', () => {
  it('lets a key through to a route its scopes cover, and names the caller on the request', () => {
    const request = withKey(SMS_KEY);

    expect(guard(KEYS).canActivate(httpContext(Routes, 'sendSms', request))).toBe(true);
    expect(request.apiKeyName).toBe('texter');
  });

  it('accepts a key scoped to the module of an Afilnet class (social for whatsapp)', () => {
    expect(guard(KEYS).canActivate(httpContext(Routes, 'sendWhatsapp', withKey(SMS_KEY)))).toBe(true);
  });

  it('refuses a known key without the scope, 403 FORBIDDEN naming the key and the scopes needed', () => {
    const refused = refusal(() =>
      guard(KEYS).canActivate(httpContext(Routes, 'listGroups', withKey(SMS_KEY))),
    );

    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.detail).toBe('The key "texter" lacks the scope "groups" this route needs.');
    const either = refusal(() =>
      guard(KEYS).canActivate(httpContext(Routes, 'sendWhatsapp', withKey(HASHED_KEY))),
    );
    expect(either.detail).toBe('The key "vault" lacks the scope "whatsapp" or "social" this route needs.');
  });

  it('lets a * key through everywhere, and a key given as its SHA-256 digest', () => {
    const protectedProbes = guard({ ...KEYS, PROBES_ACCESS: 'protected' });

    for (const handler of ['sendSms', 'sendWhatsapp', 'listOwn', 'live', 'listGroups'] as const) {
      expect(protectedProbes.canActivate(httpContext(Routes, handler, withKey(ADMIN_KEY)))).toBe(true);
    }
    const hashed = withKey(HASHED_KEY);
    expect(guard(KEYS).canActivate(httpContext(Routes, 'listGroups', hashed))).toBe(true);
    expect(hashed.apiKeyName).toBe('vault');
  });

  it('lets any known key through an @AnyKey route', () => {
    expect(guard(KEYS).canActivate(httpContext(Routes, 'listOwn', withKey(HASHED_KEY)))).toBe(true);
  });

  it('asks for * on a route that declares no scope', () => {
    const refused = refusal(() =>
      guard(KEYS).canActivate(httpContext(Undeclared, 'route', withKey(SMS_KEY))),
    );

    expect(refused.detail).toBe('The key "texter" lacks the scope "*" this route needs.');
    expect(guard(KEYS).canActivate(httpContext(Undeclared, 'route', withKey(ADMIN_KEY)))).toBe(true);
  });

  it.each([
    ['no X-API-Key header', {}, 'Send your API key in the X-API-Key header.'],
    ['an empty X-API-Key', { 'x-api-key': '' }, 'Send your API key in the X-API-Key header.'],
    ['the header twice', { 'x-api-key': [SMS_KEY, SMS_KEY] }, 'Send your API key in the X-API-Key header.'],
    ['an unknown key', { 'x-api-key': 'not-a-key-0123456789' }, 'The X-API-Key is not a known key.'],
    ['the digest instead of the key', { 'x-api-key': digest }, 'The X-API-Key is not a known key.'],
  ])('answers %s 401 UNAUTHENTICATED', (_label, headers, detail) => {
    const request = fakeRequest({ headers });

    const refused = refusal(() => guard(KEYS).canActivate(httpContext(Routes, 'sendSms', request)));

    expect([refused.code, refused.detail]).toEqual(['UNAUTHENTICATED', detail]);
    expect(request.apiKeyName).toBeUndefined();
  });

  it('lets probes through without a key while they are open, and asks for one when protected', () => {
    expect(guard(KEYS).canActivate(httpContext(Routes, 'live', fakeRequest()))).toBe(true);

    const refused = refusal(() =>
      guard({ ...KEYS, PROBES_ACCESS: 'protected' }).canActivate(httpContext(Routes, 'live', fakeRequest())),
    );
    expect(refused.code).toBe('UNAUTHENTICATED');
  });

  it('asks for nothing when the gateway runs without keys', () => {
    const request = fakeRequest();

    expect(guard({}).canActivate(httpContext(Undeclared, 'route', request))).toBe(true);
    expect(request.apiKeyName).toBeUndefined();
  });
});
