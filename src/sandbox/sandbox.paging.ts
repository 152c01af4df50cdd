import type { SandboxParams } from './sandbox.types.js';

/** A positive decimal integer, or `undefined` for anything else. */
function positive(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
}

/**
 * `page`/`pagesize` as the gateway sends them (Afilnet's paging is not documented): without a usable
 * `pagesize` the whole list is one page.
 */
export function paginate<T>(
  items: readonly T[],
  params: SandboxParams,
): { list: T[]; total: number; page: number; pagesize: number } {
  const page = positive(params.page) ?? 1;
  const pagesize = positive(params.pagesize) ?? Math.max(items.length, 1);
  return { list: items.slice((page - 1) * pagesize, page * pagesize), total: items.length, page, pagesize };
}
