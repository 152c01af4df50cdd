import { Injectable } from '@nestjs/common';
import type { BulkSentDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import type {
  EmailAttachmentDto,
  SendEmailDto,
  SendEmailToGroupDto,
  SendEmailToGroupFromTemplateDto,
} from './dto/send-email.dto.js';

/**
 * Afilnet takes attachments as one JSON string: `[{"url":…,"name":…}]`. `null` passes validation as "absent"
 * (`@IsOptional`), so it is treated as absent here too.
 */
function attachmentsJson(attachments: readonly EmailAttachmentDto[] | null | undefined): string | undefined {
  return attachments === undefined || attachments === null
    ? undefined
    : JSON.stringify(attachments.map(({ url, name }) => ({ url, name })));
}

@Injectable()
export class EmailService {
  constructor(private readonly messaging: MessagingService) {}

  send(request: SendEmailDto): Promise<MessageSentDto> {
    return this.messaging.send('email.send', {
      to: request.to,
      subject: request.subject,
      email: request.email,
      attachments: attachmentsJson(request.attachments),
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }

  sendToGroup(request: SendEmailToGroupDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('email.sendToGroup', {
      subject: request.subject,
      groupId: request.groupId,
      email: request.email,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }

  sendToGroupFromTemplate(request: SendEmailToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('email.sendToGroupFromTemplate', {
      groupId: request.groupId,
      templateId: request.templateId,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }
}
