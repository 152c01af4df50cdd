import { ApiProperty } from '@nestjs/swagger';
import { GROUP_TYPES, type GroupType } from './group-rules.js';

const FIELDS_SCHEMA = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class GroupCreatedDto {
  @ApiProperty({
    description:
      "The new group's id. Afilnet's documentation lists no result for creategroup, so it is null when " +
      'Afilnet does not return one.',
    type: 'integer',
    nullable: true,
    example: 3,
  })
  id!: number | null;

  @ApiProperty({ description: 'Name of the group.', example: 'Spring campaign' })
  name!: string;

  @ApiProperty({ description: 'Kind of contacts.', enum: GROUP_TYPES, example: 'mobile' })
  type!: GroupType;

  @ApiProperty({ description: "The contacts' field names.", type: [String], example: ['mobile', 'name'] })
  fields!: string[];
}

export class GroupFieldsDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;

  @ApiProperty({
    description: "The group's field names, as Afilnet lists them (the main field first in the sandbox).",
    type: [String],
    example: ['mobile', 'name'],
  })
  fields!: string[];
}

export class GroupFieldDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;

  @ApiProperty({ description: 'The field added or deleted.', example: 'birthday' })
  field!: string;
}

export class GroupCountryDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;

  @ApiProperty({ description: 'The dialling code now assigned to the group.', example: '34' })
  countryCode!: string;
}

export class ContactDto {
  @ApiProperty({
    description: "The contact's id, null when Afilnet does not report it.",
    type: 'integer',
    nullable: true,
    example: 1,
  })
  id!: number | null;

  @ApiProperty({
    description: "The contact's fields, field name → value.",
    ...FIELDS_SCHEMA,
    example: { mobile: '600000001', name: 'Ana' },
  })
  fields!: Record<string, string>;
}

export class ContactSavedDto extends ContactDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;
}

export class ContactPageDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;

  @ApiProperty({ description: 'This page number.', example: 1 })
  page!: number;

  @ApiProperty({ description: 'Items per page asked for.', example: 20 })
  pageSize!: number;

  @ApiProperty({
    description: 'How many contacts the group has, when Afilnet says.',
    type: 'integer',
    nullable: true,
    example: 2,
  })
  total!: number | null;

  @ApiProperty({ description: "This page's contacts.", type: [ContactDto] })
  contacts!: ContactDto[];
}

export class ContactDeletedDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;

  @ApiProperty({ description: 'The deleted contact id.', example: 1 })
  contactId!: number;
}

export class ContactRemovedDto {
  @ApiProperty({ description: 'The group id.', example: 1 })
  groupId!: number;

  @ApiProperty({ description: 'The main-field value whose contact was deleted.', example: '600000001' })
  main!: string;
}
