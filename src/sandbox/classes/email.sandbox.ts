import { renderTemplate } from '../sandbox.encoding.js';
import {
  deliveryStatus,
  INVALID_PARAMETER,
  sendFromTemplate,
  sendOne,
  sendTemplateToGroup,
  sendToGroup,
  type SandboxChannel,
} from '../sandbox.messaging.js';
import type { SandboxClass } from '../sandbox.types.js';

/** One credit per e-mail: whole credits keep the simulated balance exact. */
const EMAIL_CREDITS = 1;

/** The outbox keeps an e-mail as its subject, a blank line, then the body. */
function emailText(subject: string, body: string): string {
  return `${subject}\n\n${body}`;
}

const EMAIL: SandboxChannel = {
  name: 'email',
  textField: 'email',
  contactType: 'email',
  credits: () => EMAIL_CREDITS,
  // A template has no subject of its own; its title stands in for one.
  fromTemplate: (template, values) => emailText(template.title, renderTemplate(template.message, values)),
};

interface Attachment {
  readonly url: string;
  readonly name: string;
}

function isAttachment(value: unknown): value is Attachment {
  const candidate = value as Partial<Attachment> | null;
  return (
    typeof candidate?.url === 'string' &&
    candidate.url.startsWith('https://') &&
    typeof candidate.name === 'string' &&
    candidate.name !== ''
  );
}

/** `attachments` is a JSON array of `{url, name}`; absent means none, anything else `undefined`. */
function attachmentsOf(text: string | undefined): readonly Attachment[] | undefined {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every(isAttachment) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export const emailSandbox: SandboxClass = {
  sendemail: {
    required: ['subject', 'to', 'email'],
    handle(params, state) {
      const attachments = attachmentsOf(params.attachments);
      if (attachments === undefined) return { error: INVALID_PARAMETER };
      const listed = attachments.map((file) => `\n[attachment] ${file.name} <${file.url}>`).join('');
      return sendOne(state, params, {
        channel: EMAIL.name,
        destination: params.to,
        text: emailText(params.subject, params.email) + listed,
        credits: EMAIL_CREDITS,
      });
    },
  },
  sendemailfromtemplate: {
    required: ['to', 'idtemplate'],
    handle: (params, state) => sendFromTemplate(state, EMAIL, params),
  },
  sendemailtogroup: {
    required: ['subject', 'idgroup', 'email'],
    handle: (params, state) =>
      sendToGroup(state, EMAIL, params, () => emailText(params.subject, params.email)),
  },
  sendemailtogroupfromtemplate: {
    required: ['idgroup', 'idtemplate'],
    handle: (params, state) => sendTemplateToGroup(state, EMAIL, params),
  },
  getdeliverystatus: {
    required: ['messages'],
    handle: (params, state) => deliveryStatus(state, EMAIL, params.messages),
  },
};
