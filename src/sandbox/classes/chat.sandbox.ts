import { sendOne } from '../sandbox.messaging.js';
import type { SandboxClass } from '../sandbox.types.js';

export interface SandboxChatChannel {
  readonly platformid: string;
  readonly platform: 'webchat' | 'whatsapp' | 'telegram' | 'operator';
  readonly name: string;
}

/** The simulated account's channels: fixed, so the Swagger examples (WhatsApp 100, web chat 200) always work. */
const SANDBOX_CHAT_CHANNELS: readonly SandboxChatChannel[] = [
  { platformid: '100', platform: 'whatsapp', name: 'Demo WhatsApp' },
  { platformid: '200', platform: 'webchat', name: 'Demo web chat' },
  { platformid: '300', platform: 'telegram', name: 'Demo Telegram' },
];

/** Chat and WhatsApp messages cost one credit each. */
export const CHAT_MESSAGE_CREDITS = 1;

/** The channel with that id on that platform; an id of another platform is not found either. */
export function chatChannel(platformid: string, platform: string): SandboxChatChannel | undefined {
  return SANDBOX_CHAT_CHANNELS.find(
    (channel) => channel.platformid === platformid && channel.platform === platform,
  );
}

export const chatSandbox: SandboxClass = {
  getchatchannels: { required: [], handle: () => ({ result: { list: SANDBOX_CHAT_CHANNELS } }) },
  sendmessage: {
    required: ['platform', 'platformid', 'destination', 'message'],
    handle(params, state) {
      const channel = chatChannel(params.platformid, params.platform);
      if (channel === undefined) return { error: 'CHANNEL_NOT_FOUND' };
      // Chat destinations are platform ids, not phone numbers: there is no route to refuse.
      return sendOne(
        state,
        params,
        {
          channel: 'chat',
          destination: params.destination,
          text: params.message,
          credits: CHAT_MESSAGE_CREDITS,
        },
        false,
      );
    },
  },
};
