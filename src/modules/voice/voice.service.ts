import { Injectable } from '@nestjs/common';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import type { BulkSentDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { groupDestination, MessagingService, type SendPlan } from '../messaging/messaging.service.js';
import type {
  SendVoiceDto,
  SendVoiceToGroupDto,
  SendVoiceToGroupFromTemplateDto,
} from './dto/send-voice.dto.js';

@Injectable()
export class VoiceService {
  constructor(private readonly messaging: MessagingService) {}

  send(origin: SendOrigin, request: SendVoiceDto): Promise<MessageSentDto> {
    return this.messaging.send(origin, this.plan(request));
  }

  /** One call, as `POST /v1/voice` makes it and as each recipient of a voice batch is called. */
  plan(request: SendVoiceDto): SendPlan<'voice.send'> {
    return {
      name: 'voice.send',
      params: {
        to: request.to,
        from: request.from,
        message: request.message,
        language: request.language,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: request.to,
        content: request.message,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    };
  }

  sendToGroup(origin: SendOrigin, request: SendVoiceToGroupDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(origin, {
      name: 'voice.sendToGroup',
      params: {
        countryCode: request.countryCode,
        groupId: request.groupId,
        message: request.message,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: groupDestination(request.groupId),
        content: request.message,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    });
  }

  sendToGroupFromTemplate(
    origin: SendOrigin,
    request: SendVoiceToGroupFromTemplateDto,
  ): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(origin, {
      name: 'voice.sendToGroupFromTemplate',
      params: {
        countryCode: request.countryCode,
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
