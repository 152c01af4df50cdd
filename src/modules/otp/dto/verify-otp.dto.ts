import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsMobileOrEmail } from '../../../common/validation/destination.validators.js';

export class VerifyOtpDto {
  @ApiProperty({
    description: 'The destination the code was generated for, exactly as given then.',
    example: '34600000000',
  })
  @IsString()
  @IsMobileOrEmail()
  destination!: string;

  @ApiProperty({ description: 'The code the user typed: 4 to 10 letters or digits.', example: '123456' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{4,10}$/, { message: 'code must be 4 to 10 letters or digits' })
  code!: string;
}
