/** `count` distinct mobile numbers, from the `from`-th on. */
export function numbers(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, index) => `34600${String(from + index).padStart(6, '0')}`);
}

/** A `POST /v1/batches` body: one SMS to each destination, each its own text. */
export function smsBatch(destinations: readonly string[]) {
  return {
    channel: 'sms',
    from: 'Shop',
    recipients: destinations.map((to) => ({ to, text: `Hello ${to}` })),
  };
}
