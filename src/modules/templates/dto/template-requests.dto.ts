import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsIdParam } from '../../../common/validation/integer-params.js';

export const TEMPLATE_TYPES = ['mobile', 'whatsapp', 'email'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

const TYPE_DESCRIPTION =
  'Channel the template is for: `mobile` (SMS and voice), `whatsapp` or `email` (the message is HTML).';

export class TemplateListQueryDto {
  @ApiPropertyOptional({
    description: `Only templates of this channel. ${TYPE_DESCRIPTION}`,
    enum: TEMPLATE_TYPES,
    example: 'mobile',
  })
  @IsOptional()
  @IsIn(TEMPLATE_TYPES)
  type?: TemplateType;
}

export class CreateTemplateDto {
  @ApiProperty({
    description: 'Title of the template, 1 to 100 characters.',
    example: 'Appointment reminder',
  })
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiProperty({
    description:
      "The text, 1 to 2000 characters. `<placeholder>`s are filled at send time from the send's parameters " +
      "or, for group sends, from each contact's fields of the same name.",
    example: 'Hi <name>, your appointment is tomorrow at <time>.',
  })
  @IsString()
  @Length(1, 2000)
  message!: string;

  @ApiProperty({ description: TYPE_DESCRIPTION, enum: TEMPLATE_TYPES, example: 'mobile' })
  @IsIn(TEMPLATE_TYPES)
  type!: TemplateType;
}

export class TemplateParamsDto {
  @ApiProperty({
    description: 'The template id (a positive integer).',
    type: 'integer',
    minimum: 1,
    example: 1,
  })
  @IsIdParam()
  id!: number;
}
