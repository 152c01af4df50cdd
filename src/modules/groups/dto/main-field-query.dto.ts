import { ApiProperty } from '@nestjs/swagger';
import { IsMainFieldValue } from './group-rules.js';

export class MainFieldQueryDto {
  @ApiProperty({
    description:
      'The main-field value of the contact to delete: its mobile number (digits, as stored in the group) in ' +
      'a mobile group, its e-mail address in an e-mail group.',
    example: '600000001',
  })
  @IsMainFieldValue()
  main!: string;
}
