import { dispatch } from '../sandbox.dispatcher.js';
import { SandboxState } from '../sandbox.state.js';
import { lookUpNumber } from './hlr.sandbox.js';

const CREDENTIALS = { user: 'u', password: 'p' };

describe('the HLR simulator', () => {
  it('answers the same number the same way every time', () => {
    const first = lookUpNumber('34600000000');
    expect(lookUpNumber('34600000000')).toEqual(first);
    expect(first).toMatchObject({ destination: '34600000000', valid: 1, mcc: '001', ported: 0, roaming: 0 });
    expect(first.network).toMatch(/^Sandbox Mobile [123]$/);
    expect(first.mnc).toBe(`0${String(first.network).at(-1)}`);
  });

  it('spreads numbers over its networks', () => {
    const networks = new Set(
      Array.from({ length: 30 }, (_, i) => lookUpNumber(`346000000${String(i).padStart(2, '0')}`).network),
    );
    expect(networks.size).toBe(3);
  });

  it.each([
    ['34600000404', { valid: 0, network: null, mcc: null, mnc: null }],
    ['34600000301', { valid: 1, ported: 1, roaming: 0 }],
    ['34600000307', { valid: 1, ported: 0, roaming: 1 }],
    ['12345', { valid: 0 }],
  ])('has the magic number %s', (number, expected) => {
    expect(lookUpNumber(number)).toMatchObject(expected);
  });

  it('answers each number of a comma-separated list', () => {
    const state = new SandboxState({ initialBalance: 100 });
    const reply = dispatch(
      { class: 'hlr', method: 'checkhlr', ...CREDENTIALS, destination: '34600000000,34600000404' },
      CREDENTIALS,
      state,
    ) as { result: { destination: string; valid: number }[] };

    expect(reply.result.map((entry) => [entry.destination, entry.valid])).toEqual([
      ['34600000000', 1],
      ['34600000404', 0],
    ]);
    expect(state.events()[0]).toMatchObject({ type: 'hlr.checked' });
  });
});
