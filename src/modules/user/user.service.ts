import { Injectable } from '@nestjs/common';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { field, numberOrNull } from '../../common/afilnet/afilnet-result.js';
import { unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import { readAddressResult } from './user.results.js';
import type { AddAddressDto } from './dto/add-address.dto.js';
import type { AddressAddedDto } from './dto/address-added.dto.js';
import type { BalanceDto } from './dto/balance.dto.js';

@Injectable()
export class UserService {
  constructor(private readonly afilnet: AfilnetHttpService) {}

  /** The SDKs read the balance straight from `result`; an object with a `balance` field is accepted too. */
  async balance(): Promise<BalanceDto> {
    const result = await this.afilnet.call('user.balance', {});
    const credits = numberOrNull(result) ?? numberOrNull(field(result, 'balance'));
    if (credits === null) {
      throw unreadableResult('user.balance', 'the balance is not a number');
    }
    return { credits };
  }

  /**
   * `iscompany` is Afilnet's 0/1; the country goes in lower case, as subaccount.addsubaccount's page writes it.
   * Fields left out (or null) are not sent.
   */
  async addAddress(request: AddAddressDto): Promise<AddressAddedDto> {
    const result = await this.afilnet.call('user.addAddress', {
      name: request.name,
      isCompany: request.isCompany ? 1 : 0,
      companyName: request.companyName,
      documentId: request.documentId,
      countryCode: request.countryCode?.toLowerCase(),
      cityId: request.cityId,
      cityName: request.cityName,
      zipCode: request.zipCode,
      address: request.address,
    });
    return readAddressResult(result);
  }
}
