import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { PaginationQueryDto } from '../../common/validation/pagination.dto.js';
import { AddFieldDto } from './dto/add-field.dto.js';
import { AssignCountryDto } from './dto/assign-country.dto.js';
import { AddContactDto, ModifyContactDto } from './dto/contact.dto.js';
import { CreateGroupDto } from './dto/create-group.dto.js';
import { ContactParamsDto, FieldParamsDto, GroupParamsDto } from './dto/group-params.dto.js';
import {
  ContactDeletedDto,
  ContactPageDto,
  ContactRemovedDto,
  ContactSavedDto,
  GroupCountryDto,
  GroupCreatedDto,
  GroupFieldDto,
  GroupFieldsDto,
} from './dto/group-responses.dto.js';
import { MainFieldQueryDto } from './dto/main-field-query.dto.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@Controller({ path: 'groups', version: '1' })
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiAfilnetOperation('group.create', {
    summary: 'Create a contact group',
    description:
      'Creates a group of `mobile` or `email` contacts with the given field names. The main field (`mobile` ' +
      'or `email`, after the type) must be among the fields; otherwise the request is refused before Afilnet ' +
      'is called.',
  })
  @ApiCreatedResponse({ type: GroupCreatedDto, description: 'The group was created.' })
  create(@Body() body: CreateGroupDto): Promise<GroupCreatedDto> {
    return this.groups.create(body);
  }

  @Get(':id/fields')
  @ApiAfilnetOperation('group.fields', {
    summary: "List a group's fields",
    description: 'The field names of the group, its main field included.',
  })
  @ApiOkResponse({ type: GroupFieldsDto, description: "The group's field names." })
  fields(@Param() { id }: GroupParamsDto): Promise<GroupFieldsDto> {
    return this.groups.fields(id);
  }

  @Post(':id/fields')
  @ApiAfilnetOperation('group.addField', {
    summary: 'Add a field to a group',
    description: "Adds a field to the group's contacts; existing contacts have no value for it yet.",
  })
  @ApiCreatedResponse({ type: GroupFieldDto, description: 'The field was added.' })
  addField(@Param() { id }: GroupParamsDto, @Body() body: AddFieldDto): Promise<GroupFieldDto> {
    return this.groups.addField(id, body.name);
  }

  @Delete(':id/fields/:field')
  @ApiAfilnetOperation('group.deleteField', {
    summary: 'Delete a field from a group',
    description:
      "Deletes the field and every contact's value for it. The main field can never be deleted: `mobile` " +
      'and `email` are refused before Afilnet is called.',
  })
  @ApiOkResponse({ type: GroupFieldDto, description: 'The field was deleted.' })
  deleteField(@Param() { id, field }: FieldParamsDto): Promise<GroupFieldDto> {
    return this.groups.deleteField(id, field);
  }

  @Put(':id/country')
  @ApiAfilnetOperation('group.assignCountry', {
    summary: 'Assign a country to a group',
    description:
      "Sets the group's country by its dialling code; the code must be a real country calling code (checked " +
      'against the ISO 3166 country list before Afilnet is called).',
  })
  @ApiOkResponse({ type: GroupCountryDto, description: 'The country was assigned.' })
  assignCountry(@Param() { id }: GroupParamsDto, @Body() body: AssignCountryDto): Promise<GroupCountryDto> {
    return this.groups.assignCountry(id, body.countryCode);
  }

  @Get(':id/contacts')
  @ApiAfilnetOperation('group.contacts', {
    summary: "List a group's contacts",
    description: "One page of the group's contacts with their fields (`pageSize` at most 100).",
  })
  @ApiOkResponse({ type: ContactPageDto, description: 'One page of contacts.' })
  contacts(@Param() { id }: GroupParamsDto, @Query() query: PaginationQueryDto): Promise<ContactPageDto> {
    return this.groups.contacts(id, query);
  }

  @Post(':id/contacts')
  @ApiAfilnetOperation('group.addContact', {
    summary: 'Add a contact to a group',
    description:
      "Adds a contact given as field name → value. It must have the group's main field; Afilnet receives " +
      'the fields as `field:value,field:value`.',
  })
  @ApiCreatedResponse({ type: ContactSavedDto, description: 'The contact was added.' })
  addContact(@Param() { id }: GroupParamsDto, @Body() body: AddContactDto): Promise<ContactSavedDto> {
    return this.groups.addContact(id, body.fields);
  }

  @Patch(':id/contacts/:contactId')
  @ApiAfilnetOperation('group.modifyContact', {
    summary: 'Modify a contact of a group',
    description:
      "Changes the given fields of a contact. Afilnet's page says the contact's data is overwritten; send " +
      'every field you want to keep to be safe (the sandbox keeps the fields not sent).',
  })
  @ApiOkResponse({ type: ContactSavedDto, description: 'The contact was changed; the fields sent.' })
  modifyContact(
    @Param() { id, contactId }: ContactParamsDto,
    @Body() body: ModifyContactDto,
  ): Promise<ContactSavedDto> {
    return this.groups.modifyContact(id, contactId, body.fields);
  }

  @Delete(':id/contacts/:contactId')
  @ApiAfilnetOperation('group.deleteContact', {
    summary: 'Delete a contact of a group by id',
    description: 'Deletes one contact from the group.',
  })
  @ApiOkResponse({ type: ContactDeletedDto, description: 'The contact was deleted.' })
  deleteContact(@Param() { id, contactId }: ContactParamsDto): Promise<ContactDeletedDto> {
    return this.groups.deleteContact(id, contactId);
  }

  @Delete(':id/contacts')
  @ApiAfilnetOperation('group.deleteContactByMain', {
    summary: 'Delete a contact from a group by its mobile or e-mail',
    description:
      'Deletes the contact whose main field (`mobile` or `email`) has the value given in `main`; useful ' +
      'when the contact id is not known, e.g. on an unsubscribe.',
  })
  @ApiOkResponse({ type: ContactRemovedDto, description: 'The contact was deleted.' })
  deleteContactByMain(
    @Param() { id }: GroupParamsDto,
    @Query() { main }: MainFieldQueryDto,
  ): Promise<ContactRemovedDto> {
    return this.groups.deleteContactByMain(id, main);
  }
}
