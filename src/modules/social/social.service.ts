import { Injectable } from '@nestjs/common';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { field, numberOrNull, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import { listOf, unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import type { MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { MessagingService, type SendPlan } from '../messaging/messaging.service.js';
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
  sendWhatsappMessage(origin: SendOrigin, request: SendWhatsappMessageDto): Promise<MessageSentDto> {
    return this.messaging.send(origin, this.whatsappMessagePlan(request));
  }

  /** One WhatsApp message, as `POST /v1/whatsapp/messages` sends it and as each recipient of a WhatsApp batch is. */
  whatsappMessagePlan(request: SendWhatsappMessageDto): SendPlan<'whatsapp.sendMessage'> {
    return {
      name: 'whatsapp.sendMessage',
      params: { channelId: request.channelId, to: request.to, message: request.message },
      entry: { to: request.to, content: request.message, estimatedCredits: 1 },
    };
  }

  /** The ledger keeps the caption as the message's text (the file itself stays where it is). */
  sendWhatsappFile(origin: SendOrigin, request: SendWhatsappFileDto): Promise<MessageSentDto> {
    return this.messaging.send(origin, {
      name: 'whatsapp.sendFile',
      params: {
        channelId: request.channelId,
        to: request.to,
        fileUrl: request.fileUrl,
        fileName: request.fileName,
        caption: request.caption,
      },
      entry: { to: request.to, content: request.caption ?? null, estimatedCredits: 1 },
    });
  }

  /** Documented as `{list: [{platformid, platform, name}]}`; a bare array is read too. */
  async chatChannels(): Promise<ChatChannelDto[]> {
    const list = listOf(await this.afilnet.call('chat.channels', {}));
    if (list === undefined) throw unreadableResult('chat.channels', 'the channel list is not a list');
    return list.map(toChatChannel);
  }

  sendChatMessage(origin: SendOrigin, request: SendChatMessageDto): Promise<MessageSentDto> {
    return this.messaging.send(origin, {
      name: 'chat.sendMessage',
      params: {
        platform: request.platform,
        channelId: request.channelId,
        destination: request.destination,
        message: request.message,
      },
      entry: { to: request.destination, content: request.message, estimatedCredits: 1 },
    });
  }
}
