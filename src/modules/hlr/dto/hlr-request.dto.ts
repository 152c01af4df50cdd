import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString } from 'class-validator';
import { IsMsisdn } from '../../../common/validation/destination.validators.js';

export const MAX_HLR_NUMBERS = 50;

export class HlrRequestDto {
  @ApiProperty({
    description:
      `The mobile numbers to look up: always an array, of 1 to ${MAX_HLR_NUMBERS} distinct international ` +
      'numbers (8–15 digits, country code first, no `+`). One lookup is `["34600000000"]`.',
    type: [String],
    example: ['34600000000', '34600000404'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_HLR_NUMBERS)
  @ArrayUnique()
  @IsString({ each: true })
  @IsMsisdn({ each: true })
  numbers!: string[];
}
