import { Injectable } from '@nestjs/common';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { idOrNull, listOf, unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import { field, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import type { CreateTemplateDto, TemplateType } from './dto/template-requests.dto.js';
import type { TemplateDeletedDto, TemplateDto } from './dto/template-responses.dto.js';

@Injectable()
export class TemplatesService {
  constructor(private readonly afilnet: AfilnetHttpService) {}

  /** gettemplates' result is not documented: each entry is read loosely, by the names addtemplate takes. */
  async list(type: TemplateType | undefined): Promise<TemplateDto[]> {
    const list = listOf(await this.afilnet.call('template.list', { type }));
    if (list === undefined) throw unreadableResult('template.list', 'the template list is not a list');
    return list.map((entry) => ({
      id: idOrNull(field(entry, 'idtemplate') ?? field(entry, 'id')),
      title: stringOrNull(field(entry, 'title')),
      message: stringOrNull(field(entry, 'message')),
      type: stringOrNull(field(entry, 'type')),
    }));
  }

  async create(request: CreateTemplateDto): Promise<TemplateDto> {
    const result = await this.afilnet.call('template.add', {
      title: request.title,
      message: request.message,
      type: request.type,
    });
    return {
      id: idOrNull(field(result, 'id')),
      title: request.title,
      message: request.message,
      type: request.type,
    };
  }

  async delete(templateId: number): Promise<TemplateDeletedDto> {
    await this.afilnet.call('template.delete', { templateId });
    return { id: templateId };
  }
}
