import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { encodePairs, toAfilnetDateTime } from '../../common/afilnet/afilnet-encoding.js';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import type { OperationName, OperationParams } from '../../common/afilnet/afilnet-operations.js';
import { unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { SendLedger, type LedgerEntry } from '../ledger/send-ledger.service.js';
import type { TemplateParams } from './dto/message-fields.js';
import type { BulkSentDto, DeliveryStatusDto, MessageSentDto } from './dto/message-responses.dto.js';
import { toBulkSent, toDeliveryStatuses, toMessageSent } from './messaging.results.js';

/** How the ledger names a group send's destination until Afilnet's answer names each contact. */
export function groupDestination(groupId: number): string {
  return `group:${groupId}`;
}

/** What the ledger records of a send besides its operation (see `LedgerEntry`). */
export type LedgerRecord = Omit<LedgerEntry, 'operation'>;

/**
 * One send as the gateway makes it, built from a request before anything is sent: the catalog operation, the
 * parameters Afilnet gets and what the ledger records. The channel's route and a batch recipient build theirs with
 * the same function, so they cannot drift apart.
 */
export interface SendPlan<N extends OperationName = OperationName> {
  readonly name: N;
  readonly params: OperationParams<N>;
  readonly entry: LedgerRecord;
}

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
    private readonly ledger: SendLedger,
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

  /** One message, recorded in the ledger around its Afilnet call; the answer carries the ledger's `id`. */
  send<N extends OperationName>(
    origin: SendOrigin,
    { name, params, entry }: SendPlan<N>,
  ): Promise<MessageSentDto> {
    return this.ledger.single(origin, { operation: name, ...entry }, async () =>
      toMessageSent(await this.afilnet.call(name, params)),
    );
  }

  /** One message per contact of a group; each destination gets its ledger `id`. */
  sendToGroup<N extends OperationName>(
    origin: SendOrigin,
    { name, params, entry }: SendPlan<N>,
  ): Promise<BulkSentDto> {
    return this.ledger.group(origin, { operation: name, ...entry }, async () =>
      toBulkSent(await this.afilnet.call(name, params)),
    );
  }

  /** A stored template of the channel's type, its `<placeholders>` filled from `params`. */
  fromTemplate(
    channel: TemplateChannel,
    request: FromTemplateRequest,
  ): SendPlan<`${TemplateChannel}.sendFromTemplate`> {
    return {
      name: `${channel}.sendFromTemplate`,
      params: {
        to: request.to,
        templateId: request.templateId,
        params: this.templateParams(request.params),
        scheduledAt: this.afilnetScheduleTime(request.scheduledAt),
      },
      entry: {
        to: request.to,
        templateId: request.templateId,
        templateParams: request.params,
        scheduledAt: request.scheduledAt,
        estimatedCredits: 1,
      },
    };
  }

  sendFromTemplate(
    origin: SendOrigin,
    channel: TemplateChannel,
    request: FromTemplateRequest,
  ): Promise<MessageSentDto> {
    return this.send(origin, this.fromTemplate(channel, request));
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
