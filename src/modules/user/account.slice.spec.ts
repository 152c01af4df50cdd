import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { UserModule } from './user.module.js';

describe('account controller (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [UserModule] });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('answers the balance, given as a bare number or a {balance} object', async () => {
    slice.afilnet.answers('user.balance', '12.5');
    slice.afilnet.answers('user.balance', { balance: 3 });

    const bare = await slice.request('GET', '/v1/account/balance');
    const wrapped = await slice.request('GET', '/v1/account/balance');

    expect([bare.status, bare.body, wrapped.body]).toEqual([200, { credits: 12.5 }, { credits: 3 }]);
    expect(slice.afilnet.calls).toEqual([
      { operation: 'user.balance', params: {} },
      { operation: 'user.balance', params: {} },
    ]);
  });

  it('answers a balance that is not a number 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.afilnet.answers('user.balance', { credits: 'many' });

    expectProblem(await slice.request('GET', '/v1/account/balance'), 502, 'UPSTREAM_BAD_RESPONSE');
  });

  it('answers rejected credentials 502 UPSTREAM_AUTH_FAILED, never naming them', async () => {
    slice.afilnet.rejects('user.balance', 'INCORRECT_USER_PASSWORD');

    const failed = await slice.request('GET', '/v1/account/balance');

    expectProblem(failed, 502, 'UPSTREAM_AUTH_FAILED');
    expect(failed.body.upstream).toEqual({
      class: 'user',
      method: 'getbalance',
      error: 'INCORRECT_USER_PASSWORD',
    });
  });

  it('adds a company address: iscompany as 0/1, the country in lower case', async () => {
    slice.afilnet.answers('user.addAddress', { idaddress: '15' });

    const added = await slice.request('POST', '/v1/account/addresses', {
      name: 'Ana García',
      isCompany: true,
      companyName: 'Tiendas SL',
      countryCode: 'ES',
      zipCode: '28001',
      cityId: null,
    });

    expect([added.status, added.body]).toEqual([201, { id: 15, raw: null }]);
    expect(slice.afilnet.callsOf('user.addAddress')).toEqual([
      // null is passed on as given: the door to Afilnet sends neither null nor undefined.
      {
        name: 'Ana García',
        isCompany: 1,
        companyName: 'Tiendas SL',
        countryCode: 'es',
        zipCode: '28001',
        cityId: null,
      },
    ]);
  });

  it('keeps an unexpected result verbatim under raw', async () => {
    slice.afilnet.answers('user.addAddress', { status: 'queued' });

    const added = await slice.request('POST', '/v1/account/addresses', { name: 'Ana', isCompany: false });

    expect(added.body).toEqual({ id: null, raw: { status: 'queued' } });
    expect(slice.afilnet.callsOf('user.addAddress')).toEqual([{ name: 'Ana', isCompany: 0 }]);
  });

  it('refuses a person with a company name, a dialling code as country and a two-line address', async () => {
    const refused = await slice.request('POST', '/v1/account/addresses', {
      name: 'Ana',
      isCompany: false,
      companyName: 'Tiendas SL',
      countryCode: '34',
      address: 'Calle Mayor 1\nMadrid',
    });

    expectInvalid(slice, refused, ['companyName', 'countryCode', 'address']);
  });
});
