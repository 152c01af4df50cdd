import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { CreateTemplateDto, TemplateListQueryDto, TemplateParamsDto } from './dto/template-requests.dto.js';
import { TemplateDeletedDto, TemplateDto } from './dto/template-responses.dto.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('templates')
@Controller({ path: 'templates', version: '1' })
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiAfilnetOperation('template.list', {
    summary: 'List templates',
    description: "The account's active templates, optionally only one channel's.",
  })
  @ApiOkResponse({ type: [TemplateDto], description: 'The templates.' })
  list(@Query() { type }: TemplateListQueryDto): Promise<TemplateDto[]> {
    return this.templates.list(type);
  }

  @Post()
  @ApiAfilnetOperation('template.add', {
    summary: 'Create a template',
    description:
      'Stores a message with `<placeholder>`s for later sends from template (SMS, voice, WhatsApp or e-mail).',
  })
  @ApiCreatedResponse({ type: TemplateDto, description: 'The template was created.' })
  create(@Body() body: CreateTemplateDto): Promise<TemplateDto> {
    return this.templates.create(body);
  }

  @Delete(':id')
  @ApiAfilnetOperation('template.delete', {
    summary: 'Delete a template',
    description: 'Deletes the template; sends that name it afterwards fail with `NOT_ACCESS_TO_TEMPLATE`.',
  })
  @ApiOkResponse({ type: TemplateDeletedDto, description: 'The template was deleted.' })
  delete(@Param() { id }: TemplateParamsDto): Promise<TemplateDeletedDto> {
    return this.templates.delete(id);
  }
}
