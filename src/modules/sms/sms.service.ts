import { Injectable } from '@nestjs/common';
import type { BulkSentDto } from '../messaging/dto/message-responses.dto.js';
import { MessagingService } from '../messaging/messaging.service.js';
import type {
  SendSmsDto,
  SendSmsToGroupDto,
  SendSmsToGroupFromTemplateDto,
  SmsSegmentsRequestDto,
} from './dto/send-sms.dto.js';
import type { SmsBulkSentDto, SmsSegmentsDto, SmsSentDto } from './dto/sms-responses.dto.js';
import { smsSegments } from './sms-segments.js';

@Injectable()
export class SmsService {
  constructor(private readonly messaging: MessagingService) {}

  /** The encoding and segment count are computed here from the text, so the caller sees what it costs. */
  async send(request: SendSmsDto): Promise<SmsSentDto> {
    const sent = await this.messaging.send('sms.send', {
      from: request.from,
      to: request.to,
      sms: request.sms,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
    const { encoding, segments } = smsSegments(request.sms);
    return { ...sent, encoding, segments };
  }

  async sendToGroup(request: SendSmsToGroupDto): Promise<SmsBulkSentDto> {
    const sent = await this.messaging.sendToGroup('sms.sendToGroup', {
      from: request.from,
      countryCode: request.countryCode,
      groupId: request.groupId,
      sms: request.sms,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
    const { encoding, segments } = smsSegments(request.sms);
    return { ...sent, encoding, segments };
  }

  sendToGroupFromTemplate(request: SendSmsToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup('sms.sendToGroupFromTemplate', {
      countryCode: request.countryCode,
      groupId: request.groupId,
      templateId: request.templateId,
      scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
    });
  }

  /** Computed by the gateway alone: nothing is sent and Afilnet is not called. */
  segments(request: SmsSegmentsRequestDto): SmsSegmentsDto {
    return smsSegments(request.sms);
  }
}
