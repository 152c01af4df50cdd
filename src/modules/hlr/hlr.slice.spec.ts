import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { HlrModule } from './hlr.module.js';

describe('HLR controller (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [HlrModule] });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('asks about every number in one call and answers one result per number, in the order asked (200)', async () => {
    slice.afilnet.answers('hlr.check', {
      list: [
        { destination: '34600000002', valid: 0 },
        {
          destination: '34600000001',
          valid: 'true',
          operator: 'Movistar',
          mcc: 214,
          mnc: '07',
          ported: 'no',
        },
      ],
    });

    const checked = await slice.request('POST', '/v1/hlr', {
      numbers: ['34600000001', '34600000002', '34600000003'],
    });

    expect(checked.status).toBe(200);
    expect(checked.body).toEqual([
      {
        number: '34600000001',
        valid: true,
        network: 'Movistar',
        mcc: '214',
        mnc: '07',
        ported: false,
        roaming: null,
        raw: {
          destination: '34600000001',
          valid: 'true',
          operator: 'Movistar',
          mcc: 214,
          mnc: '07',
          ported: 'no',
        },
      },
      {
        number: '34600000002',
        valid: false,
        network: null,
        mcc: null,
        mnc: null,
        ported: null,
        roaming: null,
        raw: { destination: '34600000002', valid: 0 },
      },
      {
        number: '34600000003',
        valid: null,
        network: null,
        mcc: null,
        mnc: null,
        ported: null,
        roaming: null,
        raw: null,
      },
    ]);
    expect(slice.afilnet.calls).toEqual([
      { operation: 'hlr.check', params: { numbers: '34600000001,34600000002,34600000003' } },
    ]);
  });

  it('answers a result that is not a list of entries 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.afilnet.answers('hlr.check', 'valid');

    expectProblem(
      await slice.request('POST', '/v1/hlr', { numbers: ['34600000001'] }),
      502,
      'UPSTREAM_BAD_RESPONSE',
    );
  });

  it('refuses a single number not in an array, repeated numbers and more than 50', async () => {
    const many = Array.from({ length: 51 }, (_, index) => `346000${String(index).padStart(5, '0')}`);

    expectInvalid(slice, await slice.request('POST', '/v1/hlr', { numbers: '34600000001' }), ['numbers']);
    expectInvalid(
      slice,
      await slice.request('POST', '/v1/hlr', { numbers: ['34600000001', '34600000001'] }),
      ['numbers'],
    );
    expectInvalid(slice, await slice.request('POST', '/v1/hlr', { numbers: many }), ['numbers']);
  });

  it('maps NO_CREDITS to 402', async () => {
    slice.afilnet.rejects('hlr.check', 'NO_CREDITS');

    expectProblem(await slice.request('POST', '/v1/hlr', { numbers: ['34600000001'] }), 402, 'NO_CREDITS');
  });
});
