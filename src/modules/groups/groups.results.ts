import { idOrNull, listOf } from '../../common/afilnet/afilnet-result-lists.js';
import { field, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import type { ContactDto } from './dto/group-responses.dto.js';

/*
 * getfields and getcontacts are inferred methods whose results nobody has seen: these readers accept the
 * evident shapes and answer `undefined` for anything else, which the service reports as a bad response.
 */

/** Keys that identify a contact in a flat entry rather than being one of its fields. */
const CONTACT_ID_KEYS: ReadonlySet<string> = new Set(['idcontact', 'id']);

/** A list of field names, each a string or an object with a `name`. */
export function readFieldNames(result: unknown): string[] | undefined {
  const names = listOf(result)?.map((entry) => stringOrNull(entry) ?? stringOrNull(field(entry, 'name')));
  return names === undefined || names.includes(null) ? undefined : (names as string[]);
}

/**
 * A contact as `{idcontact, fields: {…}}` (the simulator's shape) or flat, its fields beside its id.
 * Values are kept as text; empty ones are left out.
 */
export function readContact(entry: unknown): ContactDto | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const nested = field(entry, 'fields');
  const isNested = typeof nested === 'object' && nested !== null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(isNested ? nested : entry)) {
    const text = stringOrNull(value);
    if (text !== null && (isNested || !CONTACT_ID_KEYS.has(name))) fields[name] = text;
  }
  return { id: idOrNull(field(entry, 'idcontact') ?? field(entry, 'id')), fields };
}

/** What callers sent, as Afilnet stores it: text. */
export function fieldsAsText(fields: Readonly<Record<string, string | number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, String(value)]));
}
