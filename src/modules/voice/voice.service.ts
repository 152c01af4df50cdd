import { Injectable } from '@nestjs/common';
import type { BulkSentDto, MessageSentDto } from '../messaging/dto/message-responses.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import type {
  SendVoiceDto,
  SendVoiceToGroupDto,
  SendVoiceToGroupFromTemplateDto,
} from './dto/send-voice.dto.js';

@Injectable()
export class VoiceService {
  constructor(private readonly messaging: MessagingService) {}

  send(request: SendVoiceDto): Promise<MessageSentDto> {
    return this.messaging.send('voice.send', {
      to: request.to,
      from: request.from,
      message: request.message,
      language: request.language,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }

  sendToGroup(request: SendVoiceToGroupDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('voice.sendToGroup', {
      countryCode: request.countryCode,
      groupId: request.groupId,
      message: request.message,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }

  sendToGroupFromTemplate(request: SendVoiceToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('voice.sendToGroupFromTemplate', {
      countryCode: request.countryCode,
      groupId: request.groupId,
      templateId: request.templateId,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }
}
