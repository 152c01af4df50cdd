import { createHash } from 'node:crypto';
import type { SandboxClass } from '../sandbox.types.js';

const INTERNATIONAL_NUMBER = /^\d{8,15}$/;

/**
 * A made-up but stable answer: the same number always gets the same network (MCC 001 is the ITU's test
 * network, so nothing here passes for a real operator). Magic endings, after the HTTP statuses they
 * recall: …404 (not found) is invalid, …301 (moved permanently) is ported, …307 (temporary redirect) is
 * roaming.
 */
export function lookUpNumber(destination: string): Record<string, string | number | null> {
  if (!INTERNATIONAL_NUMBER.test(destination) || destination.endsWith('404')) {
    return { destination, valid: 0, network: null, mcc: null, mnc: null, ported: 0, roaming: 0 };
  }
  const network = (createHash('sha256').update(destination).digest()[0] % 3) + 1;
  return {
    destination,
    valid: 1,
    network: `Sandbox Mobile ${network}`,
    mcc: '001',
    mnc: `0${network}`,
    ported: destination.endsWith('301') ? 1 : 0,
    roaming: destination.endsWith('307') ? 1 : 0,
  };
}

export const hlrSandbox: SandboxClass = {
  checkhlr: {
    required: ['destination'],
    handle({ destination }, state) {
      const numbers = destination.split(',').map((number) => number.trim());
      state.recordEvent('hlr.checked', `HLR lookup of ${numbers.length} number(s)`);
      return { result: numbers.map(lookUpNumber) };
    },
  },
};
