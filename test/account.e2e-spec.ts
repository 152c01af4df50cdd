import { request, startGateway, type RunningGateway } from './support/gateway.js';

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
