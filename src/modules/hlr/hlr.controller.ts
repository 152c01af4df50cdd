import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { HlrRequestDto } from './dto/hlr-request.dto.js';
import { HlrResultDto } from './dto/hlr-result.dto.js';
import { HlrService } from './hlr.service.js';

@ApiTags('hlr')
@Controller({ path: 'hlr', version: '1' })
export class HlrController {
  constructor(private readonly hlr: HlrService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiAfilnetOperation('hlr.check', {
    summary: 'Look up mobile numbers (HLR)',
    description:
      "Asks the mobile networks' home location registers about 1 to 50 numbers in one call: whether each " +
      'exists, its network (name, MCC, MNC), and whether it is ported or roaming. The answer has one entry ' +
      'per number, in the order asked. In sandbox mode the answers are made up but stable; numbers ending in ' +
      '404 are invalid, in 301 ported, in 307 roaming.',
  })
  @ApiOkResponse({ type: [HlrResultDto], description: 'One entry per number, in the order asked.' })
  check(@Body() body: HlrRequestDto): Promise<HlrResultDto[]> {
    return this.hlr.check(body.numbers);
  }
}
