import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { toAfilnetDateTime } from '../../common/afilnet/afilnet-encoding.js';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { idOrNull, pageOf, unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import { field, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { instantOrNull } from './event-time.js';
import type { EventDto, EventPageDto } from './dto/event-page.dto.js';
import type { EventsQueryDto } from './dto/events-query.dto.js';

@Injectable()
export class EventsService {
  private readonly timeZone: string;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.timeZone = config.get('afilnet', { infer: true }).timeZone;
  }

  /** Afilnet speaks local wall-clock dates in its zone (AFILNET_TIMEZONE): sent and read back that way. */
  async list(query: EventsQueryDto): Promise<EventPageDto> {
    const result = await this.afilnet.call('event.list', {
      from: query.from === undefined ? undefined : toAfilnetDateTime(new Date(query.from), this.timeZone),
      to: query.to === undefined ? undefined : toAfilnetDateTime(new Date(query.to), this.timeZone),
      type: query.type,
      page: query.page,
      pageSize: query.pageSize,
    });
    const page = pageOf(result, query);
    if (page === undefined || !page.items.every((entry) => typeof entry === 'object' && entry !== null)) {
      throw unreadableResult('event.list', 'the event list is not a list of events');
    }
    return {
      page: query.page,
      pageSize: query.pageSize,
      total: page.total,
      events: page.items.map((entry) => this.readEvent(entry)),
    };
  }

  private readEvent(entry: unknown): EventDto {
    return {
      id: idOrNull(field(entry, 'idevent') ?? field(entry, 'id')),
      type: stringOrNull(field(entry, 'type')),
      at: instantOrNull(field(entry, 'date') ?? field(entry, 'at'), this.timeZone),
      detail: stringOrNull(field(entry, 'detail') ?? field(entry, 'description')),
    };
  }
}
