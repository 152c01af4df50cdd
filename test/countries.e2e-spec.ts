import type * as ClockModule from '../src/common/clock/clock.js';
import { built } from './support/built.js';
import { request, startGateway } from './support/gateway.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');

describe('the country list over HTTP against the sandbox', () => {
  it('is the real list, fetched once and then served from memory with Cache-Control', async () => {
    const gateway = await startGateway({ COUNTRIES_CACHE_TTL_SECONDS: '3600' });
    try {
      const first = await request(gateway, 'GET', '/v1/countries');
      const second = await request(gateway, 'GET', '/v1/countries');

      expect(first.status).toBe(200);
      expect(first.body).toContainEqual({ code: 'ES', name: 'Spain', dialCode: '34', price: 1 });
      expect(first.body).toContainEqual({ code: 'AQ', name: 'Antarctica', dialCode: '672', price: null });
      expect(first.body.length).toBeGreaterThan(240);
      expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('cache-control')).toMatch(/^public, max-age=(3599|3600)$/);
      expect(gateway.sandbox!.callCount('country', 'getcountries')).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('shares one upstream call between requests that arrive together', async () => {
    const gateway = await startGateway();
    try {
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => request(gateway, 'GET', '/v1/countries')),
      );

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect(gateway.sandbox!.callCount('country', 'getcountries')).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('asks Afilnet again once the TTL has passed on the gateway’s clock', async () => {
    const clock = new ManualClock(Date.now());
    const gateway = await startGateway({ COUNTRIES_CACHE_TTL_SECONDS: '60' }, { clock });
    try {
      await request(gateway, 'GET', '/v1/countries');
      clock.advance(59_000);
      const cached = await request(gateway, 'GET', '/v1/countries');
      expect(gateway.sandbox!.callCount('country', 'getcountries')).toBe(1);

      clock.advance(1_000);
      const later = await request(gateway, 'GET', '/v1/countries');

      expect(cached.headers.get('cache-control')).toBe('public, max-age=1');
      expect(later.headers.get('cache-control')).toBe('public, max-age=60');
      expect(gateway.sandbox!.callCount('country', 'getcountries')).toBe(2);
    } finally {
      await gateway.close();
    }
  });

  it('asks Afilnet every time when the cache is off (TTL 0), and says max-age=0', async () => {
    const gateway = await startGateway({ COUNTRIES_CACHE_TTL_SECONDS: '0' });
    try {
      const first = await request(gateway, 'GET', '/v1/countries');
      await request(gateway, 'GET', '/v1/countries');

      expect(first.headers.get('cache-control')).toBe('public, max-age=0');
      expect(gateway.sandbox!.callCount('country', 'getcountries')).toBe(2);
    } finally {
      await gateway.close();
    }
  });
});
