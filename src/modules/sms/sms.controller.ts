import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../common/policies/policy.decorators.js';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import {
  ApiProblemResponses,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import { DeliveryStatusQueryDto } from '../messaging/dto/delivery-status-query.dto.js';
import { BulkSentDto, DeliveryStatusDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import {
  SendSmsDto,
  SendSmsFromTemplateDto,
  SendSmsToGroupDto,
  SendSmsToGroupFromTemplateDto,
  SmsSegmentsRequestDto,
} from './dto/send-sms.dto.js';
import { SmsBulkSentDto, SmsSegmentsDto, SmsSentDto } from './dto/sms-responses.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import { SmsService } from './sms.service.js';

const SANDBOX_NOTE =
  'In sandbox mode nothing is sent: `GET /v1/sandbox/messages?channel=sms` lists what would have been.';

@ApiTags('sms')
@Controller({ path: 'sms', version: '1' })
export class SmsController {
  constructor(
    private readonly sms: SmsService,
    private readonly messaging: MessagingService,
  ) {}

  @Post()
  @ApiAfilnetOperation('sms.send', {
    summary: 'Send an SMS',
    description:
      'Sends one SMS to one mobile number, now or at `scheduledAt`. The answer reports the encoding and the ' +
      `number of segments the text is billed as. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: SmsSentDto, description: 'Afilnet accepted the SMS.' })
  send(@Body() body: SendSmsDto): Promise<SmsSentDto> {
    return this.sms.send(body);
  }

  @Post('from-template')
  @ApiAfilnetOperation('sms.sendFromTemplate', {
    summary: 'Send an SMS from a template',
    description:
      'Sends one SMS whose text is a stored `mobile` template, its `<placeholders>` filled from `params`. ' +
      SANDBOX_NOTE,
  })
  @ApiCreatedResponse({ type: MessageSentDto, description: 'Afilnet accepted the SMS.' })
  sendFromTemplate(@Body() body: SendSmsFromTemplateDto): Promise<MessageSentDto> {
    return this.messaging.sendFromTemplate('sms', body);
  }

  @Post('bulk')
  @ApiAfilnetOperation('sms.sendToGroup', {
    summary: 'Send an SMS to a contact group',
    description:
      'Sends the same SMS to every contact of a `mobile` group, `countryCode` put in front of their numbers. ' +
      SANDBOX_NOTE,
  })
  @ApiCreatedResponse({ type: SmsBulkSentDto, description: 'Afilnet accepted one SMS per contact.' })
  sendToGroup(@Body() body: SendSmsToGroupDto): Promise<SmsBulkSentDto> {
    return this.sms.sendToGroup(body);
  }

  @Post('bulk/from-template')
  @ApiAfilnetOperation('sms.sendToGroupFromTemplate', {
    summary: 'Send an SMS template to a contact group',
    description:
      "Sends a stored `mobile` template to every contact of a `mobile` group; each contact's fields fill the " +
      `template's \`<placeholders>\`. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: BulkSentDto, description: 'Afilnet accepted one SMS per contact.' })
  sendToGroupFromTemplate(@Body() body: SendSmsToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.sms.sendToGroupFromTemplate(body);
  }

  @Get('status')
  @ApiAfilnetOperation('sms.status', {
    summary: 'Get the delivery status of SMS',
    description:
      'The delivery status of up to 100 SMS by their message ids, normalised to `pending`, `delivered`, ' +
      "`failed` or `unknown`, with Afilnet's own word in `raw`.",
  })
  @ApiOkResponse({
    type: DeliveryStatusDto,
    isArray: true,
    description: 'One entry per message Afilnet reports.',
  })
  status(@Query() query: DeliveryStatusQueryDto): Promise<DeliveryStatusDto[]> {
    return this.messaging.status('sms', query.ids);
  }

  @Post('segments')
  @HttpCode(HttpStatus.OK)
  @Scopes('sms')
  @ApiOperation({
    summary: 'Count the segments of an SMS text',
    description:
      'The encoding (`GSM-7` or `UCS-2`), segment count and character count of a text, without sending it ' +
      '(the gateway computes them; Afilnet is not called). GSM-7 fits 160 characters in one segment and 153 per ' +
      'segment when split, its extension characters `€ [ ] { } ~ ^ | \\` counting twice; UCS-2 fits 70, or 67.',
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({ type: SmsSegmentsDto, description: 'How the text would travel.' })
  segments(@Body() body: SmsSegmentsRequestDto): SmsSegmentsDto {
    return this.sms.segments(body);
  }
}
