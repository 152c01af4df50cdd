import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { expectOneFormPost, LIVE_ACCOUNT } from './support/live.js';
import { json, ScriptedUpstream } from './support/scripted-upstream.js';

describe('live mode: groups, templates, HLR, countries and events send exactly their class, method and parameters', () => {
  const upstream = new ScriptedUpstream();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...LIVE_ACCOUNT,
      AFILNET_BASE_URL: await upstream.start(),
      AFILNET_TIMEOUT_MS: '500',
      AFILNET_TIMEZONE: 'America/New_York',
      // Every request must reach the scripted upstream; the cache has its own tests.
      COUNTRIES_CACHE_TTL_SECONDS: '0',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  beforeEach(() => {
    upstream.received.length = 0;
  });

  function answer(result: unknown): void {
    upstream.respond((_request, response) => json(response, { status: 'SUCCESS', result }));
  }

  it.each([
    [
      'POST /v1/groups',
      'POST',
      '/v1/groups',
      { name: 'Spring campaign', type: 'mobile', fields: ['name', 'mobile', 'city'] },
      {
        class: 'group',
        method: 'creategroup',
        name: 'Spring campaign',
        type: 'mobile',
        fields: 'name,mobile,city',
      },
    ],
    [
      'GET /v1/groups/{id}/fields',
      'GET',
      '/v1/groups/7/fields',
      undefined,
      { class: 'group', method: 'getfields', idgroup: '7' },
    ],
    [
      'POST /v1/groups/{id}/fields',
      'POST',
      '/v1/groups/7/fields',
      { name: 'birthday' },
      { class: 'group', method: 'addfield', idgroup: '7', field: 'birthday' },
    ],
    [
      'DELETE /v1/groups/{id}/fields/{field}',
      'DELETE',
      '/v1/groups/7/fields/birthday',
      undefined,
      { class: 'group', method: 'deletefield', idgroup: '7', field: 'birthday' },
    ],
    [
      'PUT /v1/groups/{id}/country',
      'PUT',
      '/v1/groups/7/country',
      { countryCode: '351' },
      { class: 'group', method: 'assigncountry', idgroup: '7', countrycode: '351' },
    ],
    [
      'GET /v1/groups/{id}/contacts',
      'GET',
      '/v1/groups/7/contacts?page=3&pageSize=50',
      undefined,
      { class: 'group', method: 'getcontacts', idgroup: '7', page: '3', pagesize: '50' },
    ],
    [
      'POST /v1/groups/{id}/contacts',
      'POST',
      '/v1/groups/7/contacts',
      { fields: { mobile: '600000003', name: 'Eva María', age: 30 } },
      {
        class: 'group',
        method: 'addcontact',
        idgroup: '7',
        contact: 'mobile:600000003,name:Eva María,age:30',
      },
    ],
    [
      'PATCH /v1/groups/{id}/contacts/{contactId}',
      'PATCH',
      '/v1/groups/7/contacts/12',
      { fields: { name: 'Eva' } },
      { class: 'group', method: 'modifycontact', idgroup: '7', idcontact: '12', contact: 'name:Eva' },
    ],
    [
      'DELETE /v1/groups/{id}/contacts/{contactId}',
      'DELETE',
      '/v1/groups/7/contacts/12',
      undefined,
      { class: 'group', method: 'deletecontact', idgroup: '7', idcontact: '12' },
    ],
    [
      'DELETE /v1/groups/{id}/contacts?main= (a mobile number)',
      'DELETE',
      '/v1/groups/7/contacts?main=34600000003',
      undefined,
      { class: 'group', method: 'deletecontactfromgroup', idgroup: '7', contact: 'mobile:34600000003' },
    ],
    [
      'DELETE /v1/groups/{id}/contacts?main= (an e-mail address)',
      'DELETE',
      '/v1/groups/7/contacts?main=eva%40example.com',
      undefined,
      { class: 'group', method: 'deletecontactfromgroup', idgroup: '7', contact: 'email:eva@example.com' },
    ],
    ['GET /v1/templates', 'GET', '/v1/templates', undefined, { class: 'template', method: 'gettemplates' }],
    [
      'GET /v1/templates?type=',
      'GET',
      '/v1/templates?type=whatsapp',
      undefined,
      { class: 'template', method: 'gettemplates', type: 'whatsapp' },
    ],
    [
      'POST /v1/templates',
      'POST',
      '/v1/templates',
      { title: 'Reminder', message: 'Hi <name>, see you at <time>.', type: 'email' },
      {
        class: 'template',
        method: 'addtemplate',
        title: 'Reminder',
        message: 'Hi <name>, see you at <time>.',
        type: 'email',
      },
    ],
    [
      'DELETE /v1/templates/{id}',
      'DELETE',
      '/v1/templates/1000',
      undefined,
      { class: 'template', method: 'deletetemplate', idtemplate: '1000' },
    ],
    [
      'POST /v1/hlr',
      'POST',
      '/v1/hlr',
      { numbers: ['34600000000', '447700900123'] },
      { class: 'hlr', method: 'checkhlr', destination: '34600000000,447700900123' },
    ],
    ['GET /v1/countries', 'GET', '/v1/countries', undefined, { class: 'country', method: 'getcountries' }],
    [
      'GET /v1/events (dates in AFILNET_TIMEZONE)',
      'GET',
      '/v1/events?from=2026-07-01T10:00:00Z&to=2026-07-01T12:30:00%2B02:00&type=message.sent&page=2&pageSize=10',
      undefined,
      {
        class: 'event',
        method: 'getevents',
        datefrom: '2026-07-01 06:00:00',
        dateto: '2026-07-01 06:30:00',
        type: 'message.sent',
        page: '2',
        pagesize: '10',
      },
    ],
    [
      'GET /v1/events (defaults)',
      'GET',
      '/v1/events',
      undefined,
      { class: 'event', method: 'getevents', page: '1', pagesize: '20' },
    ],
  ])('%s', async (_label, method, path, body, expected) => {
    answer([]);

    const response = await request(gateway, method, path, body);

    expect(response.status).toBeLessThan(300);
    expectOneFormPost(upstream, expected);
  });

  it('returns the new ids Afilnet gives, and null where its documentation promises none', async () => {
    answer({ id: '42' });
    const withId = await request(gateway, 'POST', '/v1/groups', {
      name: 'G',
      type: 'email',
      fields: ['email'],
    });
    answer(null);
    const withoutId = await request(gateway, 'POST', '/v1/templates', {
      title: 'T',
      message: 'M',
      type: 'mobile',
    });

    expect([withId.status, withId.body.id]).toEqual([201, 42]);
    expect([withoutId.status, withoutId.body]).toEqual([
      201,
      { id: null, title: 'T', message: 'M', type: 'mobile' },
    ]);
  });

  it('cuts the page itself when Afilnet sends the whole contact list', async () => {
    answer(Array.from({ length: 5 }, (_, i) => ({ idcontact: String(i + 1), mobile: `60000000${i + 1}` })));

    const response = await request(gateway, 'GET', '/v1/groups/7/contacts?page=2&pageSize=2');

    expect(response.body).toEqual({
      groupId: 7,
      page: 2,
      pageSize: 2,
      total: 5,
      contacts: [
        { id: 3, fields: { mobile: '600000003' } },
        { id: 4, fields: { mobile: '600000004' } },
      ],
    });
  });

  it("reads event dates in Afilnet's zone and answers them in UTC", async () => {
    answer({
      list: [{ idevent: '9', type: 'message.sent', date: '2026-07-01 06:00:00', detail: 'sms' }],
      total: 1,
    });

    const response = await request(gateway, 'GET', '/v1/events');

    expect(response.body.events).toEqual([
      { id: 9, type: 'message.sent', at: '2026-07-01T10:00:00.000Z', detail: 'sms' },
    ]);
  });

  it.each([
    ['GET', '/v1/groups/7/fields', { fields: 'mobile,name' }],
    ['GET', '/v1/groups/7/contacts', 'none'],
    ['GET', '/v1/templates', { templates: [] }],
    ['POST', '/v1/hlr', 'OK'],
    ['GET', '/v1/countries', { ES: 'Spain' }],
    ['GET', '/v1/events', [1, 2]],
  ])(
    'answers 502 UPSTREAM_BAD_RESPONSE when %s %s gets a result it cannot read',
    async (method, path, result) => {
      answer(result);

      const response = await request(
        gateway,
        method,
        path,
        method === 'POST' ? { numbers: ['34600000000'] } : undefined,
      );

      expect([response.status, response.body.code]).toEqual([502, 'UPSTREAM_BAD_RESPONSE']);
    },
  );

  it.each([
    ['GET', '/v1/groups/7/fields', 'NOT_ACCESS_TO_GROUP', 404, undefined],
    ['POST', '/v1/groups', 'INCORRECT_TYPE', 400, { name: 'G', type: 'mobile', fields: ['mobile'] }],
    ['POST', '/v1/groups/7/contacts', 'MISSING_MAIN_FIELD', 400, { fields: { mobile: '600000003' } }],
    ['DELETE', '/v1/templates/5', 'NOT_ACCESS_TO_TEMPLATE', 404, undefined],
    ['POST', '/v1/hlr', 'NO_CREDITS', 402, { numbers: ['34600000000'] }],
    ['GET', '/v1/countries', 'INCORRECT_METHOD', 502, undefined],
  ])('%s %s surfaces Afilnet %s as %i', async (method, path, afilnetCode, status, body) => {
    upstream.respond((_request, response) => json(response, { status: 'ERROR', error: afilnetCode }));

    const response = await request(gateway, method, path, body);

    expect(response.status).toBe(status);
    expect(response.body.upstream).toMatchObject({ error: afilnetCode });
    expect(JSON.stringify(response.body)).not.toContain(LIVE_ACCOUNT.AFILNET_PASSWORD);
  });
});
