import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { AddAddressDto } from './dto/add-address.dto.js';
import { AddressAddedDto } from './dto/address-added.dto.js';
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

  @Post('addresses')
  @ApiAfilnetOperation('user.addAddress', {
    summary: 'Add an address to the account',
    description:
      'Adds the address of a holder — a person, or a company with its name — to the Afilnet account, which uses ' +
      "its addresses for number verification. Afilnet's page lists `namelastname`, `iscompany` and " +
      '`companyname`, then was cut off: the address fields are named as `subaccount.addsubaccount` names them.',
  })
  @ApiCreatedResponse({ type: AddressAddedDto, description: 'The address was added.' })
  addAddress(@Body() body: AddAddressDto): Promise<AddressAddedDto> {
    return this.user.addAddress(body);
  }
}
