import { ApiProperty } from '@nestjs/swagger';
import { IsAfilnetPairs } from '../../../common/validation/afilnet-values.validators.js';
import { CONTACT_MOBILE_RULE, FIELD_NAME_RULE, IsContactFields } from './group-rules.js';

const FIELDS_RULES =
  `Field names ${FIELD_NAME_RULE}; values are text or numbers without "," ":" or line breaks (Afilnet's ` +
  `separators), at most 500 characters. \`mobile\` ${CONTACT_MOBILE_RULE}; \`email\` must be an e-mail address.`;

export class AddContactDto {
  @ApiProperty({
    description:
      "The contact's fields, field name → value. It must contain the group's main field (`mobile` or " +
      `\`email\`); fields the group does not have are refused by Afilnet. ${FIELDS_RULES}`,
    type: Object,
    example: { mobile: '600000003', name: 'Eva' },
  })
  @IsAfilnetPairs()
  @IsContactFields(true)
  fields!: Record<string, string | number>;
}

export class ModifyContactDto {
  @ApiProperty({
    description: `The fields to change, field name → new value (at least one). ${FIELDS_RULES}`,
    type: Object,
    example: { name: 'Ana María' },
  })
  @IsAfilnetPairs()
  @IsContactFields(false)
  fields!: Record<string, string | number>;
}
