import type { SandboxClass } from '../sandbox.types.js';
import { chatSandbox } from './chat.sandbox.js';
import { emailSandbox } from './email.sandbox.js';
import { otpSandbox } from './otp.sandbox.js';
import { smsSandbox } from './sms.sandbox.js';
import { userSandbox } from './user.sandbox.js';
import { countrySandbox } from './country.sandbox.js';
import { eventSandbox } from './event.sandbox.js';
import { groupSandbox } from './group.sandbox.js';
import { hlrSandbox } from './hlr.sandbox.js';
import { templateSandbox } from './template.sandbox.js';
import { voiceSandbox } from './voice.sandbox.js';
import { whatsappSandbox } from './whatsapp.sandbox.js';

/** Every simulated Afilnet class by its wire name; a new class is one file and one line here. */
export const SANDBOX_CLASSES: Readonly<Record<string, SandboxClass>> = {
  sms: smsSandbox,
  voice: voiceSandbox,
  email: emailSandbox,
  whatsapp: whatsappSandbox,
  chat: chatSandbox,
  otp: otpSandbox,
  user: userSandbox,
  group: groupSandbox,
  template: templateSandbox,
  hlr: hlrSandbox,
  country: countrySandbox,
  event: eventSandbox,
};
