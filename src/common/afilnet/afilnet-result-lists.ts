import { operation, type OperationName } from './afilnet-operations.js';
import { field, numberOrNull } from './afilnet-result.js';
import { AfilnetTransportError } from './afilnet.errors.js';

/**
 * Readers for Afilnet's list results, whose shape is documented only for `chat.getchatchannels` (an object
 * with `list`); a bare array is accepted too. `undefined` means the result is not a list at all.
 */
export function listOf(result: unknown): unknown[] | undefined {
  const list = Array.isArray(result) ? result : field(result, 'list');
  return Array.isArray(list) ? (list as unknown[]) : undefined;
}

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export interface ResultPage {
  readonly items: unknown[];
  /** How many items there are in all, when Afilnet says (or when it sent them all). */
  readonly total: number | null;
}

/**
 * One page of a list result. The page parameters are inferred, so Afilnet may ignore them and send the
 * whole list: a list longer than a page is then cut here, and its length is the total.
 */
export function pageOf(result: unknown, { page, pageSize }: PageRequest): ResultPage | undefined {
  const list = listOf(result);
  if (list === undefined) return undefined;
  if (list.length > pageSize) {
    return { items: list.slice((page - 1) * pageSize, page * pageSize), total: list.length };
  }
  return { items: list, total: numberOrNull(field(result, 'total')) };
}

/** A positive integer id, given as a number or a numeric string (Afilnet's ids are strings in its examples). */
export function idOrNull(value: unknown): number | null {
  const id = numberOrNull(value);
  return id !== null && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The error for a result the gateway cannot read: Afilnet answered, but not in a shape it knows. */
export function unreadableResult(name: OperationName, what: string): AfilnetTransportError {
  const op = operation(name);
  return new AfilnetTransportError(op.class, op.method, 'bad_response', what);
}
