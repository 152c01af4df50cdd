import type { ScriptedUpstream } from './scripted-upstream.js';

/** The Afilnet account the live-mode suites configure (and expect in every form sent upstream). */
export const LIVE_ACCOUNT = { AFILNET_USER: 'ops@example.com', AFILNET_PASSWORD: 'correct horse' };

/**
 * Exactly one call reached the upstream: a form POST to the endpoint carrying the account's credentials and
 * exactly `expected` (class, method and the operation's fields), nothing in the URL.
 */
export function expectOneFormPost(upstream: ScriptedUpstream, expected: Record<string, string>): void {
  expect(upstream.received).toHaveLength(1);
  const [sent] = upstream.received;
  expect([sent.method, sent.url, sent.contentType]).toEqual([
    'POST',
    '/api/http/',
    'application/x-www-form-urlencoded',
  ]);
  expect(Object.fromEntries(sent.form)).toEqual({
    ...expected,
    user: LIVE_ACCOUNT.AFILNET_USER,
    password: LIVE_ACCOUNT.AFILNET_PASSWORD,
  });
}
