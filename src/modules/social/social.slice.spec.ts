import { expectInvalid, expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { SocialModule } from './social.module.js';

describe('WhatsApp and chat controllers (slice: real pipes and filter, fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [SocialModule] });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('sends a WhatsApp text through the chosen channel; an undocumented empty result gives null id and credits', async () => {
    slice.afilnet.answers('whatsapp.sendMessage', null);

    const sent = await slice.request('POST', '/v1/whatsapp/messages', {
      channelId: 100,
      to: '34600000001',
      message: 'Your order has shipped',
    });

    expect([sent.status, sent.body]).toEqual([
      201,
      { id: expect.stringMatching(/^msg_/), messageId: null, credits: null },
    ]);
    expect(slice.afilnet.calls).toEqual([
      {
        operation: 'whatsapp.sendMessage',
        params: { channelId: 100, to: '34600000001', message: 'Your order has shipped' },
      },
    ]);
  });

  it('sends a WhatsApp file with its name and caption', async () => {
    slice.afilnet.answers('whatsapp.sendFile', { messageid: 'W1', credits: 1 });

    const sent = await slice.request('POST', '/v1/whatsapp/files', {
      channelId: 100,
      to: '34600000001',
      fileUrl: 'https://example.com/invoice.pdf',
      fileName: 'invoice.pdf',
      caption: 'November',
    });

    expect([sent.status, sent.body]).toEqual([
      201,
      { id: expect.stringMatching(/^msg_/), messageId: 'W1', credits: 1 },
    ]);
    expect(slice.afilnet.callsOf('whatsapp.sendFile')).toEqual([
      {
        channelId: 100,
        to: '34600000001',
        fileUrl: 'https://example.com/invoice.pdf',
        fileName: 'invoice.pdf',
        caption: 'November',
      },
    ]);
  });

  it('refuses a file that is not on https, a blank file name and a bad channel id', async () => {
    const refused = await slice.request('POST', '/v1/whatsapp/files', {
      channelId: 0,
      to: '34600000001',
      fileUrl: 'ftp://example.com/a.pdf',
      fileName: '   ',
    });

    expectInvalid(slice, refused, ['channelId', 'fileUrl', 'fileName']);
  });

  it('maps an unknown channel to 404 CHANNEL_NOT_FOUND', async () => {
    slice.afilnet.rejects('whatsapp.sendMessage', 'CHANNEL_NOT_FOUND');

    const failed = await slice.request('POST', '/v1/whatsapp/messages', {
      channelId: 999,
      to: '34600000001',
      message: 'hi',
    });

    expectProblem(failed, 404, 'CHANNEL_NOT_FOUND');
    expect(failed.body.upstream).toEqual({
      class: 'whatsapp',
      method: 'sendmessage',
      error: 'CHANNEL_NOT_FOUND',
    });
  });

  it('lists the chat channels from the documented {list: […]} and from a bare array', async () => {
    slice.afilnet.answers('chat.channels', {
      list: [
        { platformid: '200', platform: 'webchat', name: 'Site' },
        { platformid: 'x', platform: 'whatsapp', name: null },
      ],
    });
    slice.afilnet.answers('chat.channels', [{ platformid: 7, platform: 'telegram', name: 'Bot' }]);

    const documented = await slice.request('GET', '/v1/chat/channels');
    const bare = await slice.request('GET', '/v1/chat/channels');

    expect([documented.status, documented.body]).toEqual([
      200,
      [
        { channelId: 200, platform: 'webchat', name: 'Site' },
        { channelId: null, platform: 'whatsapp', name: null },
      ],
    ]);
    expect(bare.body).toEqual([{ channelId: 7, platform: 'telegram', name: 'Bot' }]);
    expect(slice.afilnet.calls).toEqual([
      { operation: 'chat.channels', params: {} },
      { operation: 'chat.channels', params: {} },
    ]);
  });

  it('answers a channel list that is not a list 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.afilnet.answers('chat.channels', { list: 'none' });

    expectProblem(await slice.request('GET', '/v1/chat/channels'), 502, 'UPSTREAM_BAD_RESPONSE');
  });

  it('sends a chat message to a platform conversation', async () => {
    slice.afilnet.answers('chat.sendMessage', { messageid: 3 });

    const sent = await slice.request('POST', '/v1/chat/messages', {
      platform: 'webchat',
      channelId: 200,
      destination: 'visitor-42',
      message: 'Hello!',
    });

    expect([sent.status, sent.body]).toEqual([
      201,
      { id: expect.stringMatching(/^msg_/), messageId: '3', credits: null },
    ]);
    expect(slice.afilnet.callsOf('chat.sendMessage')).toEqual([
      { platform: 'webchat', channelId: 200, destination: 'visitor-42', message: 'Hello!' },
    ]);
  });

  it('refuses an unknown platform and a destination with spaces', async () => {
    const refused = await slice.request('POST', '/v1/chat/messages', {
      platform: 'fax',
      channelId: 200,
      destination: 'two words',
      message: 'Hello!',
    });

    expectInvalid(slice, refused, ['platform', 'destination']);
  });
});
