import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { SendChatMessageDto } from './dto/social-requests.dto.js';
import { ChatChannelDto } from './dto/social-responses.dto.js';
import { SocialService } from './social.service.js';
import { Origin, type SendOrigin } from '../../common/auth/caller.decorator.js';

@ApiTags('social')
@Controller({ path: 'chat', version: '1' })
export class ChatController {
  constructor(private readonly social: SocialService) {}

  @Get('channels')
  @ApiAfilnetOperation('chat.channels', {
    summary: 'List the chat channels',
    description:
      "The account's active chat channels (web chat, WhatsApp, Telegram, operator) with the ids to send through.",
    validated: false,
  })
  @ApiOkResponse({ type: ChatChannelDto, isArray: true, description: 'The channels.' })
  channels(): Promise<ChatChannelDto[]> {
    return this.social.chatChannels();
  }

  @Post('messages')
  @ApiAfilnetOperation('chat.sendMessage', {
    summary: 'Send a chat message',
    description:
      'Sends a text to a recipient on one chat channel. In sandbox mode nothing is sent: ' +
      '`GET /v1/sandbox/messages?channel=chat` lists what would have been (channel 200 is the simulated web chat).',
  })
  @ApiCreatedResponse({
    type: MessageSentDto,
    description: 'Afilnet accepted the message (its result is not documented: id and credits may be null).',
  })
  sendMessage(@Body() body: SendChatMessageDto, @Origin() origin: SendOrigin): Promise<MessageSentDto> {
    return this.social.sendChatMessage(origin, body);
  }
}
