import type { FastifyRequest } from 'fastify';
import { loggableUrl } from './logging.module.js';

const request = (url: string, route?: string) => ({ url, routeOptions: { url: route } }) as FastifyRequest;

describe('loggableUrl', () => {
  it.each([
    ['/v1/account/balance', '/v1/account/balance', '/v1/account/balance'],
    [
      '/v1/groups/7/contacts?main=ana%40example.com',
      '/v1/groups/:id/contacts',
      '/v1/groups/:id/contacts?main=[REDACTED]',
    ],
    [
      '/v1/sms/status?ids=1,2&api_key=k',
      '/v1/sms/status',
      '/v1/sms/status?ids=[REDACTED]&api_key=[REDACTED]',
    ],
    ['/v1/sms/status?&flag', '/v1/sms/status', '/v1/sms/status?flag=[REDACTED]'],
  ])('logs %s matched as %s as %s', (url, route, logged) => {
    expect(loggableUrl(request(url, route))).toBe(logged);
  });

  it('keeps only plain, short segments and names of a URL that matched no route', () => {
    expect(loggableUrl(request('/v1/billing-key-0123456789abcdef/x?billing-key-0123456789abcdef=1'))).toBe(
      '/v1/[REDACTED]/x?[REDACTED]=[REDACTED]',
    );
    expect(loggableUrl(request('/v1/a%20b/ok'))).toBe('/v1/[REDACTED]/ok');
  });
});
