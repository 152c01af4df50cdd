import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import Fastify from 'fastify';
import { fakeRequest, httpContext } from '../../../test/unit/execution-context.js';
import { buildConfiguration, type GatewayConfig } from '../../config/configuration.js';
import { ManualClock } from '../clock/clock.js';
import { GatewayError } from '../errors/gateway.error.js';
import { AnyKey, Probe } from '../policies/policy.decorators.js';
import { ApiKeyRegistry } from './api-key.registry.js';
import { AuthFailureGuard } from './auth-failure.guard.js';
import { AuthFailures, MemoryAuthFailures } from './auth-failures.js';
import { authFailuresPlugin } from './auth-failures.plugin.js';

class Routes {
  @AnyKey()
  api(): void {}

  @Probe()
  live(): void {}
}

const KEYS = { GATEWAY_API_KEYS: 'ops:ops-key-0123456789abcdef' };

/** Counts that cannot be read, as when Redis is away. */
class UnreadableFailures extends AuthFailures {
  blockedFor(): Promise<number> {
    return Promise.reject(new GatewayError('STATE_STORE_UNAVAILABLE', 'away', 2));
  }

  count(): Promise<void> {
    return Promise.reject(new Error('away'));
  }
}

function guard(failures: AuthFailures, env: Record<string, string>): AuthFailureGuard {
  const config = new ConfigService<GatewayConfig, true>(buildConfiguration(env));
  return new AuthFailureGuard(failures, new Reflector(), new ApiKeyRegistry(config), config);
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('AuthFailureGuard', () => {
  const clock = new ManualClock();
  const request = fakeRequest({ ip: '203.0.113.7' });

  it('refuses an address with too many failures with 429 and the seconds left, before any key is read', async () => {
    const failures = new MemoryAuthFailures(2, clock);
    const limited = guard(failures, { ...KEYS, AUTH_FAILURES_PER_MINUTE: '2' });
    await failures.count('203.0.113.7');
    expect(await limited.canActivate(httpContext(Routes, 'api', request))).toBe(true);

    await failures.count('203.0.113.7');
    clock.advance(30_500);
    const refused = await refusal(limited.canActivate(httpContext(Routes, 'api', request)));

    expect([refused.code, refused.retryAfterSeconds]).toEqual(['TOO_MANY_AUTH_FAILURES', 30]);
    expect(await limited.canActivate(httpContext(Routes, 'api', fakeRequest({ ip: '203.0.113.8' })))).toBe(
      true,
    );
  });

  it('never refuses open probes, and lets a protected probe through when the counts cannot be read', async () => {
    const blocked = new MemoryAuthFailures(1, clock);
    await blocked.count('203.0.113.7');
    const unreadable = new UnreadableFailures();

    const open = guard(blocked, KEYS);
    const protectedProbes = guard(unreadable, { ...KEYS, PROBES_ACCESS: 'protected' });

    expect(await open.canActivate(httpContext(Routes, 'live', request))).toBe(true);
    expect(await protectedProbes.canActivate(httpContext(Routes, 'live', request))).toBe(true);
    expect((await refusal(protectedProbes.canActivate(httpContext(Routes, 'api', request)))).code).toBe(
      'STATE_STORE_UNAVAILABLE',
    );
  });

  it('checks nothing without keys, or with the limit off', async () => {
    const unreadable = new UnreadableFailures();

    expect(await guard(unreadable, {}).canActivate(httpContext(Routes, 'api', request))).toBe(true);
    expect(
      await guard(unreadable, { ...KEYS, AUTH_FAILURES_PER_MINUTE: '0' }).canActivate(
        httpContext(Routes, 'api', request),
      ),
    ).toBe(true);
  });
});

describe('authFailuresPlugin', () => {
  it('counts each 401 against the client address before answering, and only 401s; a failed count changes nothing', async () => {
    const counted: string[] = [];
    const failures = new (class extends AuthFailures {
      blockedFor(): Promise<number> {
        return Promise.resolve(0);
      }

      count(address: string): Promise<void> {
        counted.push(address);
        return counted.length === 3 ? Promise.reject(new Error('away')) : Promise.resolve();
      }
    })();
    const app = Fastify();
    await app.register(authFailuresPlugin, { failures });
    app.get('/denied', (_request, reply) => reply.code(401).send({ code: 'UNAUTHENTICATED' }));
    app.get('/fine', () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      const statuses = [];
      for (const path of ['/denied', '/fine', '/denied', '/denied']) {
        statuses.push((await fetch(`${url}${path}`)).status);
      }

      expect(statuses).toEqual([401, 200, 401, 401]);
      expect(counted).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    } finally {
      await app.close();
    }
  });
});
