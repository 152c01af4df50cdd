import { fieldsAsText, readContact, readFieldNames } from './groups.results.js';

describe('readFieldNames', () => {
  it('reads names given as strings or objects with a name', () => {
    expect(readFieldNames(['mobile', 'name'])).toEqual(['mobile', 'name']);
    expect(readFieldNames({ list: [{ name: 'email' }, 'city'] })).toEqual(['email', 'city']);
  });

  it.each([[{ fields: ['a'] }], ['mobile,name'], [[{ label: 'x' }]]])('refuses %p', (result) => {
    expect(readFieldNames(result)).toBeUndefined();
  });
});

describe('readContact', () => {
  it('reads the nested shape', () => {
    expect(readContact({ idcontact: '3', fields: { mobile: '600000001', id: 'A-1', age: 30 } })).toEqual({
      id: 3,
      fields: { mobile: '600000001', id: 'A-1', age: '30' },
    });
  });

  it('reads the flat shape, leaving the id out of the fields and empty values out', () => {
    expect(readContact({ id: 4, email: 'ana@example.com', name: '' })).toEqual({
      id: 4,
      fields: { email: 'ana@example.com' },
    });
  });

  it('has a null id when there is none, and refuses entries that are not objects', () => {
    expect(readContact({ mobile: '600000001' })).toEqual({ id: null, fields: { mobile: '600000001' } });
    expect(readContact('600000001')).toBeUndefined();
    expect(readContact(['600000001'])).toBeUndefined();
  });
});

describe('fieldsAsText', () => {
  it('writes numbers as text', () => {
    expect(fieldsAsText({ mobile: '600000001', age: 30 })).toEqual({ mobile: '600000001', age: '30' });
  });
});
