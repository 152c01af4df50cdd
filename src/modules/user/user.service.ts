import { Injectable } from '@nestjs/common';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { field, numberOrNull } from '../../common/afilnet/afilnet-result.js';
import { AfilnetTransportError } from '../../common/afilnet/afilnet.errors.js';
import type { BalanceDto } from './dto/balance.dto.js';

@Injectable()
export class UserService {
  constructor(private readonly afilnet: AfilnetHttpService) {}

  /** The SDKs read the balance straight from `result`; an object with a `balance` field is accepted too. */
  async balance(): Promise<BalanceDto> {
    const result = await this.afilnet.call('user.balance', {});
    const credits = numberOrNull(result) ?? numberOrNull(field(result, 'balance'));
    if (credits === null) {
      throw new AfilnetTransportError('user', 'getbalance', 'bad_response', 'the balance is not a number');
    }
    return { credits };
  }
}
