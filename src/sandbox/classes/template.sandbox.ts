import type { SandboxTemplate } from '../sandbox.state.js';
import type { SandboxClass } from '../sandbox.types.js';

const TEMPLATE_TYPES: ReadonlySet<string> = new Set(['mobile', 'whatsapp', 'email']);

function isTemplateType(type: string): type is SandboxTemplate['type'] {
  return TEMPLATE_TYPES.has(type);
}

export const templateSandbox: SandboxClass = {
  gettemplates: {
    required: [],
    handle({ type }, state) {
      if (type && !isTemplateType(type)) return { error: 'INCORRECT_TYPE' };
      const templates = [...state.templates.values()].filter((template) => !type || template.type === type);
      return {
        result: templates.map(({ id, title, message, type: channel }) => ({
          idtemplate: id,
          title,
          message,
          type: channel,
        })),
      };
    },
  },

  addtemplate: {
    required: ['title', 'message', 'type'],
    handle({ title, message, type }, state) {
      if (!isTemplateType(type)) return { error: 'INCORRECT_TYPE' };
      const id = state.nextId('template');
      state.templates.set(id, { id, title, message, type });
      state.recordEvent('template.created', `template ${id} "${title}" (${type})`);
      return { result: { id } };
    },
  },

  deletetemplate: {
    required: ['idtemplate'],
    handle({ idtemplate }, state) {
      if (!state.templates.delete(idtemplate)) return { error: 'NOT_ACCESS_TO_TEMPLATE' };
      state.recordEvent('template.deleted', `template ${idtemplate} deleted`);
      return { result: {} };
    },
  },
};
