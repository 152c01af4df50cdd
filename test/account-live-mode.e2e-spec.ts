import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { expectOneFormPost, LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

describe('live mode: POST /v1/account/addresses sends user.addaddress with exactly its fields', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_TIMEOUT_MS: '500',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
  });

  function answer(result: unknown): void {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result }));
  }

  it.each([
    [
      'a person: only the compulsory fields, iscompany 0',
      { name: 'Ana García López', isCompany: false },
      { class: 'user', method: 'addaddress', namelastname: 'Ana García López', iscompany: '0' },
    ],
    [
      'a company with every address field, the country in lower case',
      {
        name: 'Luis Pérez',
        isCompany: true,
        companyName: 'Example Trading S.L.',
        documentId: 'B12345678',
        countryCode: 'ES',
        cityId: 28079,
        cityName: 'Madrid',
        zipCode: '28013',
        address: 'Calle Mayor 1, 2º B',
      },
      {
        class: 'user',
        method: 'addaddress',
        namelastname: 'Luis Pérez',
        iscompany: '1',
        companyname: 'Example Trading S.L.',
        documentid: 'B12345678',
        countrycode: 'es',
        cityid: '28079',
        cityname: 'Madrid',
        zipcode: '28013',
        address: 'Calle Mayor 1, 2º B',
      },
    ],
    [
      'a person whose optional fields are null: none of them sent',
      { name: 'Eva', isCompany: false, companyName: null, countryCode: null, cityId: null, zipCode: '1010' },
      { class: 'user', method: 'addaddress', namelastname: 'Eva', iscompany: '0', zipcode: '1010' },
    ],
  ])('%s', async (_label, body, expected) => {
    answer({ id: '5' });

    const response = await request(gateway, 'POST', '/v1/account/addresses', body);

    expect([response.status, response.body]).toEqual([201, { id: 5, raw: null }]);
    expectOneFormPost(upstream, expected);
  });

  it.each([
    ['no result', null, { id: null, raw: null }],
    ['a bare id', '12', { id: 12, raw: null }],
    ['idaddress', { idaddress: 13 }, { id: 13, raw: null }],
    [
      'an id with more',
      { idaddress: '14', status: 'pending' },
      { id: 14, raw: { idaddress: '14', status: 'pending' } },
    ],
    ['a word', 'OK', { id: null, raw: 'OK' }],
  ])("answers 201 with what Afilnet's result holds: %s", async (_label, result, expected) => {
    answer(result);

    const response = await request(gateway, 'POST', '/v1/account/addresses', {
      name: 'Ana',
      isCompany: false,
    });

    expect([response.status, response.body]).toEqual([201, expected]);
  });

  it.each([
    ['MISSING_COMPULSORY_PARAM', 400, 'MISSING_COMPULSORY_PARAM'],
    ['INCORRECT_USER_PASSWORD', 502, 'UPSTREAM_AUTH_FAILED'],
    ['INCORRECT_METHOD', 502, 'UPSTREAM_CONTRACT_ERROR'],
    ['INVALID_ADDRESS', 502, 'UPSTREAM_ERROR'],
  ])('surfaces Afilnet %s as %i %s', async (afilnetCode, status, code) => {
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: afilnetCode }));

    const response = await request(gateway, 'POST', '/v1/account/addresses', {
      name: 'Ana',
      isCompany: false,
    });

    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.upstream).toEqual({ class: 'user', method: 'addaddress', error: afilnetCode });
    expect(JSON.stringify(response.body)).not.toContain(LIVE_ACCOUNT.AFILNET_PASSWORD);
  });

  it('sends nothing when the company name does not go with isCompany', async () => {
    const person = await request(gateway, 'POST', '/v1/account/addresses', {
      name: 'Ana',
      isCompany: false,
      companyName: 'Example S.L.',
    });
    const company = await request(gateway, 'POST', '/v1/account/addresses', { name: 'Ana', isCompany: true });

    expect([person.status, company.status]).toEqual([400, 400]);
    expect(upstream.received).toEqual([]);
  });
});
