import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { GroupsModule } from './groups.module.js';

describe('groups controller (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [GroupsModule] });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('creates a group with its fields comma-separated and answers its id', async () => {
    slice.afilnet.answers('group.create', { id: '12' });

    const created = await slice.request('POST', '/v1/groups', {
      name: 'Customers',
      type: 'mobile',
      fields: ['mobile', 'name'],
    });

    expect([created.status, created.body]).toEqual([
      201,
      { id: 12, name: 'Customers', type: 'mobile', fields: ['mobile', 'name'] },
    ]);
    expect(slice.afilnet.calls).toEqual([
      { operation: 'group.create', params: { name: 'Customers', type: 'mobile', fields: 'mobile,name' } },
    ]);
  });

  it('refuses a group without its main field', async () => {
    const refused = await slice.request('POST', '/v1/groups', { name: 'X', type: 'email', fields: ['name'] });

    expectInvalid(slice, refused, ['fields']);
  });

  it('reads, adds and deletes fields', async () => {
    slice.afilnet.answers('group.fields', ['mobile', { name: 'city' }]);
    slice.afilnet.answers('group.addField', null);
    slice.afilnet.answers('group.deleteField', null);

    const fields = await slice.request('GET', '/v1/groups/7/fields');
    const added = await slice.request('POST', '/v1/groups/7/fields', { name: 'zip' });
    const deleted = await slice.request('DELETE', '/v1/groups/7/fields/city');

    expect([fields.status, fields.body]).toEqual([200, { groupId: 7, fields: ['mobile', 'city'] }]);
    expect([added.status, added.body]).toEqual([201, { groupId: 7, field: 'zip' }]);
    expect([deleted.status, deleted.body]).toEqual([200, { groupId: 7, field: 'city' }]);
    expect(slice.afilnet.calls.map((call) => [call.operation, call.params])).toEqual([
      ['group.fields', { groupId: 7 }],
      ['group.addField', { groupId: 7, field: 'zip' }],
      ['group.deleteField', { groupId: 7, field: 'city' }],
    ]);
  });

  it('never deletes the main field, and refuses a non-numeric group id', async () => {
    expectInvalid(slice, await slice.request('DELETE', '/v1/groups/7/fields/mobile'), ['field']);
    expectInvalid(slice, await slice.request('GET', '/v1/groups/seven/fields'), ['id']);
  });

  it('answers an unreadable field list 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.afilnet.answers('group.fields', [{ nameless: true }]);

    expectProblem(await slice.request('GET', '/v1/groups/7/fields'), 502, 'UPSTREAM_BAD_RESPONSE');
  });

  it('maps an unknown group to 404 NOT_ACCESS_TO_GROUP', async () => {
    slice.afilnet.rejects('group.fields', 'NOT_ACCESS_TO_GROUP');

    const failed = await slice.request('GET', '/v1/groups/999/fields');

    expectProblem(failed, 404, 'NOT_ACCESS_TO_GROUP');
    expect(failed.body.upstream).toEqual({
      class: 'group',
      method: 'getfields',
      error: 'NOT_ACCESS_TO_GROUP',
    });
  });

  it('assigns a country by its calling code, refusing one that is not a country', async () => {
    slice.afilnet.answers('group.assignCountry', null);

    const assigned = await slice.request('PUT', '/v1/groups/7/country', { countryCode: '34' });
    const refused = await slice.request('PUT', '/v1/groups/7/country', { countryCode: '999' });

    expect([assigned.status, assigned.body]).toEqual([200, { groupId: 7, countryCode: '34' }]);
    expect(slice.afilnet.callsOf('group.assignCountry')).toEqual([{ groupId: 7, countryCode: '34' }]);
    expectProblem(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['countryCode']);
  });

  it('lists one page of contacts, nested or flat, and cuts a whole list sent at once', async () => {
    slice.afilnet.answers('group.contacts', {
      list: [
        { idcontact: '1', fields: { mobile: '600000001', name: 'Ana' } },
        { id: 2, mobile: 600000002, name: '' },
      ],
      total: '42',
    });
    slice.afilnet.answers(
      'group.contacts',
      Array.from({ length: 5 }, (_, index) => ({ id: index + 1, mobile: `60000000${index + 1}` })),
    );

    const first = await slice.request('GET', '/v1/groups/7/contacts?page=3&pageSize=2');
    const whole = await slice.request('GET', '/v1/groups/7/contacts?page=2&pageSize=2');

    expect([first.status, first.body]).toEqual([
      200,
      {
        groupId: 7,
        page: 3,
        pageSize: 2,
        total: 42,
        contacts: [
          { id: 1, fields: { mobile: '600000001', name: 'Ana' } },
          { id: 2, fields: { mobile: '600000002' } },
        ],
      },
    ]);
    expect(whole.body).toMatchObject({
      total: 5,
      contacts: [
        { id: 3, fields: { mobile: '600000003' } },
        { id: 4, fields: { mobile: '600000004' } },
      ],
    });
    expect(slice.afilnet.callsOf('group.contacts')).toEqual([
      { groupId: 7, page: 3, pageSize: 2 },
      { groupId: 7, page: 2, pageSize: 2 },
    ]);
  });

  it('uses the default page, refuses a page size over 100, and a list that is not one', async () => {
    slice.afilnet.answers('group.contacts', []);
    slice.afilnet.answers('group.contacts', { list: ['not a contact'] });

    const defaults = await slice.request('GET', '/v1/groups/7/contacts');
    const unreadable = await slice.request('GET', '/v1/groups/7/contacts');

    expect(defaults.body).toEqual({ groupId: 7, page: 1, pageSize: 20, total: null, contacts: [] });
    expectProblem(unreadable, 502, 'UPSTREAM_BAD_RESPONSE');
    slice.afilnet.reset();
    expectInvalid(slice, await slice.request('GET', '/v1/groups/7/contacts?pageSize=101'), ['pageSize']);
  });

  it("adds, modifies and deletes contacts, sending the fields as Afilnet's key:value list", async () => {
    slice.afilnet.answers('group.addContact', { id: 31 });
    slice.afilnet.answers('group.modifyContact', null);
    slice.afilnet.answers('group.deleteContact', null);
    slice.afilnet.answers('group.deleteContactByMain', null);
    slice.afilnet.answers('group.deleteContactByMain', null);

    const added = await slice.request('POST', '/v1/groups/7/contacts', {
      fields: { mobile: '600000003', age: 30 },
    });
    const modified = await slice.request('PATCH', '/v1/groups/7/contacts/31', { fields: { name: 'Eva' } });
    const deleted = await slice.request('DELETE', '/v1/groups/7/contacts/31');
    const byMobile = await slice.request('DELETE', '/v1/groups/7/contacts?main=600000003');
    const byEmail = await slice.request('DELETE', '/v1/groups/8/contacts?main=eva@example.com');

    expect([added.status, added.body]).toEqual([
      201,
      { groupId: 7, id: 31, fields: { mobile: '600000003', age: '30' } },
    ]);
    expect([modified.status, modified.body]).toEqual([200, { groupId: 7, id: 31, fields: { name: 'Eva' } }]);
    expect([deleted.status, deleted.body]).toEqual([200, { groupId: 7, contactId: 31 }]);
    expect([byMobile.body, byEmail.body]).toEqual([
      { groupId: 7, main: '600000003' },
      { groupId: 8, main: 'eva@example.com' },
    ]);
    expect(slice.afilnet.calls.map((call) => [call.operation, call.params])).toEqual([
      ['group.addContact', { groupId: 7, contact: 'mobile:600000003,age:30' }],
      ['group.modifyContact', { groupId: 7, contactId: 31, contact: 'name:Eva' }],
      ['group.deleteContact', { groupId: 7, contactId: 31 }],
      ['group.deleteContactByMain', { groupId: 7, contact: 'mobile:600000003' }],
      ['group.deleteContactByMain', { groupId: 8, contact: 'email:eva@example.com' }],
    ]);
  });

  it('refuses a contact without its main field, and a delete without main', async () => {
    expectInvalid(slice, await slice.request('POST', '/v1/groups/7/contacts', { fields: { name: 'Eva' } }), [
      'fields',
    ]);
    expectInvalid(slice, await slice.request('DELETE', '/v1/groups/7/contacts'), ['main']);
  });

  it('maps an unknown contact to 404 NOT_ACCESS_TO_CONTACT', async () => {
    slice.afilnet.rejects('group.deleteContact', 'NOT_ACCESS_TO_CONTACT');

    expectProblem(await slice.request('DELETE', '/v1/groups/7/contacts/99'), 404, 'NOT_ACCESS_TO_CONTACT');
  });
});
