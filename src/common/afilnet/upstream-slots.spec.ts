import { SlotUnavailableError, UpstreamSlots } from './upstream-slots.js';

const never = new AbortController().signal;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as SlotUnavailableError).reason;
  }
  throw new Error('expected the slot to be refused');
}

describe('UpstreamSlots', () => {
  it('gives slots at once up to its capacity, then hands each freed slot to the longest waiter', async () => {
    const slots = new UpstreamSlots(2, 10);
    const first = await slots.acquire(1000, never);
    await slots.acquire(1000, never);
    const order: string[] = [];
    const a = slots.acquire(1000, never).then((release) => (order.push('a'), release));
    const b = slots.acquire(1000, never).then((release) => (order.push('b'), release));

    expect(slots.usage).toEqual({ active: 2, waiting: 2 });
    first();
    first(); // a second release of the same slot changes nothing
    (await a)();
    await b;

    expect(order).toEqual(['a', 'b']);
    expect(slots.usage).toEqual({ active: 2, waiting: 0 });
  });

  it('refuses at once when the queue is full', async () => {
    const slots = new UpstreamSlots(1, 1);
    await slots.acquire(1000, never);
    const waiting = slots.acquire(1000, never);

    expect(await refusal(slots.acquire(1000, never))).toBe('queue_full');
    expect(slots.usage).toEqual({ active: 1, waiting: 1 });
    void waiting.catch(() => undefined);
  });

  it('refuses a call whose wait budget is spent, and one whose deadline aborts, and forgets both', async () => {
    const slots = new UpstreamSlots(1, 10);
    const release = await slots.acquire(1000, never);
    const deadline = new AbortController();

    const spent = refusal(slots.acquire(0, never));
    const timedOut = refusal(slots.acquire(20, never));
    const aborted = refusal(slots.acquire(60_000, deadline.signal));
    deadline.abort();

    expect(await Promise.all([spent, timedOut, aborted])).toEqual([
      'waited_too_long',
      'waited_too_long',
      'waited_too_long',
    ]);
    expect(slots.usage).toEqual({ active: 1, waiting: 0 });
    release();
    expect(slots.usage).toEqual({ active: 0, waiting: 0 });
  });
});
