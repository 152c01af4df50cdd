import { AFILNET_OPERATIONS, type OperationName } from '../common/afilnet/afilnet-operations.js';
import { SANDBOX_CLASSES } from './classes/index.js';

describe('the simulator against the gateway catalog', () => {
  it('implements every catalogued operation and demands exactly the fields the catalog calls compulsory', () => {
    for (const name of Object.keys(AFILNET_OPERATIONS) as OperationName[]) {
      const op = AFILNET_OPERATIONS[name];
      const method = SANDBOX_CLASSES[op.class]?.[op.method];
      const fields = (op.required as readonly string[]).map(
        (param) => (op.params as Readonly<Record<string, string>>)[param],
      );
      expect([name, [...(method?.required ?? ['(not implemented)'])].sort()]).toEqual([name, fields.sort()]);
    }
  });
});
