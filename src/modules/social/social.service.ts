import { Injectable } from '@nestjs/common';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { field, numberOrNull, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import { listOf, unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import type { MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import type {
  SendChatMessageDto,
  SendWhatsappFileDto,
  SendWhatsappMessageDto,
} from './dto/social-requests.dto.js';
import type { ChatChannelDto } from './dto/social-responses.dto.js';

function toChatChannel(entry: unknown): ChatChannelDto {
  const id = numberOrNull(field(entry, 'platformid'));
  return {
    channelId: id !== null && Number.isSafeInteger(id) ? id : null,
    platform: stringOrNull(field(entry, 'platform')),
    name: stringOrNull(field(entry, 'name')),
  };
}

@Injectable()
export class SocialService {
  constructor(
    private readonly afilnet: AfilnetHttpService,
    private readonly messaging: MessagingService,
  ) {}

  /** Afilnet documents no result for WhatsApp sends: the message id and credits are null unless it sends them. */
  sendWhatsappMessage(request: SendWhatsappMessageDto): Promise<MessageSentDto> {
    return this.messaging.send('whatsapp.sendMessage', {
      channelId: request.channelId,
      to: request.to,
      message: request.message,
    });
  }

  sendWhatsappFile(request: SendWhatsappFileDto): Promise<MessageSentDto> {
    return this.messaging.send('whatsapp.sendFile', {
      channelId: request.channelId,
      to: request.to,
      fileUrl: request.fileUrl,
      fileName: request.fileName,
      caption: request.caption,
    });
  }

  /** Documented as `{list: [{platformid, platform, name}]}`; a bare array is read too. */
  async chatChannels(): Promise<ChatChannelDto[]> {
    const list = listOf(await this.afilnet.call('chat.channels', {}));
    if (list === undefined) throw unreadableResult('chat.channels', 'the channel list is not a list');
    return list.map(toChatChannel);
  }

  sendChatMessage(request: SendChatMessageDto): Promise<MessageSentDto> {
    return this.messaging.send('chat.sendMessage', {
      platform: request.platform,
      channelId: request.channelId,
      destination: request.destination,
      message: request.message,
    });
  }
}
