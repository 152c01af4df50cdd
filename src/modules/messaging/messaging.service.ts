import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { encodePairs, toAfilnetDateTime } from '../../common/afilnet/afilnet-encoding.js';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import type { OperationName, OperationParams } from '../../common/afilnet/afilnet-operations.js';
import { unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import type { GatewayConfig } from '../../config/configuration.js';
import type { TemplateParams } from './dto/message-fields.js';
import type { BulkSentDto, DeliveryStatusDto, MessageSentDto } from './dto/message-responses.dto.js';
import { toBulkSent, toDeliveryStatuses, toMessageSent } from './messaging.results.js';

/** The channels with the same template send and delivery-status methods. */
export type TemplateChannel = 'sms' | 'voice' | 'email';

/** What a from-template send carries, whatever the channel (each channel's DTO validates its own `to`). */
export interface FromTemplateRequest {
  readonly to: string;
  readonly templateId: number;
  readonly params?: TemplateParams | null;
  readonly scheduledAt?: string | null;
}

/**
 * What SMS, voice, e-mail and chat sends have in common: the conversions of shared fields into Afilnet's
 * forms, and the calls whose results are normalised the same way whatever the channel.
 */
@Injectable()
export class MessagingService {
  private readonly timeZone: string;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.timeZone = config.get('afilnet', { infer: true }).timeZone;
  }

  /**
   * `scheduledAt` (validated: ISO 8601 with an offset) as the wall-clock time Afilnet's `scheduledatetime` takes, in
   * the account's zone; absent or null: send now.
   */
  afilnetScheduleTime(scheduledAt: string | null | undefined): string | undefined {
    return scheduledAt == null ? undefined : toAfilnetDateTime(new Date(scheduledAt), this.timeZone);
  }

  /** Template values (validated by IsAfilnetPairs) as Afilnet's `key:value,key:value`; absent or null: none. */
  templateParams(params: TemplateParams | null | undefined): string | undefined {
    return params == null ? undefined : encodePairs(params);
  }

  async send<N extends OperationName>(name: N, params: OperationParams<N>): Promise<MessageSentDto> {
    return toMessageSent(await this.afilnet.call(name, params));
  }

  async sendToGroup<N extends OperationName>(name: N, params: OperationParams<N>): Promise<BulkSentDto> {
    return toBulkSent(await this.afilnet.call(name, params));
  }

  /** A stored template of the channel's type, its `<placeholders>` filled from `params`. */
  sendFromTemplate(channel: TemplateChannel, request: FromTemplateRequest): Promise<MessageSentDto> {
    return this.send(`${channel}.sendFromTemplate`, {
      to: request.to,
      templateId: request.templateId,
      params: this.templateParams(request.params),
      scheduledAt: this.afilnetScheduleTime(request.scheduledAt),
    });
  }

  async status(channel: TemplateChannel, ids: readonly string[]): Promise<DeliveryStatusDto[]> {
    const name = `${channel}.status` as const;
    const result = await this.afilnet.call(name, { ids: ids.join(',') });
    if (typeof result !== 'object' || result === null) {
      throw unreadableResult(name, 'the delivery status is not a list');
    }
    return toDeliveryStatuses(result, this.timeZone);
  }
}
