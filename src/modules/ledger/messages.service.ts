import { Injectable } from '@nestjs/common';
import { GatewayError } from '../../common/errors/gateway.error.js';
import { MessageLedger } from '../../database/repositories/message-ledger.repository.js';
import type { MessageDto, MessagePageDto } from './dto/message.dto.js';
import type { MessagesQueryDto } from './dto/messages-query.dto.js';
import { toMessage, toMessageSummary } from './message-view.js';

/** Reading the ledger: each caller its own messages (a `*` key, or a gateway without keys, all of them). */
@Injectable()
export class MessagesService {
  constructor(private readonly ledger: MessageLedger) {}

  async list(query: MessagesQueryDto, visibleTo: string | null): Promise<MessagePageDto> {
    const page = await this.ledger.list({
      visibleTo,
      channel: query.channel,
      status: query.status,
      to: query.to,
      batchId: query.batchId,
      since: query.since === undefined ? undefined : Date.parse(query.since),
      until: query.until === undefined ? undefined : Date.parse(query.until),
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toMessageSummary), nextCursor: page.nextCursor };
  }

  async find(id: string, visibleTo: string | null): Promise<MessageDto> {
    const message = await this.ledger.find(id, visibleTo);
    if (message === undefined) {
      throw new GatewayError('MESSAGE_NOT_FOUND', `No message ${id} belongs to this API key.`);
    }
    return toMessage(message);
  }
}
