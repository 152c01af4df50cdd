import { readCountries } from './countries.results.js';

describe('readCountries', () => {
  it("reads the simulator's entries", () => {
    expect(readCountries([{ iso: 'ES', name: 'Spain', prefix: '34', price: 1 }])).toEqual([
      { code: 'ES', name: 'Spain', dialCode: '34', price: 1 },
    ]);
  });

  it('tells an ISO countrycode from a dialling countrycode by its form', () => {
    expect(
      readCountries({
        list: [
          { countrycode: 'pt', name: 'Portugal', phonecode: '+351', price: '0.05' },
          { code: 'FR', name: 'France', countrycode: 33 },
        ],
      }),
    ).toEqual([
      { code: 'PT', name: 'Portugal', dialCode: '351', price: 0.05 },
      { code: 'FR', name: 'France', dialCode: '33', price: null },
    ]);
  });

  it('leaves what it cannot find null', () => {
    expect(readCountries([{ name: 'Atlantis', iso: 'ATL', prefix: '00000' }])).toEqual([
      { code: null, name: 'Atlantis', dialCode: null, price: null },
    ]);
  });

  it.each([[{ countries: [] }], [['ES']], ['ES,FR']])('refuses %p', (result) => {
    expect(readCountries(result)).toBeUndefined();
  });
});
