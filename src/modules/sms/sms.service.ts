import { Injectable } from '@nestjs/common';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import type { BulkSentDto } from '../messaging/dto/message-responses.dto.js';
import { groupDestination, MessagingService, type SendPlan } from '../messaging/messaging.service.js';
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
  async send(origin: SendOrigin, request: SendSmsDto): Promise<SmsSentDto> {
    const { encoding, segments } = smsSegments(request.sms);
    const sent = await this.messaging.send(origin, this.plan(request, segments));
    return { ...sent, encoding, segments };
  }

  /** One SMS, as `POST /v1/sms` sends it and as each recipient of an SMS batch is sent; billed per segment. */
  plan(request: SendSmsDto, segments = smsSegments(request.sms).segments): SendPlan<'sms.send'> {
    return {
      name: 'sms.send',
      params: {
        from: request.from,
        to: request.to,
        sms: request.sms,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: request.to,
        content: request.sms,
        segments,
        scheduledAt: request.scheduledAt,
        estimatedCredits: segments,
      },
    };
  }

  /** The group's size is unknown before Afilnet expands it: the budget holds one message's cost, then settles. */
  async sendToGroup(origin: SendOrigin, request: SendSmsToGroupDto): Promise<SmsBulkSentDto> {
    const { encoding, segments } = smsSegments(request.sms);
    const sent = await this.messaging.sendToGroup(origin, {
      name: 'sms.sendToGroup',
      params: {
        from: request.from,
        countryCode: request.countryCode,
        groupId: request.groupId,
        sms: request.sms,
        scheduledAt: this.messaging.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: groupDestination(request.groupId),
        content: request.sms,
        segments,
        scheduledAt: request.scheduledAt,
        estimatedCredits: segments,
      },
    });
    return { ...sent, encoding, segments };
  }

  sendToGroupFromTemplate(origin: SendOrigin, request: SendSmsToGroupFromTemplateDto): Promise<BulkSentDto> {
    return this.messaging.sendToGroup(origin, {
      name: 'sms.sendToGroupFromTemplate',
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

  /** Computed by the gateway alone: nothing is sent and Afilnet is not called. */
  segments(request: SmsSegmentsRequestDto): SmsSegmentsDto {
    return smsSegments(request.sms);
  }
}
