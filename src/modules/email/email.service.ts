import { Injectable } from '@nestjs/common';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import type { BulkSentDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { groupDestination, MessagingService, type SendPlan } from '../messaging/messaging.service.js';
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

  send(origin: SendOrigin, request: SendEmailDto): Promise<MessageSentDto> {
    return this.messaging.send(origin, this.plan(request));
  }

  /** One e-mail, as `POST /v1/email` sends it and as each recipient of an e-mail batch is sent. */
  plan(request: SendEmailDto): SendPlan<'email.send'> {
    return {
      name: 'email.send',
      params: {
        to: request.to,
        subject: request.subject,
        email: request.email,
        attachments: attachmentsJson(request.attachments),
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: request.to,
        content: request.email,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    };
  }

  sendToGroup(origin: SendOrigin, request: SendEmailToGroupDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(origin, {
      name: 'email.sendToGroup',
      params: {
        subject: request.subject,
        groupId: request.groupId,
        email: request.email,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: groupDestination(request.groupId),
        content: request.email,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    });
  }

  sendToGroupFromTemplate(
    origin: SendOrigin,
    request: SendEmailToGroupFromTemplateDto,
  ): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(origin, {
      name: 'email.sendToGroupFromTemplate',
      params: {
        groupId: request.groupId,
        templateId: request.templateId,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: groupDestination(request.groupId),
        templateId: request.templateId,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    });
  }
}
