import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { FIELD_NAME, FIELD_NAME_RULE } from './group-rules.js';

export class AddFieldDto {
  @ApiProperty({ description: `Name of the new field; it ${FIELD_NAME_RULE}.`, example: 'birthday' })
  @IsString()
  @Matches(FIELD_NAME, { message: `$property ${FIELD_NAME_RULE}` })
  name!: string;
}
