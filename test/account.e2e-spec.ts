import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { expectValidationFailure } from './support/messaging.js';

const PERSON = { name: 'Ana García López', isCompany: false };
const COMPANY = {
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

describe('account balance over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  it('answers the balance, which goes down as messages are sent', async () => {
    const before = await request(gateway, 'GET', '/v1/account/balance');
    await request(gateway, 'POST', '/v1/otp', { type: 'mobile', destination: '34600000010' });
    const after = await request(gateway, 'GET', '/v1/account/balance');

    expect(before.status).toBe(200);
    expect(before.body).toEqual({ credits: 100 });
    expect(after.body).toEqual({ credits: 99 });
  });

  it('calls user.getbalance once per request, with the credentials in the POST body', async () => {
    const calls = gateway.sandbox!.callCount('user', 'getbalance');

    await request(gateway, 'GET', '/v1/account/balance');

    expect(gateway.sandbox!.callCount('user', 'getbalance')).toBe(calls + 1);
    expect(gateway.sandbox!.requests.at(-1)).toMatchObject({
      httpMethod: 'POST',
      class: 'user',
      method: 'getbalance',
      credentialsInQuery: false,
    });
  });
});

describe('account addresses over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  const addressCalls = () => gateway.sandbox!.callCount('user', 'addaddress');

  it('adds a person and a company, lists them in the sandbox, and forgets them on reset', async () => {
    const person = await request(gateway, 'POST', '/v1/account/addresses', PERSON);
    const company = await request(gateway, 'POST', '/v1/account/addresses', COMPANY);

    expect([person.status, person.body]).toEqual([201, { id: 1, raw: null }]);
    expect([company.status, company.body]).toEqual([201, { id: 2, raw: null }]);
    const listed = await request(gateway, 'GET', '/v1/sandbox/addresses');
    expect([listed.status, listed.body]).toEqual([
      200,
      [
        {
          id: 1,
          name: 'Ana García López',
          isCompany: false,
          companyName: null,
          documentId: null,
          countryCode: null,
          cityId: null,
          cityName: null,
          zipCode: null,
          address: null,
          createdAt: expect.any(String),
        },
        {
          ...COMPANY,
          id: 2,
          // The gateway sends the country in lower case, as Afilnet's subaccount page writes it.
          countryCode: 'es',
          createdAt: expect.any(String),
        },
      ],
    ]);

    const reset = await fetch(`${gateway.url}/v1/sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect((await request(gateway, 'GET', '/v1/sandbox/addresses')).body).toEqual([]);
  });

  it('adds the address once for a retried Idempotency-Key, answering the first result again', async () => {
    const headers = { 'Idempotency-Key': 'address-ana-1' };

    const first = await request(gateway, 'POST', '/v1/account/addresses', PERSON, headers);
    const calls = addressCalls();
    const retry = await request(gateway, 'POST', '/v1/account/addresses', PERSON, headers);
    const other = await request(gateway, 'POST', '/v1/account/addresses', COMPANY, headers);

    expect([first.status, retry.status, retry.body]).toEqual([201, 201, first.body]);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(addressCalls()).toBe(calls);
    expect(gateway.sandbox!.state.addresses()).toHaveLength(1);
  });

  it.each([
    ['companyName for a person', { ...PERSON, companyName: 'Example S.L.' }, 'companyName'],
    ['companyName without isCompany', { name: 'Ana', companyName: 'Example S.L.' }, 'isCompany'],
    ['isCompany true without companyName', { ...COMPANY, companyName: undefined }, 'companyName'],
    ['isCompany true with a null companyName', { ...COMPANY, companyName: null }, 'companyName'],
    ['isCompany as 0', { ...PERSON, isCompany: 0 }, 'isCompany'],
    ['no name', { isCompany: false }, 'name'],
    ['a blank name', { ...PERSON, name: ' ' }, 'name'],
    ['a dialling code as the country', { ...PERSON, countryCode: '34' }, 'countryCode'],
    ['an unknown country', { ...PERSON, countryCode: 'XX' }, 'countryCode'],
    ['a postcode too long', { ...PERSON, zipCode: '12345678901' }, 'zipCode'],
    ['a city id of 0', { ...PERSON, cityId: 0 }, 'cityId'],
    ['an address on two lines', { ...PERSON, address: 'Calle Mayor 1\n2º B' }, 'address'],
    ['an unknown field', { ...PERSON, street: 'Calle Mayor 1' }, 'street'],
  ])('refuses %s with 400 before calling Afilnet', async (_label, body, field) => {
    const calls = addressCalls();

    const response = await request(gateway, 'POST', '/v1/account/addresses', body);

    expectValidationFailure(response, field);
    expect(addressCalls()).toBe(calls);
  });

  it('says clearly why a company name is refused', async () => {
    const response = await request(gateway, 'POST', '/v1/account/addresses', {
      ...PERSON,
      companyName: 'Example S.L.',
    });

    expect(response.body.errors).toEqual([
      {
        field: 'companyName',
        message: 'companyName must be left out when isCompany is false: a person has no company name',
      },
    ]);
  });
});

describe('account addresses with API keys (sandbox)', () => {
  const ACCOUNT_KEY = 'account-key-0123456789';
  const SMS_KEY = 'sms-only-key-0123456789';
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_API_KEYS: `account:${ACCOUNT_KEY}:user,sms:${SMS_KEY}:sms` });
  });

  afterAll(() => gateway.close());

  it('needs the user scope', async () => {
    const calls = gateway.sandbox!.callCount('user', 'addaddress');

    const refused = await request(gateway, 'POST', '/v1/account/addresses', PERSON, { 'X-API-Key': SMS_KEY });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(gateway.sandbox!.callCount('user', 'addaddress')).toBe(calls);

    const allowed = await request(gateway, 'POST', '/v1/account/addresses', PERSON, {
      'X-API-Key': ACCOUNT_KEY,
    });
    expect(allowed.status).toBe(201);
  });
});
