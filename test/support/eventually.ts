/** How long `eventually` keeps trying, and how often. */
export interface EventuallyOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * Polls `check` until it neither throws (its `expect`s hold) nor returns `false`, and answers what it returned:
 * for waiting until something has happened (a log line written, a request held upstream, a process gone) — never
 * a fixed sleep. Past the deadline it fails with the last failure, so a test that waits in vain fails clearly.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 10 }: EventuallyOptions = {},
): Promise<Exclude<T, false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      failure = new Error('the condition still does not hold');
    } catch (error) {
      failure = error;
    }
    if (Date.now() >= deadline) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      throw new Error(`still not true after ${timeoutMs} ms: ${reason}`, { cause: failure });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
