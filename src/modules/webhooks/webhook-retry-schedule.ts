const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * The wait before each retry, after the first attempt (made as soon as the event is queued). Svix's schedule —
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h — with steps in between, so that the default `WEBHOOK_MAX_ATTEMPTS` of 12
 * spreads over about a day (21 h 53 min from the first attempt to the last) rather than the three days Svix's
 * steps alone would take; every further retry waits the last step, 10 h.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND_MS,
  30 * SECOND_MS,
  2 * MINUTE_MS,
  5 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  1 * HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  5 * HOUR_MS,
  10 * HOUR_MS,
];

/** How long to wait after the `attempt`-th attempt (1 for the first) failed. */
export function retryDelayMs(attempt: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1];
}

/** What follows a failed attempt: another one later, or none when `maxAttempts` have been made. */
export function afterFailure(
  attempt: number,
  maxAttempts: number,
  now: number,
): { readonly outcome: 'retry'; readonly nextAttemptAt: number } | { readonly outcome: 'failed' } {
  return attempt >= maxAttempts
    ? { outcome: 'failed' }
    : { outcome: 'retry', nextAttemptAt: now + retryDelayMs(attempt) };
}
