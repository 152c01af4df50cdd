import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AddContactDto, ModifyContactDto } from './contact.dto.js';
import { CreateGroupDto } from './create-group.dto.js';
import { FieldParamsDto } from './group-params.dto.js';
import { MainFieldQueryDto } from './main-field-query.dto.js';

function problems<T extends object>(type: new () => T, plain: object): string[] {
  return validateSync(plainToInstance(type, plain)).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
}

describe('CreateGroupDto', () => {
  const valid = { name: 'Customers', type: 'mobile', fields: ['mobile', 'name'] };

  it('accepts a group whose fields include its main field', () => {
    expect(problems(CreateGroupDto, valid)).toEqual([]);
    expect(problems(CreateGroupDto, { ...valid, type: 'email', fields: ['name', 'email'] })).toEqual([]);
  });

  it.each([
    ['a mobile group without mobile', { fields: ['email', 'name'] }, 'must include "mobile"'],
    ['an e-mail group without email', { type: 'email' }, 'must include "email"'],
    ['no fields', { fields: [] }, 'at least 1'],
    [
      '21 fields',
      { fields: ['mobile', ...Array.from({ length: 20 }, (_, i) => `f${i}`)] },
      'no more than 20',
    ],
    ['a repeated field', { fields: ['mobile', 'name', 'name'] }, 'unique'],
    ['an upper-case field', { fields: ['mobile', 'Name'] }, 'lower-case letter'],
    ['a field with a colon', { fields: ['mobile', 'a:b'] }, 'lower-case letter'],
    ['a 31-character field', { fields: ['mobile', `a${'b'.repeat(30)}`] }, 'lower-case letter'],
    ['an unknown type', { type: 'sms' }, 'type must be one of'],
    ['an empty name', { name: '' }, 'name must be longer'],
    ['a 101-character name', { name: 'x'.repeat(101) }, 'name must be shorter'],
  ])('refuses %s', (_label, change, fragment) => {
    expect(problems(CreateGroupDto, { ...valid, ...change }).join(' | ')).toContain(fragment);
  });

  it('reports only the type when the type is wrong, not a missing main field', () => {
    expect(problems(CreateGroupDto, { ...valid, type: 'fax' })).toEqual([
      expect.stringContaining('type must be one of'),
    ]);
  });
});

describe('AddContactDto', () => {
  it.each([
    ['a national mobile', { mobile: '600000003', name: 'Eva' }],
    ['an international mobile', { mobile: '34600000003' }],
    ['a short national number', { mobile: '4321' }],
    ['an e-mail', { email: 'eva@example.com', age: 30 }],
  ])('accepts %s', (_label, fields) => {
    expect(problems(AddContactDto, { fields })).toEqual([]);
  });

  it.each([
    ['no main field', { name: 'Eva' }, 'main field, mobile or email'],
    ['a mobile with +', { mobile: '+34600000003' }, '.mobile must be 4 to 15 digits'],
    ['a mobile with spaces', { mobile: '600 000 003' }, '.mobile must be 4 to 15 digits'],
    ['a 3-digit mobile', { mobile: '600' }, '.mobile must be 4 to 15 digits'],
    ['a 16-digit mobile', { mobile: '1234567890123456' }, '.mobile must be 4 to 15 digits'],
    ['a mobile as a number', { mobile: 600000003 }, '.mobile must be 4 to 15 digits'],
    ['a bad e-mail', { email: 'eva' }, '.email must be a valid e-mail'],
    ['an upper-case field', { mobile: '600000003', Name: 'Eva' }, 'field names must be'],
    ['a comma in a value', { mobile: '600000003', name: 'Smith, Eva' }, 'must not contain'],
    ['a nested value', { mobile: '600000003', name: { first: 'Eva' } }, 'must be a string or a number'],
    ['an array', ['600000003'], 'must be a JSON object'],
    ['no fields', {}, 'must have 1 to 50 entries'],
  ])('refuses %s', (_label, fields, fragment) => {
    expect(problems(AddContactDto, { fields }).join(' | ')).toContain(fragment);
  });
});

describe('ModifyContactDto', () => {
  it('reports a shape problem once', () => {
    expect(problems(AddContactDto, { fields: ['600000003'] })).toEqual(['fields must be a JSON object']);
  });

  it('accepts a change without the main field', () => {
    expect(problems(ModifyContactDto, { fields: { name: 'Eva' } })).toEqual([]);
  });

  it('still checks a main field that is given', () => {
    expect(problems(ModifyContactDto, { fields: { mobile: 'none' } }).join()).toContain('.mobile');
  });
});

describe('FieldParamsDto', () => {
  it.each(['mobile', 'email'])('never lets the main field %s be deleted', (field) => {
    expect(problems(FieldParamsDto, { id: '1', field }).join()).toContain('always keeps its main field');
  });

  it('accepts another field', () => {
    expect(problems(FieldParamsDto, { id: '1', field: 'city' })).toEqual([]);
  });
});

describe('MainFieldQueryDto', () => {
  it.each(['600000001', '34600000001', 'ana@example.com'])('accepts %s', (main) => {
    expect(problems(MainFieldQueryDto, { main })).toEqual([]);
  });

  it.each(['ana', '+34600000001', '12', '', '"a,b:c"@example.com', '"a:b"@example.com'])(
    'refuses %p',
    (main) => {
      expect(problems(MainFieldQueryDto, { main })).toHaveLength(1);
    },
  );
});
