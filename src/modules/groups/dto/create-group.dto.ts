import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import {
  FIELD_NAME,
  FIELD_NAME_RULE,
  GROUP_TYPES,
  IncludesMainField,
  MAX_FIELDS,
  type GroupType,
} from './group-rules.js';

export class CreateGroupDto {
  @ApiProperty({ description: 'Name of the group, 1 to 100 characters.', example: 'Spring campaign' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    description: 'Kind of contacts: `mobile` (numbers, for SMS and voice) or `email`.',
    enum: GROUP_TYPES,
    example: 'mobile',
  })
  @IsIn(GROUP_TYPES)
  type!: GroupType;

  @ApiProperty({
    description:
      `The contacts' field names, 1 to ${MAX_FIELDS}, each unique; a name ${FIELD_NAME_RULE}. ` +
      'The main field, `mobile` for a mobile group or `email` for an e-mail group, must be among them.',
    type: [String],
    example: ['mobile', 'name', 'city'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FIELDS)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(FIELD_NAME, { each: true, message: `each of $property ${FIELD_NAME_RULE}` })
  @IncludesMainField('type')
  fields!: string[];
}
