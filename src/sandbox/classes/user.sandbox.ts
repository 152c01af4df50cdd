import type { SandboxClass } from '../sandbox.types.js';

export const userSandbox: SandboxClass = {
  // A bare number, not an object: Afilnet's SDKs read the balance straight from `result`.
  getbalance: { required: [], handle: (_params, state) => ({ result: state.balance }) },
};
