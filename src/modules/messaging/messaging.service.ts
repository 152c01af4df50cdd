import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { encodePairs, toAfilnetDateTime } from '../../common/afilnet/afilnet-encoding.js';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import {
  operation,
  type OperationName,
  type OperationParams,
} from '../../common/afilnet/afilnet-operations.js';
import { AfilnetTransportError } from '../../common/afilnet/afilnet.errors.js';
import type { GatewayConfig } from '../../config/configuration.js';
import type { TemplateParams } from './dto/message-fields.js';
import type { BulkSentDto, DeliveryStatusDto, MessageSentDto } from './dto/message-responses.dto.js';
import { toBulkSent, toDeliveryStatuses, toMessageSent } from './messaging.results.js';

export type StatusOperation = 'sms.status' | 'voice.status' | 'email.status';

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

  /** `scheduledAt` (validated: ISO 8601 with an offset) as Afilnet's wall-clock time; absent or null: send now. */
  scheduledatetime(scheduledAt: string | null | undefined): string | undefined {
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

  async status(name: StatusOperation, ids: readonly string[]): Promise<DeliveryStatusDto[]> {
    const result = await this.afilnet.call(name, { ids: ids.join(',') });
    if (typeof result !== 'object' || result === null) {
      const op = operation(name);
      throw new AfilnetTransportError(
        op.class,
        op.method,
        'bad_response',
        'the delivery status is not a list',
      );
    }
    return toDeliveryStatuses(result, this.timeZone);
  }
}
