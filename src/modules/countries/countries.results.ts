import { listOf } from '../../common/afilnet/afilnet-result-lists.js';
import { numberOrNull, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import type { CountryDto } from './dto/country.dto.js';

/*
 * getcountries is not documented: an entry's ISO code and dialling code are taken from whichever evident
 * name holds a value of the right form (`countrycode` means an ISO code in subaccount.addsubaccount but a
 * dialling code in the group sends, so the form decides).
 */

const ISO_NAMES = ['iso', 'code', 'countrycode'] as const;
const DIAL_NAMES = ['prefix', 'dialcode', 'phonecode', 'countrycode'] as const;

function firstMatching(
  entry: Record<string, unknown>,
  names: readonly string[],
  form: RegExp,
): string | null {
  for (const name of names) {
    const text = stringOrNull(entry[name])?.trim();
    if (text !== undefined && form.test(text)) return text;
  }
  return null;
}

function readCountry(entry: Record<string, unknown>): CountryDto {
  return {
    code: firstMatching(entry, ISO_NAMES, /^[A-Za-z]{2}$/)?.toUpperCase() ?? null,
    name: stringOrNull(entry.name),
    dialCode: firstMatching(entry, DIAL_NAMES, /^\+?\d{1,4}$/)?.replace('+', '') ?? null,
    price: numberOrNull(entry.price),
  };
}

/** The country list, or `undefined` when the result is not a list of objects. */
export function readCountries(result: unknown): CountryDto[] | undefined {
  const list = listOf(result);
  const isEntry = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  return list?.every(isEntry) ? list.map(readCountry) : undefined;
}
