import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { TemplatesModule } from './templates.module.js';

describe('templates controller (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [TemplatesModule] });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('lists the templates of one type, reading each entry loosely', async () => {
    slice.afilnet.answers('template.list', {
      list: [
        { idtemplate: '4', title: 'Welcome', message: 'Hi <name>', type: 'mobile' },
        { id: 5, title: null },
      ],
    });

    const listed = await slice.request('GET', '/v1/templates?type=mobile');

    expect([listed.status, listed.body]).toEqual([
      200,
      [
        { id: 4, title: 'Welcome', message: 'Hi <name>', type: 'mobile' },
        { id: 5, title: null, message: null, type: null },
      ],
    ]);
    expect(slice.afilnet.calls).toEqual([{ operation: 'template.list', params: { type: 'mobile' } }]);
  });

  it('lists every type without a filter, and refuses an unknown one', async () => {
    slice.afilnet.answers('template.list', []);

    expect((await slice.request('GET', '/v1/templates')).body).toEqual([]);
    expect(slice.afilnet.callsOf('template.list')).toEqual([{}]);
    slice.afilnet.reset();
    expectInvalid(slice, await slice.request('GET', '/v1/templates?type=fax'), ['type']);
  });

  it('answers a template list that is not a list 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.afilnet.answers('template.list', 'none');

    expectProblem(await slice.request('GET', '/v1/templates'), 502, 'UPSTREAM_BAD_RESPONSE');
  });

  it('creates a template and answers it with its id', async () => {
    slice.afilnet.answers('template.add', { id: 9 });

    const created = await slice.request('POST', '/v1/templates', {
      title: 'Welcome',
      message: 'Hi <name>',
      type: 'email',
    });

    expect([created.status, created.body]).toEqual([
      201,
      { id: 9, title: 'Welcome', message: 'Hi <name>', type: 'email' },
    ]);
    expect(slice.afilnet.callsOf('template.add')).toEqual([
      { title: 'Welcome', message: 'Hi <name>', type: 'email' },
    ]);
  });

  it('refuses an empty title and a message over 2000 characters', async () => {
    const refused = await slice.request('POST', '/v1/templates', {
      title: '',
      message: 'x'.repeat(2001),
      type: 'mobile',
    });

    expectInvalid(slice, refused, ['title', 'message']);
  });

  it('deletes a template, mapping an unknown one to 404 NOT_ACCESS_TO_TEMPLATE', async () => {
    slice.afilnet.answers('template.delete', null);
    slice.afilnet.rejects('template.delete', 'NOT_ACCESS_TO_TEMPLATE');

    const deleted = await slice.request('DELETE', '/v1/templates/9');
    const unknown = await slice.request('DELETE', '/v1/templates/10');

    expect([deleted.status, deleted.body]).toEqual([200, { id: 9 }]);
    expectProblem(unknown, 404, 'NOT_ACCESS_TO_TEMPLATE');
    expect(slice.afilnet.callsOf('template.delete')).toEqual([{ templateId: 9 }, { templateId: 10 }]);
  });

  it('refuses an id that is not a positive integer', async () => {
    expectInvalid(slice, await slice.request('DELETE', '/v1/templates/0'), ['id']);
  });
});
