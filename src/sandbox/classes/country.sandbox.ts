import { countries, type TContinentCode } from 'countries-list';
import type { SandboxClass } from '../sandbox.types.js';

/**
 * Illustrative SMS prices in credits by continent, so the list shows prices and a missing one: Antarctica
 * has none. The simulator's sends charge per message whatever the country.
 */
const PRICE_BY_CONTINENT: Readonly<Partial<Record<TContinentCode, number>>> = {
  EU: 1,
  NA: 1,
  SA: 1.5,
  AS: 1.5,
  AF: 2,
  OC: 2,
};

/** The real ISO 3166 list (names and calling codes from `countries-list`), built once. */
const COUNTRY_LIST = Object.entries(countries)
  .map(([iso, country]) => ({
    iso,
    name: country.name,
    prefix: String(country.phone[0]),
    price: PRICE_BY_CONTINENT[country.continent] ?? null,
  }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

export const countrySandbox: SandboxClass = {
  getcountries: { required: [], handle: () => ({ result: COUNTRY_LIST }) },
};
