/** Why a call was not given a connection: nothing of it was sent. */
export type SlotRefusal = 'queue_full' | 'waited_too_long';

export class SlotUnavailableError extends Error {
  override readonly name = 'SlotUnavailableError';

  constructor(readonly reason: SlotRefusal) {
    super(
      reason === 'queue_full'
        ? 'too many calls are waiting for a connection'
        : 'no connection freed up in time',
    );
  }
}

/** Gives the slot back; safe to call more than once. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant(release: ReleaseSlot): void;
  refuse(reason: SlotRefusal): void;
}

/**
 * The connections to Afilnet as slots: at most `capacity` calls on the wire (the connection pool holds as many
 * connections), at most `maxQueued` waiting for one, in arrival order. A waiting call gives up when its wait
 * budget runs out or its deadline's signal aborts, so a call is never started after waiting out its time — a send
 * dispatched at its deadline would reach Afilnet while its caller is told it timed out.
 */
export class UpstreamSlots {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly capacity: number,
    readonly maxQueued: number,
  ) {}

  /** Calls on the wire and calls waiting, for the readiness details and tests. */
  get usage(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Resolves with the slot's release once one is free; rejects with `SlotUnavailableError` otherwise. */
  acquire(maxWaitMs: number, signal: AbortSignal): Promise<ReleaseSlot> {
    if (this.active < this.capacity && this.waiting.length === 0) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxQueued || maxWaitMs <= 0 || signal.aborted) {
      const reason = this.waiting.length >= this.maxQueued ? 'queue_full' : 'waited_too_long';
      return Promise.reject(new SlotUnavailableError(reason));
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
      };
      const waiter: Waiter = {
        grant: (release) => {
          leave();
          resolve(release);
        },
        refuse: (reason) => {
          leave();
          reject(new SlotUnavailableError(reason));
        },
      };
      const onAbort = () => waiter.refuse('waited_too_long');
      const timer = setTimeout(onAbort, maxWaitMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting[0];
      // The slot passes straight to the longest waiter; only when none waits is it freed.
      if (next === undefined) this.active -= 1;
      else next.grant(this.releaser());
    };
  }
}
