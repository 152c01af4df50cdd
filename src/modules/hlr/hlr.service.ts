import { Injectable } from '@nestjs/common';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import type { HlrResultDto } from './dto/hlr-result.dto.js';
import { readHlrAnswer } from './hlr.results.js';

@Injectable()
export class HlrService {
  constructor(private readonly afilnet: AfilnetHttpService) {}

  /** One upstream call for all the numbers, comma-separated. */
  async check(numbers: string[]): Promise<HlrResultDto[]> {
    const result = await this.afilnet.call('hlr.check', { numbers: numbers.join(',') });
    const answers = readHlrAnswer(numbers, result);
    if (answers === undefined) throw unreadableResult('hlr.check', 'the HLR answer is not a list of entries');
    return answers;
  }
}
