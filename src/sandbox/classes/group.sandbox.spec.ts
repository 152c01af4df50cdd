import { dispatch } from '../sandbox.dispatcher.js';
import { SandboxState } from '../sandbox.state.js';

const CREDENTIALS = { user: 'u', password: 'p' };

function group(state: SandboxState, method: string, params: Record<string, string> = {}) {
  return dispatch({ class: 'group', method, ...CREDENTIALS, ...params }, CREDENTIALS, state);
}

describe('the group simulator', () => {
  let state: SandboxState;

  beforeEach(() => {
    state = new SandboxState({ initialBalance: 100 });
  });

  it('creates a group with its main field first and records the event', () => {
    const reply = group(state, 'creategroup', { name: 'VIP', type: 'email', fields: 'name,email,city' });

    expect(reply).toEqual({ result: { id: '3' } });
    expect(state.groups.get('3')).toMatchObject({
      name: 'VIP',
      type: 'email',
      fields: ['email', 'name', 'city'],
    });
    expect(state.events()[0]).toMatchObject({ type: 'group.created' });
  });

  it.each([
    [{ type: 'sms', fields: 'mobile' }, 'INCORRECT_TYPE'],
    [{ type: 'mobile', fields: 'email,name' }, 'MISSING_MAIN_FIELD'],
    [{ type: 'mobile', fields: 'mobile,na:me' }, 'INCORRECT_FIELD'],
    [{ type: 'mobile' }, 'MISSING_COMPULSORY_PARAM'],
  ])('refuses to create %p with %s', (params, error) => {
    expect(group(state, 'creategroup', { name: 'X', ...params })).toEqual({ error });
    expect(state.groups.size).toBe(2);
  });

  it.each([
    ['getfields', {}],
    ['addfield', { field: 'city' }],
    ['deletefield', { field: 'name' }],
    ['assigncountry', { countrycode: '34' }],
    ['getcontacts', {}],
    ['addcontact', { contact: 'mobile:600000009' }],
    ['modifycontact', { idcontact: '1', contact: 'name:Eva' }],
    ['deletecontact', { idcontact: '1' }],
    ['deletecontactfromgroup', { contact: 'mobile:600000001' }],
  ])('answers NOT_ACCESS_TO_GROUP to %s on a group the account does not have', (method, params) => {
    expect(group(state, method, { idgroup: '99', ...params })).toEqual({ error: 'NOT_ACCESS_TO_GROUP' });
  });

  it('adds and deletes fields, never the main one', () => {
    expect(group(state, 'addfield', { idgroup: '1', field: 'city' })).toEqual({ result: {} });
    expect(group(state, 'addfield', { idgroup: '1', field: 'city' })).toEqual({ error: 'INCORRECT_FIELD' });
    expect(group(state, 'getfields', { idgroup: '1' })).toEqual({ result: ['mobile', 'name', 'city'] });

    expect(group(state, 'deletefield', { idgroup: '1', field: 'name' })).toEqual({ result: {} });
    expect(group(state, 'deletefield', { idgroup: '1', field: 'name' })).toEqual({
      error: 'INCORRECT_FIELD',
    });
    expect(group(state, 'deletefield', { idgroup: '1', field: 'mobile' })).toEqual({
      error: 'MISSING_MAIN_FIELD',
    });
    expect(state.groups.get('1')?.fields).toEqual(['mobile', 'city']);
    expect(state.groups.get('1')?.contacts.get('1')).toEqual({ mobile: '600000001' });
  });

  it('assigns a dialling code', () => {
    expect(group(state, 'assigncountry', { idgroup: '2', countrycode: '351' })).toEqual({ result: {} });
    expect(state.groups.get('2')?.countryCode).toBe('351');
    expect(group(state, 'assigncountry', { idgroup: '2', countrycode: '+351' })).toEqual({
      error: 'MISSING_COMPULSORY_PARAM',
    });
  });

  it('lists contacts, a page at a time when asked', () => {
    expect(group(state, 'getcontacts', { idgroup: '1' })).toEqual({
      result: {
        list: [
          { idcontact: '1', fields: { mobile: '600000001', name: 'Ana' } },
          { idcontact: '2', fields: { mobile: '600000002', name: 'Luis' } },
        ],
        total: 2,
        page: 1,
        pagesize: 2,
      },
    });
    expect(group(state, 'getcontacts', { idgroup: '1', page: '2', pagesize: '1' })).toEqual({
      result: {
        list: [{ idcontact: '2', fields: { mobile: '600000002', name: 'Luis' } }],
        total: 2,
        page: 2,
        pagesize: 1,
      },
    });
  });

  it('adds a contact under a new id, checked against the group fields', () => {
    expect(group(state, 'addcontact', { idgroup: '1', contact: 'mobile:600000003,name:Eva' })).toEqual({
      result: { id: '5' },
    });
    expect(state.groups.get('1')?.contacts.get('5')).toEqual({ mobile: '600000003', name: 'Eva' });
    expect(state.events()[0]).toMatchObject({ type: 'contact.added' });
  });

  it.each([
    ['name:Eva', 'MISSING_MAIN_FIELD'],
    ['mobile:,name:Eva', 'MISSING_MAIN_FIELD'],
    ['mobile:600000003,city:Lugo', 'INCORRECT_FIELD'],
    ['mobile600000003', 'MISSING_COMPULSORY_PARAM'],
  ])('refuses to add the contact %p with %s', (contact, error) => {
    expect(group(state, 'addcontact', { idgroup: '1', contact })).toEqual({ error });
    expect(state.groups.get('1')?.contacts.size).toBe(2);
  });

  it('modifies the given fields of a contact and keeps the others', () => {
    expect(group(state, 'modifycontact', { idgroup: '1', idcontact: '2', contact: 'name:Luisa' })).toEqual({
      result: {},
    });
    expect(state.groups.get('1')?.contacts.get('2')).toEqual({ mobile: '600000002', name: 'Luisa' });
  });

  it.each([
    [{ idcontact: '3', contact: 'name:X' }, 'NOT_ACCESS_TO_CONTACT'],
    [{ idcontact: '1', contact: 'mobile:' }, 'MISSING_MAIN_FIELD'],
    [{ idcontact: '1', contact: 'email:ana@example.com' }, 'INCORRECT_FIELD'],
  ])('refuses to modify %p with %s', (params, error) => {
    expect(group(state, 'modifycontact', { idgroup: '1', ...params })).toEqual({ error });
    expect(state.groups.get('1')?.contacts.get('1')).toEqual({ mobile: '600000001', name: 'Ana' });
  });

  it('deletes a contact by id once', () => {
    expect(group(state, 'deletecontact', { idgroup: '2', idcontact: '3' })).toEqual({ result: {} });
    expect(group(state, 'deletecontact', { idgroup: '2', idcontact: '3' })).toEqual({
      error: 'NOT_ACCESS_TO_CONTACT',
    });
    expect([...(state.groups.get('2')?.contacts.keys() ?? [])]).toEqual(['4']);
  });

  it('deletes contacts by their main field, e-mail addresses in any case', () => {
    expect(
      group(state, 'deletecontactfromgroup', { idgroup: '2', contact: 'email:LUIS@example.com' }),
    ).toEqual({
      result: { deleted: 1 },
    });
    expect([...(state.groups.get('2')?.contacts.keys() ?? [])]).toEqual(['3']);
    expect(
      group(state, 'deletecontactfromgroup', { idgroup: '2', contact: 'email:luis@example.com' }),
    ).toEqual({
      error: 'NOT_ACCESS_TO_CONTACT',
    });
    expect(group(state, 'deletecontactfromgroup', { idgroup: '2', contact: 'mobile:600000001' })).toEqual({
      error: 'MISSING_MAIN_FIELD',
    });
  });
});
