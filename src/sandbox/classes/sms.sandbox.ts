import { SegmentedMessage } from 'sms-segments-calculator';
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

/** One credit per SMS segment, as operators bill them. */
const SMS: SandboxChannel = {
  name: 'sms',
  textField: 'sms',
  contactType: 'mobile',
  credits: (text) => new SegmentedMessage(text).segmentsCount,
  fromTemplate: (template, values) => renderTemplate(template.message, values),
};

export const smsSandbox: SandboxClass = {
  sendsms: {
    required: ['from', 'to', 'sms'],
    handle: (params, state) =>
      sendOne(state, params, {
        channel: SMS.name,
        destination: params.to,
        text: params.sms,
        credits: SMS.credits(params.sms),
      }),
  },
  sendsmsfromtemplate: {
    required: ['to', 'idtemplate'],
    handle: (params, state) => sendFromTemplate(state, SMS, params),
  },
  sendsmstogroup: {
    required: ['from', 'countrycode', 'idgroup', 'sms'],
    handle: (params, state) => sendToGroup(state, SMS, params, () => params.sms),
  },
  sendsmstogroupfromtemplate: {
    required: ['countrycode', 'idgroup', 'idtemplate'],
    handle: (params, state) => sendTemplateToGroup(state, SMS, params),
  },
  getdeliverystatus: {
    required: ['messages'],
    handle: (params, state) => deliveryStatus(state, SMS, params.messages),
  },
};
