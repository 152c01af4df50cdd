import { request, startGateway, type RunningGateway } from './support/gateway.js';

const fieldsOf = (response: { body: { errors: { field: string }[] } }) =>
  response.body.errors.map((error) => error.field);

describe('contact groups over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  /** How many calls reached the simulator for any group method. */
  function groupCalls(): number {
    return gateway.sandbox!.requests.filter((entry) => entry.class === 'group').length;
  }

  it('runs a whole group life cycle, then sends a bulk SMS with one message per remaining contact', async () => {
    const created = await request(gateway, 'POST', '/v1/groups', {
      name: 'Spring campaign',
      type: 'mobile',
      fields: ['mobile', 'name'],
    });
    expect([created.status, created.body]).toEqual([
      201,
      { id: expect.any(Number), name: 'Spring campaign', type: 'mobile', fields: ['mobile', 'name'] },
    ]);
    const base = `/v1/groups/${created.body.id}`;

    const field = await request(gateway, 'POST', `${base}/fields`, { name: 'city' });
    expect([field.status, field.body]).toEqual([201, { groupId: created.body.id, field: 'city' }]);
    const fields = await request(gateway, 'GET', `${base}/fields`);
    expect([fields.status, fields.body.fields]).toEqual([200, ['mobile', 'name', 'city']]);

    const country = await request(gateway, 'PUT', `${base}/country`, { countryCode: '34' });
    expect([country.status, country.body]).toEqual([200, { groupId: created.body.id, countryCode: '34' }]);

    const ids: number[] = [];
    for (const [mobile, name] of [
      ['600000003', 'Eva'],
      ['600000004', 'Leo'],
      ['600000005', 'Mia'],
    ]) {
      const added = await request(gateway, 'POST', `${base}/contacts`, {
        fields: { mobile, name, city: 'Lugo' },
      });
      expect([added.status, added.body]).toEqual([
        201,
        { groupId: created.body.id, id: expect.any(Number), fields: { mobile, name, city: 'Lugo' } },
      ]);
      ids.push(added.body.id);
    }
    const [eva, leo] = ids;

    const all = await request(gateway, 'GET', `${base}/contacts`);
    expect([all.status, all.body.total, all.body.contacts.map((c: { id: number }) => c.id)]).toEqual([
      200,
      3,
      ids,
    ]);
    const second = await request(gateway, 'GET', `${base}/contacts?page=2&pageSize=2`);
    expect(second.body).toEqual({
      groupId: created.body.id,
      page: 2,
      pageSize: 2,
      total: 3,
      contacts: [{ id: ids[2], fields: { mobile: '600000005', name: 'Mia', city: 'Lugo' } }],
    });

    const modified = await request(gateway, 'PATCH', `${base}/contacts/${eva}`, {
      fields: { city: 'Sevilla' },
    });
    expect([modified.status, modified.body]).toEqual([
      200,
      { groupId: created.body.id, id: eva, fields: { city: 'Sevilla' } },
    ]);

    const byId = await request(gateway, 'DELETE', `${base}/contacts/${leo}`);
    expect([byId.status, byId.body]).toEqual([200, { groupId: created.body.id, contactId: leo }]);
    const byMain = await request(gateway, 'DELETE', `${base}/contacts?main=600000005`);
    expect([byMain.status, byMain.body]).toEqual([200, { groupId: created.body.id, main: '600000005' }]);

    const left = await request(gateway, 'GET', `${base}/contacts`);
    expect(left.body.contacts).toEqual([
      { id: eva, fields: { mobile: '600000003', name: 'Eva', city: 'Sevilla' } },
    ]);

    const dropped = await request(gateway, 'DELETE', `${base}/fields/city`);
    expect([dropped.status, dropped.body]).toEqual([200, { groupId: created.body.id, field: 'city' }]);
    expect((await request(gateway, 'GET', `${base}/contacts`)).body.contacts).toEqual([
      { id: eva, fields: { mobile: '600000003', name: 'Eva' } },
    ]);

    const sent = await request(gateway, 'POST', '/v1/sms/bulk', {
      from: 'Afilnet',
      countryCode: '34',
      groupId: created.body.id,
      sms: 'Spring sale starts today',
    });
    expect(sent.status).toBe(201);
    expect(gateway.sandbox!.state.outbox('sms').map((message) => message.destination)).toEqual([
      '34600000003',
    ]);
  });

  it('lists the seeded demo contacts, 20 per page by default', async () => {
    const response = await request(gateway, 'GET', '/v1/groups/2/contacts');

    expect(response.body).toEqual({
      groupId: 2,
      page: 1,
      pageSize: 20,
      total: 2,
      contacts: [
        { id: 3, fields: { email: 'ana@example.com', name: 'Ana' } },
        { id: 4, fields: { email: 'luis@example.com', name: 'Luis' } },
      ],
    });
  });

  it('deletes an e-mail contact by its address', async () => {
    const response = await request(gateway, 'DELETE', '/v1/groups/2/contacts?main=luis%40example.com');

    expect([response.status, response.body]).toEqual([200, { groupId: 2, main: 'luis@example.com' }]);
    expect([...gateway.sandbox!.state.groups.get('2')!.contacts.keys()]).toEqual(['3']);
  });

  describe('refuses invalid input with 400 before calling Afilnet', () => {
    it.each([
      ['POST', '/v1/groups', { name: 'X', type: 'mobile', fields: ['email', 'name'] }, 'fields'],
      ['POST', '/v1/groups', { name: 'X', type: 'email', fields: ['name'] }, 'fields'],
      ['POST', '/v1/groups', { name: 'X', type: 'fax', fields: ['mobile'] }, 'type'],
      ['POST', '/v1/groups', { name: '', type: 'mobile', fields: ['mobile'] }, 'name'],
      ['POST', '/v1/groups', { name: 'X', type: 'mobile', fields: ['mobile', 'mobile'] }, 'fields'],
      ['POST', '/v1/groups', { name: 'X', type: 'mobile', fields: ['mobile', 'First name'] }, 'fields'],
      ['GET', '/v1/groups/0/fields', undefined, 'id'],
      ['GET', '/v1/groups/abc/fields', undefined, 'id'],
      ['GET', '/v1/groups/1.5/fields', undefined, 'id'],
      ['POST', '/v1/groups/1/fields', { name: 'City' }, 'name'],
      ['POST', '/v1/groups/1/fields', { name: 'a,b' }, 'name'],
      ['DELETE', '/v1/groups/1/fields/mobile', undefined, 'field'],
      ['DELETE', '/v1/groups/2/fields/email', undefined, 'field'],
      ['DELETE', '/v1/groups/1/fields/Bad-Name', undefined, 'field'],
      ['PUT', '/v1/groups/1/country', { countryCode: '999' }, 'countryCode'],
      ['PUT', '/v1/groups/1/country', { countryCode: '+34' }, 'countryCode'],
      ['PUT', '/v1/groups/1/country', { countryCode: 34 }, 'countryCode'],
      ['GET', '/v1/groups/1/contacts?pageSize=101', undefined, 'pageSize'],
      ['GET', '/v1/groups/1/contacts?page=0', undefined, 'page'],
      ['POST', '/v1/groups/1/contacts', { fields: { name: 'Eva' } }, 'fields'],
      ['POST', '/v1/groups/1/contacts', { fields: { mobile: '+34600000003' } }, 'fields'],
      ['POST', '/v1/groups/1/contacts', { fields: { mobile: '600000003', note: 'a:b' } }, 'fields'],
      ['POST', '/v1/groups/2/contacts', { fields: { email: 'not-an-address' } }, 'fields'],
      ['POST', '/v1/groups/1/contacts', { mobile: '600000003' }, 'mobile'],
      ['PATCH', '/v1/groups/1/contacts/1', { fields: {} }, 'fields'],
      ['PATCH', '/v1/groups/1/contacts/0', { fields: { name: 'Eva' } }, 'contactId'],
      ['DELETE', '/v1/groups/1/contacts/x', undefined, 'contactId'],
      ['DELETE', '/v1/groups/1/contacts?main=ana', undefined, 'main'],
      ['DELETE', '/v1/groups/1/contacts', undefined, 'main'],
    ])('%s %s (%j)', async (method, path, body, field) => {
      const calls = groupCalls();

      const response = await request(gateway, method, path, body);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(groupCalls()).toBe(calls);
    });
  });

  describe("maps the simulator's Afilnet errors", () => {
    it.each([
      ['GET', '/v1/groups/99/fields', undefined, 404, 'NOT_ACCESS_TO_GROUP'],
      ['POST', '/v1/groups/99/contacts', { fields: { mobile: '600000003' } }, 404, 'NOT_ACCESS_TO_GROUP'],
      ['PUT', '/v1/groups/99/country', { countryCode: '34' }, 404, 'NOT_ACCESS_TO_GROUP'],
      ['POST', '/v1/groups/1/contacts', { fields: { email: 'eva@example.com' } }, 400, 'MISSING_MAIN_FIELD'],
      ['DELETE', '/v1/groups/1/contacts?main=ana%40example.com', undefined, 400, 'MISSING_MAIN_FIELD'],
    ])('%s %s (%j) answers %i %s', async (method, path, body, status, code) => {
      const response = await request(gateway, method, path, body);

      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ code, upstream: { class: 'group', error: code } });
    });

    it.each([
      ['PATCH', '/v1/groups/1/contacts/3', { fields: { name: 'X' } }, 404, 'NOT_ACCESS_TO_CONTACT'],
      ['DELETE', '/v1/groups/1/contacts/99', undefined, 404, 'NOT_ACCESS_TO_CONTACT'],
      [
        'POST',
        '/v1/groups/1/contacts',
        { fields: { mobile: '600000003', city: 'Lugo' } },
        400,
        'INCORRECT_FIELD',
      ],
      ['POST', '/v1/groups/1/fields', { name: 'name' }, 400, 'INCORRECT_FIELD'],
    ])(
      '%s %s: the simulator-only code is a caller mistake (%i %s), not a 502',
      async (method, path, body, status, code) => {
        const response = await request(gateway, method, path, body);

        expect(response.status).toBe(status);
        expect(response.body).toMatchObject({ code, upstream: { error: code } });
      },
    );
  });
});
