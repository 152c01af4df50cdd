import type { SandboxClass, SandboxParams } from '../sandbox.types.js';

const MISSING = { error: 'MISSING_COMPULSORY_PARAM' } as const;

/** An optional field: absent and empty look alike, as they do to the dispatcher. */
function optional(params: SandboxParams, name: string): string | null {
  return params[name] || null;
}

export const userSandbox: SandboxClass = {
  // A bare number, not an object: Afilnet's SDKs read the balance straight from `result`.
  getbalance: { required: [], handle: (_params, state) => ({ result: state.balance }) },

  // Afilnet's page names namelastname, iscompany and companyname; the address fields after them are read under
  // the names subaccount.addsubaccount uses (the gateway's provisional names). Its result is not documented:
  // the simulator answers the new id, as its other creations do.
  addaddress: {
    required: ['namelastname', 'iscompany'],
    handle(params, state) {
      const { namelastname, iscompany, companyname } = params;
      // A compulsory value the simulator cannot read counts as missing, and a company needs its name.
      if (iscompany !== '0' && iscompany !== '1') return MISSING;
      const isCompany = iscompany === '1';
      if (isCompany && !companyname) return MISSING;
      const added = state.addAddress({
        name: namelastname,
        isCompany,
        companyName: isCompany ? companyname : null,
        documentId: optional(params, 'documentid'),
        countryCode: optional(params, 'countrycode'),
        cityId: optional(params, 'cityid'),
        cityName: optional(params, 'cityname'),
        zipCode: optional(params, 'zipcode'),
        address: optional(params, 'address'),
      });
      state.recordEvent('address.added', `address ${added.id} (${isCompany ? 'company' : 'person'})`);
      return { result: { id: added.id } };
    },
  },
};
