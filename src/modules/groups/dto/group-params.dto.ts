import { ApiProperty } from '@nestjs/swagger';
import { IsNotIn, Matches } from 'class-validator';
import { IsIdParam } from '../../../common/validation/integer-params.js';
import { FIELD_NAME, FIELD_NAME_RULE, MAIN_FIELDS } from './group-rules.js';

export class GroupParamsDto {
  @ApiProperty({ description: 'The group id (a positive integer).', type: 'integer', minimum: 1, example: 1 })
  @IsIdParam()
  id!: number;
}

export class ContactParamsDto extends GroupParamsDto {
  @ApiProperty({
    description: 'The contact id within the group (a positive integer).',
    type: 'integer',
    minimum: 1,
    example: 1,
  })
  @IsIdParam()
  contactId!: number;
}

export class FieldParamsDto extends GroupParamsDto {
  @ApiProperty({
    description: `The field to delete. Its name ${FIELD_NAME_RULE}. Never \`mobile\` or \`email\`: a group keeps its main field.`,
    example: 'name',
  })
  @Matches(FIELD_NAME, { message: `$property ${FIELD_NAME_RULE}` })
  @IsNotIn(MAIN_FIELDS, {
    message: '$property cannot be mobile or email: a group always keeps its main field',
  })
  field!: string;
}
