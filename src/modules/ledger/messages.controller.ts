import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VisibleTo } from '../../common/auth/caller.decorator.js';
import { AnyKey } from '../../common/policies/policy.decorators.js';
import {
  ApiProblemResponses,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import { MessageDto, MessagePageDto } from './dto/message.dto.js';
import { MessageParamsDto, MessagesQueryDto } from './dto/messages-query.dto.js';
import { MessagesService } from './messages.service.js';

const VISIBILITY =
  'A key sees the messages it sent; a key with the `*` scope (or any caller of a gateway without keys) sees all.';

/** The message ledger (API.md §9): every send the gateway made, with its delivery status. Afilnet is not called. */
@ApiTags('messages')
@AnyKey()
@Controller({ path: 'messages', version: '1' })
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({
    summary: 'List sent messages',
    description:
      'Every send the gateway made — single, template, group (one message per destination), WhatsApp and chat, ' +
      'one-time codes and verifications, batch recipients — newest first, with its status, kept by delivery ' +
      `tracking. Filter by channel, status, destination, batch or creation time; page with \`cursor\`. ${VISIBILITY}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({ type: MessagePageDto, description: 'One page of messages.' })
  list(@Query() query: MessagesQueryDto, @VisibleTo() visibleTo: string | null): Promise<MessagePageDto> {
    return this.messages.list(query, visibleTo);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a sent message',
    description: `One message with every status it has had. ${VISIBILITY} Another key's message answers 404.`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'MESSAGE_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: MessageDto, description: 'The message and its history.' })
  find(@Param() { id }: MessageParamsDto, @VisibleTo() visibleTo: string | null): Promise<MessageDto> {
    return this.messages.find(id, visibleTo);
  }
}
