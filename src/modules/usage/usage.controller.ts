import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VisibleTo } from '../../common/auth/caller.decorator.js';
import { AnyKey } from '../../common/policies/policy.decorators.js';
import {
  ApiProblemResponses,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import { UsageQueryDto, UsageRowDto } from './dto/usage.dto.js';
import { UsageService } from './usage.service.js';

@ApiTags('usage')
@AnyKey()
@Controller({ path: 'usage', version: '1' })
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @ApiOperation({
    summary: 'Messages and credits by caller, channel and day',
    description:
      'From the message ledger (API.md §11): the messages Afilnet accepted and the credits it charged, grouped by ' +
      'the dimensions asked for, for the last 30 days unless `since`/`until` say otherwise. Refused, interrupted ' +
      'and not yet answered sends are not counted. A key sees its own usage; a `*` key (or any caller of a gateway ' +
      'without keys) everyone’s. Afilnet is not called.',
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({ type: UsageRowDto, isArray: true, description: 'One row per group with messages.' })
  summarize(@Query() query: UsageQueryDto, @VisibleTo() visibleTo: string | null): Promise<UsageRowDto[]> {
    return this.usage.summarize(query, visibleTo);
  }
}
