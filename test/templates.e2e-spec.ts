import { request, startGateway, type RunningGateway } from './support/gateway.js';

describe('templates over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  it('creates a template, sends an SMS from it, lists it and deletes it', async () => {
    const created = await request(gateway, 'POST', '/v1/templates', {
      title: 'Appointment',
      message: 'Hi <name>, see you at <time>.',
      type: 'mobile',
    });
    expect([created.status, created.body]).toEqual([
      201,
      { id: 4, title: 'Appointment', message: 'Hi <name>, see you at <time>.', type: 'mobile' },
    ]);

    const sent = await request(gateway, 'POST', '/v1/sms/from-template', {
      to: '34600000007',
      templateId: created.body.id,
      params: { name: 'Eva', time: '10' },
    });
    expect(sent.status).toBe(201);
    expect(gateway.sandbox!.state.outbox('sms')[0]).toMatchObject({
      destination: '34600000007',
      text: 'Hi Eva, see you at 10.',
    });

    const mobile = await request(gateway, 'GET', '/v1/templates?type=mobile');
    expect([mobile.status, mobile.body.map((t: { id: number }) => t.id)]).toEqual([200, [1, 4]]);

    const deleted = await request(gateway, 'DELETE', `/v1/templates/${created.body.id}`);
    expect([deleted.status, deleted.body]).toEqual([200, { id: 4 }]);
    const again = await request(gateway, 'DELETE', `/v1/templates/${created.body.id}`);
    expect([again.status, again.body.code]).toEqual([404, 'NOT_ACCESS_TO_TEMPLATE']);
    const after = await request(gateway, 'POST', '/v1/sms/from-template', {
      to: '34600000007',
      templateId: created.body.id,
    });
    expect([after.status, after.body.code]).toEqual([404, 'NOT_ACCESS_TO_TEMPLATE']);
  });

  it('lists every template when no type is given', async () => {
    const response = await request(gateway, 'GET', '/v1/templates');

    expect(response.body).toEqual([
      { id: 1, title: 'Welcome', message: 'Hello <name>, welcome aboard!', type: 'mobile' },
      {
        id: 2,
        title: 'Newsletter',
        message: '<h1>Hello <name></h1><p>News of the month.</p>',
        type: 'email',
      },
      { id: 3, title: 'Reminder', message: 'Hi <name>, see you tomorrow.', type: 'whatsapp' },
    ]);
  });

  it.each([
    ['GET', '/v1/templates?type=sms', undefined, 'type'],
    ['POST', '/v1/templates', { title: '', message: 'Hi', type: 'mobile' }, 'title'],
    ['POST', '/v1/templates', { title: 'x'.repeat(101), message: 'Hi', type: 'mobile' }, 'title'],
    ['POST', '/v1/templates', { title: 'T', message: '', type: 'mobile' }, 'message'],
    ['POST', '/v1/templates', { title: 'T', message: 'x'.repeat(2001), type: 'mobile' }, 'message'],
    ['POST', '/v1/templates', { title: 'T', message: 'Hi', type: 'voice' }, 'type'],
    ['DELETE', '/v1/templates/0', undefined, 'id'],
    ['DELETE', '/v1/templates/1e3', undefined, 'id'],
  ])('refuses %s %s with 400 before calling Afilnet', async (method, path, body, field) => {
    const calls = gateway.sandbox!.requests.filter((entry) => entry.class === 'template').length;

    const response = await request(gateway, method, path, body);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(gateway.sandbox!.requests.filter((entry) => entry.class === 'template').length).toBe(calls);
  });
});
