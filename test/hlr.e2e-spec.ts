import { request, startGateway, type RunningGateway } from './support/gateway.js';

describe('HLR lookups over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  it('answers each number in the order asked, the magic endings included, in one upstream call', async () => {
    const calls = gateway.sandbox!.callCount('hlr', 'checkhlr');

    const response = await request(gateway, 'POST', '/v1/hlr', {
      numbers: ['34600000404', '34600000301', '34600000307', '34600000000'],
    });

    expect(response.status).toBe(200);
    expect(gateway.sandbox!.callCount('hlr', 'checkhlr')).toBe(calls + 1);
    const [invalid, ported, roaming, plain] = response.body;
    expect(invalid).toEqual({
      number: '34600000404',
      valid: false,
      network: null,
      mcc: null,
      mnc: null,
      ported: false,
      roaming: false,
      raw: expect.objectContaining({ destination: '34600000404', valid: 0 }),
    });
    expect(ported).toMatchObject({ number: '34600000301', valid: true, ported: true, roaming: false });
    expect(roaming).toMatchObject({ number: '34600000307', valid: true, ported: false, roaming: true });
    expect(plain).toMatchObject({
      number: '34600000000',
      valid: true,
      network: expect.stringMatching(/^Sandbox Mobile \d$/),
      mcc: '001',
      mnc: expect.stringMatching(/^0\d$/),
      ported: false,
      roaming: false,
    });
  });

  it('gives the same number the same answer every time', async () => {
    const first = await request(gateway, 'POST', '/v1/hlr', { numbers: ['447700900123'] });
    const second = await request(gateway, 'POST', '/v1/hlr', { numbers: ['447700900123', '34600000000'] });

    expect(second.body[0]).toEqual(first.body[0]);
  });

  it.each([
    ['no numbers', { numbers: [] }],
    [
      '51 numbers',
      { numbers: Array.from({ length: 51 }, (_, i) => `346000001${String(i).padStart(2, '0')}`) },
    ],
    ['a repeated number', { numbers: ['34600000000', '34600000000'] }],
    ['a 7-digit number', { numbers: ['6000000'] }],
    ['a + in a number', { numbers: ['+34600000000'] }],
    ['a number as a number', { numbers: [34600000000] }],
    ['a single number instead of an array', { numbers: '34600000000' }],
    ['nothing', {}],
  ])('refuses %s with 400 before calling Afilnet', async (_label, body) => {
    const calls = gateway.sandbox!.callCount('hlr', 'checkhlr');

    const response = await request(gateway, 'POST', '/v1/hlr', body);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('numbers');
    expect(gateway.sandbox!.callCount('hlr', 'checkhlr')).toBe(calls);
  });
});
