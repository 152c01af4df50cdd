import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { encodePairs } from '../../common/afilnet/afilnet-encoding.js';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import {
  idOrNull,
  pageOf,
  unreadableResult,
  type PageRequest,
} from '../../common/afilnet/afilnet-result-lists.js';
import { field } from '../../common/afilnet/afilnet-result.js';
import type { CreateGroupDto } from './dto/create-group.dto.js';
import type {
  ContactDeletedDto,
  ContactDto,
  ContactPageDto,
  ContactRemovedDto,
  ContactSavedDto,
  GroupCountryDto,
  GroupCreatedDto,
  GroupFieldDto,
  GroupFieldsDto,
} from './dto/group-responses.dto.js';
import { fieldsAsText, readContact, readFieldNames } from './groups.results.js';

@Injectable()
export class GroupsService {
  constructor(private readonly afilnet: AfilnetHttpService) {}

  async create(request: CreateGroupDto): Promise<GroupCreatedDto> {
    const result = await this.afilnet.call('group.create', {
      name: request.name,
      type: request.type,
      fields: request.fields.join(','),
    });
    return {
      id: idOrNull(field(result, 'id')),
      name: request.name,
      type: request.type,
      fields: request.fields,
    };
  }

  async fields(groupId: number): Promise<GroupFieldsDto> {
    const fields = readFieldNames(await this.afilnet.call('group.fields', { groupId }));
    if (fields === undefined) throw unreadableResult('group.fields', 'the field list is not a list of names');
    return { groupId, fields };
  }

  async addField(groupId: number, name: string): Promise<GroupFieldDto> {
    await this.afilnet.call('group.addField', { groupId, field: name });
    return { groupId, field: name };
  }

  async deleteField(groupId: number, name: string): Promise<GroupFieldDto> {
    await this.afilnet.call('group.deleteField', { groupId, field: name });
    return { groupId, field: name };
  }

  async assignCountry(groupId: number, countryCode: string): Promise<GroupCountryDto> {
    await this.afilnet.call('group.assignCountry', { groupId, countryCode });
    return { groupId, countryCode };
  }

  async contacts(groupId: number, request: PageRequest): Promise<ContactPageDto> {
    const result = await this.afilnet.call('group.contacts', {
      groupId,
      page: request.page,
      pageSize: request.pageSize,
    });
    const page = pageOf(result, request);
    const contacts = page?.items.map(readContact);
    if (page === undefined || contacts === undefined || contacts.includes(undefined)) {
      throw unreadableResult('group.contacts', 'the contact list is not a list of contacts');
    }
    return {
      groupId,
      page: request.page,
      pageSize: request.pageSize,
      total: page.total,
      contacts: contacts as ContactDto[],
    };
  }

  async addContact(groupId: number, fields: Record<string, string | number>): Promise<ContactSavedDto> {
    const result = await this.afilnet.call('group.addContact', { groupId, contact: encodePairs(fields) });
    return { groupId, id: idOrNull(field(result, 'id')), fields: fieldsAsText(fields) };
  }

  async modifyContact(
    groupId: number,
    contactId: number,
    fields: Record<string, string | number>,
  ): Promise<ContactSavedDto> {
    await this.afilnet.call('group.modifyContact', { groupId, contactId, contact: encodePairs(fields) });
    return { groupId, id: contactId, fields: fieldsAsText(fields) };
  }

  async deleteContact(groupId: number, contactId: number): Promise<ContactDeletedDto> {
    await this.afilnet.call('group.deleteContact', { groupId, contactId });
    return { groupId, contactId };
  }

  /** The value's form says which main field it is: an e-mail address or a mobile number. */
  async deleteContactByMain(groupId: number, main: string): Promise<ContactRemovedDto> {
    const contact = encodePairs(isEmail(main) ? { email: main } : { mobile: main });
    await this.afilnet.call('group.deleteContactByMain', { groupId, contact });
    return { groupId, main };
  }
}
