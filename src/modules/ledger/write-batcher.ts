interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: what callers submit in the same turn of the event loop is written by one `write` call — one
 * transaction, a few multi-row statements — and each caller's promise settles once that write has committed, with
 * its own output (the write answers one output per item, in order). Concurrent sends then share the cost of a
 * transaction instead of paying one each; no caller is answered before its row is in the database.
 */
export class WriteBatcher<I, O> {
  private pending: Pending<I, O>[] = [];
  private scheduled = false;

  constructor(private readonly write: (items: readonly I[]) => Promise<readonly O[]>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      const outputs = await this.write(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(outputs[index]));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
