import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AddAddressDto } from './add-address.dto.js';

function problems(plain: object): { field: string; message: string }[] {
  return validateSync(plainToInstance(AddAddressDto, plain)).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => ({ field: error.property, message })),
  );
}

describe('AddAddressDto', () => {
  const person = { name: 'Ana García López', isCompany: false };
  const company = {
    name: 'Luis Pérez',
    isCompany: true,
    companyName: 'Example Trading S.L.',
    documentId: 'B12345678',
    countryCode: 'ES',
    cityId: 1,
    cityName: 'Madrid',
    zipCode: '28013',
    address: 'Calle Mayor 1, 2º B',
  };

  it.each([
    ['a person with only the compulsory fields', person],
    ['a company with every field', company],
    [
      'a person whose optional fields are null',
      { ...person, companyName: null, documentId: null, cityId: null },
    ],
    ['a lower-case country code', { ...person, countryCode: 'pt' }],
    ['a British postcode', { ...person, zipCode: 'SW1A 1AA' }],
    ['a Polish postcode', { ...person, zipCode: '00-950' }],
    ['a document id with separators', { ...person, documentId: 'X-1234567-L' }],
    ['names of the longest lengths', { ...company, name: 'n'.repeat(100), address: 'a'.repeat(200) }],
  ])('accepts %s', (_label, plain) => {
    expect(problems(plain)).toEqual([]);
  });

  it.each([
    [
      'a company name for a person',
      { ...person, companyName: 'Example S.L.' },
      'companyName',
      'must be left out when isCompany is false',
    ],
    [
      'a company without its name',
      { ...company, companyName: undefined },
      'companyName',
      'is required when isCompany is true',
    ],
    ['a company whose name is null', { ...company, companyName: null }, 'companyName', 'is required'],
    ['a blank company name', { ...company, companyName: '  ' }, 'companyName', 'one line of text, not blank'],
    [
      'a company name of 101 characters',
      { ...company, companyName: 'c'.repeat(101) },
      'companyName',
      'at most 100',
    ],
    ['a company name that is a number', { ...company, companyName: 7 }, 'companyName', 'must be a string'],
    ['no isCompany', { name: 'Ana' }, 'isCompany', 'boolean'],
    ['isCompany as 1', { ...person, isCompany: 1 }, 'isCompany', 'boolean'],
    ['isCompany as "true"', { ...person, isCompany: 'true' }, 'isCompany', 'boolean'],
    ['no name', { isCompany: false }, 'name', 'must be a string'],
    ['an empty name', { ...person, name: '' }, 'name', 'not blank'],
    ['a name on two lines', { ...person, name: 'Ana\nGarcía' }, 'name', 'one line'],
    ['a name of 101 characters', { ...person, name: 'n'.repeat(101) }, 'name', 'at most 100'],
    [
      'a dialling code as the country',
      { ...person, countryCode: '34' },
      'countryCode',
      'not a dialling code',
    ],
    ['an alpha-3 country code', { ...person, countryCode: 'ESP' }, 'countryCode', 'ISO 3166-1 alpha-2'],
    ['a country code that names no country', { ...person, countryCode: 'XX' }, 'countryCode', 'ISO 3166-1'],
    ['a document id with a comma', { ...person, documentId: '123,456' }, 'documentId', 'letters and digits'],
    ['a document id of 31 characters', { ...person, documentId: '1'.repeat(31) }, 'documentId', '1 to 30'],
    ['a document id ending in a space', { ...person, documentId: 'B1234 ' }, 'documentId', 'between them'],
    ['a one-character postcode', { ...person, zipCode: '1' }, 'zipCode', '2 to 10'],
    ['a postcode of 11 characters', { ...person, zipCode: '12345678901' }, 'zipCode', '2 to 10'],
    ['a postcode as a number', { ...person, zipCode: 28013 }, 'zipCode', '2 to 10'],
    ['city 0', { ...person, cityId: 0 }, 'cityId', 'not be less than 1'],
    ['a fractional city id', { ...person, cityId: 1.5 }, 'cityId', 'integer'],
    ['a city id as text', { ...person, cityId: '1' }, 'cityId', 'integer'],
    ['a blank city name', { ...person, cityName: ' ' }, 'cityName', 'not blank'],
    ['an address of 201 characters', { ...person, address: 'a'.repeat(201) }, 'address', 'at most 200'],
    ['an address on two lines', { ...person, address: 'Calle Mayor 1\r\n2º B' }, 'address', 'one line'],
  ])('refuses %s', (_label, plain, field, fragment) => {
    expect(problems(plain)).toContainEqual({ field, message: expect.stringContaining(fragment) });
  });

  it('reports a missing isCompany once, not again as a company-name problem', () => {
    expect(problems({ name: 'Ana', companyName: 'Example S.L.' }).map((problem) => problem.field)).toEqual([
      'isCompany',
    ]);
  });
});
