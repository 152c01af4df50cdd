import { INVALID_PARAMETER, sendOne } from '../sandbox.messaging.js';
import type { SandboxClass } from '../sandbox.types.js';
import { CHAT_MESSAGE_CREDITS, chatChannel } from './chat.sandbox.js';

/*
 * whatsapp.sendfile's parameter table was never seen: `url`, `filename` and `caption` are the gateway's
 * guesses (its operation catalog marks them inferred), and the simulator accepts exactly those.
 */
export const whatsappSandbox: SandboxClass = {
  sendmessage: {
    required: ['platformid', 'destination', 'message'],
    handle(params, state) {
      if (chatChannel(params.platformid, 'whatsapp') === undefined) return { error: 'CHANNEL_NOT_FOUND' };
      return sendOne(
        state,
        params,
        {
          channel: 'whatsapp',
          destination: params.destination,
          text: params.message,
          credits: CHAT_MESSAGE_CREDITS,
        },
        false,
      );
    },
  },
  sendfile: {
    required: ['platformid', 'destination', 'url'],
    handle(params, state) {
      if (chatChannel(params.platformid, 'whatsapp') === undefined) return { error: 'CHANNEL_NOT_FOUND' };
      if (!params.url.startsWith('https://')) return { error: INVALID_PARAMETER };
      const name = params.filename || params.url;
      const caption = params.caption ? `\n${params.caption}` : '';
      return sendOne(
        state,
        params,
        {
          channel: 'whatsapp',
          destination: params.destination,
          text: `[file] ${name} <${params.url}>${caption}`,
          credits: CHAT_MESSAGE_CREDITS,
        },
        false,
      );
    },
  },
};
