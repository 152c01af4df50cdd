import { dispatch } from '../sandbox.dispatcher.js';
import { SandboxState } from '../sandbox.state.js';

const CREDENTIALS = { user: 'u', password: 'p' };

function template(state: SandboxState, method: string, params: Record<string, string> = {}) {
  return dispatch({ class: 'template', method, ...CREDENTIALS, ...params }, CREDENTIALS, state);
}

describe('the template simulator', () => {
  let state: SandboxState;

  beforeEach(() => {
    state = new SandboxState({ initialBalance: 100 });
  });

  it('lists the templates, or one channel’s', () => {
    const all = template(state, 'gettemplates') as { result: { idtemplate: string }[] };
    expect(all.result.map((entry) => entry.idtemplate)).toEqual(['1', '2', '3']);
    expect(template(state, 'gettemplates', { type: 'whatsapp' })).toEqual({
      result: [
        { idtemplate: '3', title: 'Reminder', message: 'Hi <name>, see you tomorrow.', type: 'whatsapp' },
      ],
    });
    expect(template(state, 'gettemplates', { type: 'fax' })).toEqual({ error: 'INCORRECT_TYPE' });
  });

  it('adds a template under a new id and deletes it once', () => {
    expect(template(state, 'addtemplate', { title: 'T', message: 'Hi <name>', type: 'email' })).toEqual({
      result: { id: '4' },
    });
    expect(state.templates.get('4')).toEqual({ id: '4', title: 'T', message: 'Hi <name>', type: 'email' });

    expect(template(state, 'deletetemplate', { idtemplate: '4' })).toEqual({ result: {} });
    expect(template(state, 'deletetemplate', { idtemplate: '4' })).toEqual({
      error: 'NOT_ACCESS_TO_TEMPLATE',
    });
    expect(state.events().map((event) => event.type)).toEqual(['template.deleted', 'template.created']);
  });

  it('refuses an unknown type and missing parameters', () => {
    expect(template(state, 'addtemplate', { title: 'T', message: 'M', type: 'sms' })).toEqual({
      error: 'INCORRECT_TYPE',
    });
    expect(template(state, 'addtemplate', { title: 'T', type: 'mobile' })).toEqual({
      error: 'MISSING_COMPULSORY_PARAM',
    });
    expect(state.templates.size).toBe(3);
  });
});
