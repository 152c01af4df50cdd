import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../common/policies/policy.decorators.js';
import {
  ApiProblemResponses,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import { SandboxAddressDto } from './dto/sandbox-addresses.dto.js';
import { SandboxMessageDto, SandboxMessagesQueryDto } from './dto/sandbox-messages.dto.js';
import { SandboxInspectionService } from './sandbox-inspection.service.js';

/** Gateway-only routes (no Afilnet method behind them), present in sandbox mode only. */
@ApiTags('sandbox')
@Scopes('sandbox')
@Controller({ path: 'sandbox', version: '1' })
export class SandboxInspectionController {
  constructor(private readonly inspection: SandboxInspectionService) {}

  @Get('messages')
  @ApiOperation({
    summary: 'List what would have been sent (sandbox mode only)',
    description:
      'Every message the embedded Afilnet simulator accepted, newest first, with its delivery status. Nothing was ' +
      'really sent. This route exists only in sandbox mode (no Afilnet credentials configured).',
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({ type: SandboxMessageDto, isArray: true, description: 'The simulated outbox.' })
  messages(@Query() query: SandboxMessagesQueryDto): SandboxMessageDto[] {
    return this.inspection.messages(query.channel);
  }

  @Get('addresses')
  @ApiOperation({
    summary: 'List the account addresses (sandbox mode only)',
    description:
      'Every address the embedded Afilnet simulator holds, in the order they were added with ' +
      '`POST /v1/account/addresses`. This route exists only in sandbox mode (no Afilnet credentials configured).',
  })
  @ApiProblemResponses([...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({
    type: SandboxAddressDto,
    isArray: true,
    description: "The simulated account's addresses.",
  })
  addresses(): SandboxAddressDto[] {
    return this.inspection.addresses();
  }

  @Post('reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Reset the sandbox (sandbox mode only)',
    description:
      'Empties the simulated outbox and address list, restores the balance and re-seeds the demo groups, ' +
      'templates and verification, as on a fresh start. This route exists only in sandbox mode.',
  })
  @ApiProblemResponses([...POLICY_FAILURES, 'INTERNAL'])
  @ApiNoContentResponse({ description: 'The sandbox is back to its initial state.' })
  reset(): Promise<void> {
    return this.inspection.reset();
  }
}
