import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { DeliveryStatusQueryDto } from '../messaging/dto/delivery-status-query.dto.js';
import { BulkSentDto, DeliveryStatusDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import {
  SendVoiceDto,
  SendVoiceFromTemplateDto,
  SendVoiceToGroupDto,
  SendVoiceToGroupFromTemplateDto,
} from './dto/send-voice.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import { VoiceService } from './voice.service.js';

const SANDBOX_NOTE =
  'In sandbox mode nothing is sent: `GET /v1/sandbox/messages?channel=voice` lists what would have been.';

@ApiTags('voice')
@Controller({ path: 'voice', version: '1' })
export class VoiceController {
  constructor(
    private readonly voice: VoiceService,
    private readonly messaging: MessagingService,
  ) {}

  @Post()
  @ApiAfilnetOperation('voice.send', {
    summary: 'Place a text-to-speech call',
    description: `Calls one number and reads \`message\` out, now or at \`scheduledAt\`. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: MessageSentDto, description: 'Afilnet accepted the call.' })
  send(@Body() body: SendVoiceDto): Promise<MessageSentDto> {
    return this.voice.send(body);
  }

  @Post('from-template')
  @ApiAfilnetOperation('voice.sendFromTemplate', {
    summary: 'Place a text-to-speech call from a template',
    description:
      'Calls one number and reads a stored `mobile` template out, its `<placeholders>` filled from `params`. ' +
      SANDBOX_NOTE,
  })
  @ApiCreatedResponse({ type: MessageSentDto, description: 'Afilnet accepted the call.' })
  sendFromTemplate(@Body() body: SendVoiceFromTemplateDto): Promise<MessageSentDto> {
    return this.messaging.sendFromTemplate('voice', body);
  }

  @Post('bulk')
  @ApiAfilnetOperation('voice.sendToGroup', {
    summary: 'Call a contact group with a text-to-speech message',
    description:
      'Calls every contact of a `mobile` group, `countryCode` put in front of their numbers, and reads the same ' +
      `text out. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: BulkSentDto, description: 'Afilnet accepted one call per contact.' })
  sendToGroup(@Body() body: SendVoiceToGroupDto): Promise<BulkSentDto> {
    return this.voice.sendToGroup(body);
  }

  @Post('bulk/from-template')
  @ApiAfilnetOperation('voice.sendToGroupFromTemplate', {
    summary: 'Call a contact group with a template',
    description:
      "Calls every contact of a `mobile` group and reads a stored `mobile` template out, each contact's fields " +
      `filling its \`<placeholders>\`. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: BulkSentDto, description: 'Afilnet accepted one call per contact.' })
  sendToGroupFromTemplate(@Body() body: SendVoiceToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.voice.sendToGroupFromTemplate(body);
  }

  @Get('status')
  @ApiAfilnetOperation('voice.status', {
    summary: 'Get the delivery status of calls',
    description:
      'The delivery status of up to 100 calls by their message ids, normalised to `pending`, `delivered`, ' +
      "`failed` or `unknown`, with Afilnet's own word in `raw`.",
  })
  @ApiOkResponse({
    type: DeliveryStatusDto,
    isArray: true,
    description: 'One entry per call Afilnet reports.',
  })
  status(@Query() query: DeliveryStatusQueryDto): Promise<DeliveryStatusDto[]> {
    return this.messaging.status('voice', query.ids);
  }
}
