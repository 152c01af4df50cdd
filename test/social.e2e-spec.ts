import { outbox, request, startGateway, type RunningGateway } from './support/gateway.js';
import {
  drainBalance,
  expectUpstreamError,
  expectValidationFailure,
  upstreamCalls,
  LEDGER_ID,
} from './support/messaging.js';

const WHATSAPP = { channelId: 100, to: '34600000001', message: 'Your order has shipped.' };
const FILE = {
  channelId: 100,
  to: '34600000001',
  fileUrl: 'https://example.com/invoice.pdf',
  fileName: 'invoice.pdf',
  caption: 'Your invoice',
};
const CHAT = { platform: 'webchat', channelId: 200, destination: 'visitor-42', message: 'How can we help?' };

describe('WhatsApp and chat over HTTP against the sandbox', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(() => gateway.close());

  beforeEach(() => gateway.sandbox!.state.reset());

  it('sends a WhatsApp message through channel 100', async () => {
    const response = await request(gateway, 'POST', '/v1/whatsapp/messages', WHATSAPP);

    expect([response.status, response.body]).toEqual([201, { id: LEDGER_ID, messageId: '1', credits: 1 }]);
    expect(outbox(gateway)).toEqual([
      expect.objectContaining({ channel: 'whatsapp', destination: '34600000001', text: WHATSAPP.message }),
    ]);
  });

  it('sends a WhatsApp file with its caption, and without one', async () => {
    const withCaption = await request(gateway, 'POST', '/v1/whatsapp/files', FILE);
    const without = await request(gateway, 'POST', '/v1/whatsapp/files', { ...FILE, caption: undefined });

    expect([withCaption.status, without.status]).toEqual([201, 201]);
    expect(outbox(gateway).map((message) => message.text)).toEqual([
      '[file] invoice.pdf <https://example.com/invoice.pdf>',
      '[file] invoice.pdf <https://example.com/invoice.pdf>\nYour invoice',
    ]);
  });

  it('lists the chat channels', async () => {
    const response = await request(gateway, 'GET', '/v1/chat/channels');

    expect([response.status, response.body]).toEqual([
      200,
      [
        { channelId: 100, platform: 'whatsapp', name: 'Demo WhatsApp' },
        { channelId: 200, platform: 'webchat', name: 'Demo web chat' },
        { channelId: 300, platform: 'telegram', name: 'Demo Telegram' },
      ],
    ]);
  });

  it('sends a chat message through a listed channel', async () => {
    const response = await request(gateway, 'POST', '/v1/chat/messages', CHAT);

    expect([response.status, response.body]).toEqual([201, { id: LEDGER_ID, messageId: '1', credits: 1 }]);
    expect(outbox(gateway)[0]).toMatchObject({
      channel: 'chat',
      destination: 'visitor-42',
      text: CHAT.message,
    });
  });

  it.each([
    [
      'an unknown WhatsApp channel',
      '/v1/whatsapp/messages',
      { ...WHATSAPP, channelId: 999 },
      'whatsapp',
      'sendmessage',
    ],
    [
      'a channel that is not WhatsApp',
      '/v1/whatsapp/messages',
      { ...WHATSAPP, channelId: 200 },
      'whatsapp',
      'sendmessage',
    ],
    [
      'an unknown channel for a file',
      '/v1/whatsapp/files',
      { ...FILE, channelId: 999 },
      'whatsapp',
      'sendfile',
    ],
    ['an unknown chat channel', '/v1/chat/messages', { ...CHAT, channelId: 999 }, 'chat', 'sendmessage'],
    [
      'a channel of another platform',
      '/v1/chat/messages',
      { ...CHAT, platform: 'telegram' },
      'chat',
      'sendmessage',
    ],
  ])('answers CHANNEL_NOT_FOUND (404) for %s', async (_label, path, body, cls, method) => {
    const response = await request(gateway, 'POST', path, body);
    expectUpstreamError(response, 404, 'CHANNEL_NOT_FOUND', { class: cls, method });
    expect(outbox(gateway)).toEqual([]);
  });

  it.each([
    ['/v1/whatsapp/messages', WHATSAPP, 'whatsapp', 'sendmessage'],
    ['/v1/whatsapp/files', FILE, 'whatsapp', 'sendfile'],
    ['/v1/chat/messages', CHAT, 'chat', 'sendmessage'],
  ])('POST %s answers NO_CREDITS (402) once the balance runs out', async (path, body, cls, method) => {
    drainBalance(gateway);
    expectUpstreamError(await request(gateway, 'POST', path, body), 402, 'NO_CREDITS', {
      class: cls,
      method,
    });
  });

  it.each([
    ['/v1/whatsapp/messages', 'channel id 0', { ...WHATSAPP, channelId: 0 }, 'channelId'],
    ['/v1/whatsapp/messages', 'a channel id as a string', { ...WHATSAPP, channelId: '100' }, 'channelId'],
    ['/v1/whatsapp/messages', 'a + in the number', { ...WHATSAPP, to: '+34600000001' }, 'to'],
    ['/v1/whatsapp/messages', 'an empty message', { ...WHATSAPP, message: '' }, 'message'],
    [
      '/v1/whatsapp/messages',
      'a message over 4096 characters',
      { ...WHATSAPP, message: 'a'.repeat(4097) },
      'message',
    ],
    ['/v1/whatsapp/files', 'an http file URL', { ...FILE, fileUrl: 'http://example.com/a.pdf' }, 'fileUrl'],
    ['/v1/whatsapp/files', 'a file URL that is no URL', { ...FILE, fileUrl: 'invoice.pdf' }, 'fileUrl'],
    ['/v1/whatsapp/files', 'a path as file name', { ...FILE, fileName: '../etc/passwd' }, 'fileName'],
    ['/v1/whatsapp/files', 'a blank file name', { ...FILE, fileName: ' ' }, 'fileName'],
    [
      '/v1/whatsapp/files',
      'a caption over 1024 characters',
      { ...FILE, caption: 'c'.repeat(1025) },
      'caption',
    ],
    ['/v1/chat/messages', 'an unknown platform', { ...CHAT, platform: 'sms' }, 'platform'],
    ['/v1/chat/messages', 'a destination with spaces', { ...CHAT, destination: 'visitor 42' }, 'destination'],
    ['/v1/chat/messages', 'a blank message', { ...CHAT, message: '\n' }, 'message'],
  ])('POST %s rejects %s with 400 before calling Afilnet', async (path, _label, body, field) => {
    const calls = upstreamCalls(gateway);
    expectValidationFailure(await request(gateway, 'POST', path, body), field);
    expect(upstreamCalls(gateway)).toBe(calls);
  });
});
