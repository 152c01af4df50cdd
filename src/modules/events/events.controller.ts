import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { EventPageDto } from './dto/event-page.dto.js';
import { EventsQueryDto } from './dto/events-query.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@Controller({ path: 'events', version: '1' })
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiAfilnetOperation('event.list', {
    summary: "List the account's events",
    description:
      'What happened on the account (messages sent, groups and contacts changed, …), newest first, one page ' +
      'at a time, optionally within a date range and of one type. Dates are ISO 8601 with an offset; the ' +
      'gateway sends them to Afilnet in its time zone (`AFILNET_TIMEZONE`).',
  })
  @ApiOkResponse({ type: EventPageDto, description: 'One page of events.' })
  list(@Query() query: EventsQueryDto): Promise<EventPageDto> {
    return this.events.list(query);
  }
}
