import { RequestValidationError } from '../common/errors/request-validation.error.js';
import { isId, type IdKind } from './ids.js';

/** One page of a list, newest first; `nextCursor` asks for the next one, and is null on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** The most items one page holds (API.md §2). */
export const MAX_PAGE_LIMIT = 200;

/**
 * A cursor that is not one this gateway handed out: the request is at fault — answered 400 `VALIDATION_FAILED` on
 * `cursor` by the problem filter, whichever list it was.
 */
export class InvalidCursorError extends RequestValidationError {
  constructor() {
    super([{ field: 'cursor', message: 'cursor must be a nextCursor this route answered' }]);
  }
}

/**
 * Cursors are opaque to callers: the base64url of the last id of the page (ids are time-ordered, so "after
 * this id" is the rest of the list, whatever was added since).
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** The id inside a cursor of `kind`; throws `InvalidCursorError` for anything else. */
export function decodeCursor(kind: IdKind, cursor: string): string {
  const id = /^[A-Za-z0-9_-]{1,100}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!isId(kind, id)) throw new InvalidCursorError();
  return id;
}

/** Clamps a requested page size to 1…`MAX_PAGE_LIMIT`. */
export function pageLimit(limit: number): number {
  return Math.min(Math.max(Math.trunc(limit), 1), MAX_PAGE_LIMIT);
}

/** Builds a page from up to `limit + 1` rows read newest first: the extra row only says there is more. */
export function toPage<T extends { readonly id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}
