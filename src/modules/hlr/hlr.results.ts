import { listOf } from '../../common/afilnet/afilnet-result-lists.js';
import { stringOrNull } from '../../common/afilnet/afilnet-result.js';
import type { HlrResultDto } from './dto/hlr-result.dto.js';

/*
 * Afilnet's HLR answer is not documented: these readers take the evident names (`valid`, `network`, `mcc`,
 * `mnc`, `ported`, `roaming`) loosely and keep the entry verbatim in `raw`.
 */

type Entry = Record<string, unknown>;

const TRUE_WORDS: ReadonlySet<string> = new Set(['1', 'true', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['0', 'false', 'no']);

/** A flag given as a boolean, 0/1 or a word; anything else is unknown. */
export function booleanOrNull(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The number an entry is about, under any of the names Afilnet uses for one. */
function numberOf(entry: Entry): string | null {
  return stringOrNull(entry.destination ?? entry.number ?? entry.mobile);
}

function readEntry(number: string, entry: Entry | undefined): HlrResultDto {
  return {
    number,
    valid: booleanOrNull(entry?.valid),
    network: stringOrNull(entry?.network ?? entry?.operator),
    mcc: stringOrNull(entry?.mcc),
    mnc: stringOrNull(entry?.mnc),
    ported: booleanOrNull(entry?.ported),
    roaming: booleanOrNull(entry?.roaming),
    raw: entry ?? null,
  };
}

/**
 * One result per number asked, in that order. Entries are matched by the number they name, else by position
 * when there is one unnamed entry per number; a number Afilnet says nothing about gets nulls. `undefined`
 * when the result is neither a list of entries nor a single entry.
 */
export function readHlrAnswer(numbers: readonly string[], result: unknown): HlrResultDto[] | undefined {
  const entries = listOf(result) ?? (isEntry(result) ? [result] : undefined);
  if (entries === undefined || !entries.every(isEntry)) return undefined;
  const byNumber = new Map(entries.map((entry) => [numberOf(entry), entry]));
  const positional = entries.length === numbers.length && entries.every((entry) => numberOf(entry) === null);
  return numbers.map((number, index) =>
    readEntry(number, byNumber.get(number) ?? (positional ? entries[index] : undefined)),
  );
}
