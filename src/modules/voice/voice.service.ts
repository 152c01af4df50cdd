import { Injectable } from '@nestjs/common';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import type { BulkSentDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { groupDestination, MessagingService } from '../messaging/messaging.service.js';
import type {
  SendVoiceDto,
  SendVoiceToGroupDto,
  SendVoiceToGroupFromTemplateDto,
} from './dto/send-voice.dto.js';

@Injectable()
export class VoiceService {
  constructor(private readonly messaging: MessagingService) {}

  send(origin: SendOrigin, request: SendVoiceDto): Promise<MessageSentDto> {
    return this.messaging.send(
      origin,
      'voice.send',
      {
        to: request.to,
        from: request.from,
        message: request.message,
        language: request.language,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      { to: request.to, content: request.message, scheduledAt: request.scheduledAt, estimatedCredits: 1 },
    );
  }

  sendToGroup(origin: SendOrigin, request: SendVoiceToGroupDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(
      origin,
      'voice.sendToGroup',
      {
        countryCode: request.countryCode,
        groupId: request.groupId,
        message: request.message,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      {
        to: groupDestination(request.groupId),
        content: request.message,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    );
  }

  sendToGroupFromTemplate(
    origin: SendOrigin,
    request: SendVoiceToGroupFromTemplateDto,
  ): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(
      origin,
      'voice.sendToGroupFromTemplate',
      {
        countryCode: request.countryCode,
        groupId: request.groupId,
        templateId: request.templateId,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      {
        to: groupDestination(request.groupId),
        templateId: request.templateId,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    );
  }
}
