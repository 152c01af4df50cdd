/** Rows per multi-row statement: well under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
export const INSERT_CHUNK_ROWS = 500;

/** `items` in consecutive slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
