import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { DeliveryStatusQueryDto } from '../messaging/dto/delivery-status-query.dto.js';
import { BulkSentDto, DeliveryStatusDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import {
  SendEmailDto,
  SendEmailFromTemplateDto,
  SendEmailToGroupDto,
  SendEmailToGroupFromTemplateDto,
} from './dto/send-email.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import { EmailService } from './email.service.js';

const SANDBOX_NOTE =
  'In sandbox mode nothing is sent: `GET /v1/sandbox/messages?channel=email` lists what would have been.';

@ApiTags('email')
@Controller({ path: 'email', version: '1' })
export class EmailController {
  constructor(
    private readonly email: EmailService,
    private readonly messaging: MessagingService,
  ) {}

  @Post()
  @ApiAfilnetOperation('email.send', {
    summary: 'Send an e-mail',
    description:
      'Sends one HTML e-mail to one address, now or at `scheduledAt`, optionally with attachments that Afilnet ' +
      `fetches from their \`https\` URLs. The sender is the one configured in the Afilnet account. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: MessageSentDto, description: 'Afilnet accepted the e-mail.' })
  send(@Body() body: SendEmailDto): Promise<MessageSentDto> {
    return this.email.send(body);
  }

  @Post('from-template')
  @ApiAfilnetOperation('email.sendFromTemplate', {
    summary: 'Send an e-mail from a template',
    description:
      'Sends one e-mail whose body is a stored `email` template, its `<placeholders>` filled from `params`. ' +
      SANDBOX_NOTE,
  })
  @ApiCreatedResponse({ type: MessageSentDto, description: 'Afilnet accepted the e-mail.' })
  sendFromTemplate(@Body() body: SendEmailFromTemplateDto): Promise<MessageSentDto> {
    return this.messaging.sendFromTemplate('email', body);
  }

  @Post('bulk')
  @ApiAfilnetOperation('email.sendToGroup', {
    summary: 'Send an e-mail to a contact group',
    description: `Sends the same e-mail to every contact of an \`email\` group. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: BulkSentDto, description: 'Afilnet accepted one e-mail per contact.' })
  sendToGroup(@Body() body: SendEmailToGroupDto): Promise<BulkSentDto> {
    return this.email.sendToGroup(body);
  }

  @Post('bulk/from-template')
  @ApiAfilnetOperation('email.sendToGroupFromTemplate', {
    summary: 'Send an e-mail template to a contact group',
    description:
      "Sends a stored `email` template to every contact of an `email` group; each contact's fields fill the " +
      `template's \`<placeholders>\`. ${SANDBOX_NOTE}`,
  })
  @ApiCreatedResponse({ type: BulkSentDto, description: 'Afilnet accepted one e-mail per contact.' })
  sendToGroupFromTemplate(@Body() body: SendEmailToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.email.sendToGroupFromTemplate(body);
  }

  @Get('status')
  @ApiAfilnetOperation('email.status', {
    summary: 'Get the delivery status of e-mails',
    description:
      'The delivery status of up to 100 e-mails by their message ids, normalised to `pending`, `delivered`, ' +
      "`failed` or `unknown`, with Afilnet's own word in `raw`.",
  })
  @ApiOkResponse({
    type: DeliveryStatusDto,
    isArray: true,
    description: 'One entry per e-mail Afilnet reports.',
  })
  status(@Query() query: DeliveryStatusQueryDto): Promise<DeliveryStatusDto[]> {
    return this.messaging.status('email', query.ids);
  }
}
