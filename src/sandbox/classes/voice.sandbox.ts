import { renderTemplate } from '../sandbox.encoding.js';
import {
  deliveryStatus,
  sendFromTemplate,
  sendOne,
  sendTemplateToGroup,
  sendToGroup,
  type SandboxChannel,
} from '../sandbox.messaging.js';
import type { SandboxClass } from '../sandbox.types.js';

/** A text-to-speech call costs a flat 2 credits, whatever its length. */
const VOICE_CALL_CREDITS = 2;

const VOICE: SandboxChannel = {
  name: 'voice',
  textField: 'message',
  contactType: 'mobile',
  credits: () => VOICE_CALL_CREDITS,
  fromTemplate: (template, values) => renderTemplate(template.message, values),
};

export const voiceSandbox: SandboxClass = {
  // `from` is compulsory as Afilnet's page marks it, although its own SDKs never send it.
  sendvoice: {
    required: ['to', 'from', 'message'],
    handle: (params, state) =>
      sendOne(state, params, {
        channel: VOICE.name,
        destination: params.to,
        text: params.message,
        credits: VOICE_CALL_CREDITS,
      }),
  },
  sendvoicefromtemplate: {
    required: ['to', 'idtemplate'],
    handle: (params, state) => sendFromTemplate(state, VOICE, params),
  },
  sendvoicetogroup: {
    required: ['countrycode', 'idgroup', 'message'],
    handle: (params, state) => sendToGroup(state, VOICE, params, () => params.message),
  },
  sendvoicetogroupfromtemplate: {
    required: ['countrycode', 'idgroup', 'idtemplate'],
    handle: (params, state) => sendTemplateToGroup(state, VOICE, params),
  },
  getdeliverystatus: {
    required: ['messages'],
    handle: (params, state) => deliveryStatus(state, VOICE, params.messages),
  },
};
