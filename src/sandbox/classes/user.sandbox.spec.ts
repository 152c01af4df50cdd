import { dispatch } from '../sandbox.dispatcher.js';
import { SandboxState } from '../sandbox.state.js';

const CREDENTIALS = { user: 'u', password: 'p' };
const T0 = Date.parse('2026-11-26T10:00:00.000Z');

function user(state: SandboxState, method: string, params: Record<string, string> = {}) {
  return dispatch({ class: 'user', method, ...CREDENTIALS, ...params }, CREDENTIALS, state);
}

describe('the user simulator', () => {
  let state: SandboxState;

  beforeEach(() => {
    state = new SandboxState({ initialBalance: 100, now: () => T0 });
  });

  it('answers the balance as a bare number', () => {
    expect(user(state, 'getbalance')).toEqual({ result: 100 });
  });

  it('adds a person and a company under new ids, keeping the fields given', () => {
    expect(user(state, 'addaddress', { namelastname: 'Ana García', iscompany: '0' })).toEqual({
      result: { id: '1' },
    });
    expect(
      user(state, 'addaddress', {
        namelastname: 'Luis Pérez',
        iscompany: '1',
        companyname: 'Example S.L.',
        documentid: 'B12345678',
        countrycode: 'es',
        cityid: '1',
        cityname: 'Madrid',
        zipcode: '28013',
        address: 'Calle Mayor 1',
      }),
    ).toEqual({ result: { id: '2' } });

    expect(state.addresses()).toEqual([
      {
        id: '1',
        name: 'Ana García',
        isCompany: false,
        companyName: null,
        documentId: null,
        countryCode: null,
        cityId: null,
        cityName: null,
        zipCode: null,
        address: null,
        createdAt: '2026-11-26T10:00:00.000Z',
      },
      {
        id: '2',
        name: 'Luis Pérez',
        isCompany: true,
        companyName: 'Example S.L.',
        documentId: 'B12345678',
        countryCode: 'es',
        cityId: '1',
        cityName: 'Madrid',
        zipCode: '28013',
        address: 'Calle Mayor 1',
        createdAt: '2026-11-26T10:00:00.000Z',
      },
    ]);
    expect(state.events().map((event) => [event.type, event.detail])).toEqual([
      ['address.added', 'address 2 (company)'],
      ['address.added', 'address 1 (person)'],
    ]);
  });

  it('keeps no company name for a person, and treats empty optional fields as absent', () => {
    user(state, 'addaddress', {
      namelastname: 'Ana',
      iscompany: '0',
      companyname: 'Ignored S.L.',
      zipcode: '',
    });

    expect(state.addresses()[0]).toMatchObject({ companyName: null, zipCode: null });
  });

  it.each([
    ['no namelastname', { iscompany: '0' }],
    ['an empty namelastname', { namelastname: '', iscompany: '0' }],
    ['no iscompany', { namelastname: 'Ana' }],
    ['an iscompany that is not 0 or 1', { namelastname: 'Ana', iscompany: 'yes' }],
    ['a company without companyname', { namelastname: 'Ana', iscompany: '1' }],
    ['a company with an empty companyname', { namelastname: 'Ana', iscompany: '1', companyname: '' }],
  ])('answers MISSING_COMPULSORY_PARAM for %s and keeps nothing', (_label, params) => {
    expect(user(state, 'addaddress', params)).toEqual({ error: 'MISSING_COMPULSORY_PARAM' });
    expect(state.addresses()).toEqual([]);
    expect(state.events()).toEqual([]);
  });
});
