import {
  AFILNET_OPERATIONS,
  upstreamName,
  type OperationName,
  type OperationParams,
  type AfilnetOperation,
} from './afilnet-operations.js';

const names = Object.keys(AFILNET_OPERATIONS) as OperationName[];

describe('the operation catalog', () => {
  it('uses Afilnet-style lowercase class and method names and form field names', () => {
    for (const name of names) {
      const op = AFILNET_OPERATIONS[name];
      expect([name, upstreamName(name)]).toEqual([name, expect.stringMatching(/^[a-z]+\.[a-z]+$/)]);
      for (const field of Object.values(op.params))
        expect([name, field]).toEqual([name, expect.stringMatching(/^[a-z]+$/)]);
    }
  });

  it('never maps two gateway parameters to the same Afilnet field', () => {
    for (const name of names) {
      const fields = Object.values(AFILNET_OPERATIONS[name].params);
      expect([name, new Set(fields).size]).toEqual([name, fields.length]);
    }
  });

  it('names only catalogued parameters as compulsory', () => {
    for (const name of names) {
      const op = AFILNET_OPERATIONS[name];
      const unknown = op.required.filter((param) => !Object.hasOwn(op.params, param));
      expect([name, unknown]).toEqual([name, []]);
    }
  });

  it('makes the compulsory parameters required at the type level', () => {
    // @ts-expect-error -- `from`, `to` and `sms` are compulsory for sms.sendsms (checked by `npm run lint`).
    const missing: OperationParams<'sms.send'> = {};
    const given: OperationParams<'sms.send'> = {
      from: 'Afilnet',
      to: '34600000000',
      sms: 'hi',
      scheduledAt: null,
    };
    expect([missing, Object.keys(given)]).toEqual([{}, ['from', 'to', 'sms', 'scheduledAt']]);
  });

  it('flags as provisional only parameters the operation has, and only in operations not fully documented', () => {
    for (const name of names) {
      const op: AfilnetOperation = AFILNET_OPERATIONS[name];
      const unknown = (op.provisional ?? []).filter((param) => !Object.hasOwn(op.params, param));
      expect([name, unknown]).toEqual([name, []]);
      if (op.provisional !== undefined) expect([name, op.confidence]).not.toEqual([name, 'documented']);
    }
  });
});
