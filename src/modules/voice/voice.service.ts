import { Injectable } from '@nestjs/common';
import type {
  BulkSentDto,
  DeliveryStatusDto,
  MessageSentDto,
} from '../messaging/dto/message-responses.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import type {
  SendVoiceDto,
  SendVoiceFromTemplateDto,
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
      scheduledAt: this.messaging.scheduledatetime(request.scheduledAt),
    });
  }

  sendFromTemplate(request: SendVoiceFromTemplateDto): Promise<MessageSentDto> {
    return this.messaging.send('voice.sendFromTemplate', {
      to: request.to,
      templateId: request.templateId,
      params: this.messaging.templateParams(request.params),
      scheduledAt: this.messaging.scheduledatetime(request.scheduledAt),
    });
  }

  sendToGroup(request: SendVoiceToGroupDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('voice.sendToGroup', {
      countryCode: request.countryCode,
      groupId: request.groupId,
      message: request.message,
      scheduledAt: this.messaging.scheduledatetime(request.scheduledAt),
    });
  }

  sendToGroupFromTemplate(request: SendVoiceToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('voice.sendToGroupFromTemplate', {
      countryCode: request.countryCode,
      groupId: request.groupId,
      templateId: request.templateId,
      scheduledAt: this.messaging.scheduledatetime(request.scheduledAt),
    });
  }

  status(ids: readonly string[]): Promise<DeliveryStatusDto[]> {
    return this.messaging.status('voice.status', ids);
  }
}
