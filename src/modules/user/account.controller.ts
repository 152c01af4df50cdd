import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { BalanceDto } from './dto/balance.dto.js';
import { UserService } from './user.service.js';

@ApiTags('user')
@Controller({ path: 'account', version: '1' })
export class AccountController {
  constructor(private readonly user: UserService) {}

  @Get('balance')
  @ApiAfilnetOperation('user.balance', {
    summary: 'Get the account balance',
    description:
      "The Afilnet account's remaining credits. Also a cheap check that the gateway's credentials work.",
    validated: false,
  })
  @ApiOkResponse({ type: BalanceDto, description: 'The balance in credits.' })
  balance(): Promise<BalanceDto> {
    return this.user.balance();
  }
}
