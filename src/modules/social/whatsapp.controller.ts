import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { SendWhatsappFileDto, SendWhatsappMessageDto } from './dto/social-requests.dto.js';
import { SocialService } from './social.service.js';
import { Origin, type SendOrigin } from '../../common/auth/caller.decorator.js';

const SANDBOX_NOTE =
  'In sandbox mode nothing is sent: `GET /v1/sandbox/messages?channel=whatsapp` lists what would have been ' +
  '(channel 100 is the simulated WhatsApp channel).';

@ApiTags('social')
@Controller({ path: 'whatsapp', version: '1' })
export class WhatsappController {
  constructor(private readonly social: SocialService) {}

  @Post('messages')
  @ApiAfilnetOperation('whatsapp.sendMessage', {
    summary: 'Send a WhatsApp message',
    description: `Sends a text to one WhatsApp number through one of the account's WhatsApp channels. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({
    type: MessageSentDto,
    description: 'Afilnet accepted the message (it documents no id or credits for it: they may be null).',
  })
  sendMessage(@Body() body: SendWhatsappMessageDto, @Origin() origin: SendOrigin): Promise<MessageSentDto> {
    return this.social.sendWhatsappMessage(origin, body);
  }

  @Post('files')
  @ApiAfilnetOperation('whatsapp.sendFile', {
    summary: 'Send a file by WhatsApp',
    description:
      'Sends a file, fetched by Afilnet from its `https` URL, to one WhatsApp number, with an optional caption. ' +
      "Afilnet's parameter names for this method are not documented: the gateway sends `url`, `filename` and " +
      `\`caption\` (see the README). ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({
    type: MessageSentDto,
    description: 'Afilnet accepted the file (its result is not documented: id and credits may be null).',
  })
  sendFile(@Body() body: SendWhatsappFileDto, @Origin() origin: SendOrigin): Promise<MessageSentDto> {
    return this.social.sendWhatsappFile(origin, body);
  }
}
