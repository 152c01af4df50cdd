import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { EMAIL_RULE } from '../../../common/validation/destination.validators.js';
import {
  GroupIdField,
  MessageTextField,
  ScheduledAtField,
  TemplateIdField,
  TemplateParamsField,
  type TemplateParams,
} from '../../messaging/dto/message-fields.js';
import { FileUrlField } from '../../../common/validation/file-url.field.js';

export const MAX_SUBJECT_LENGTH = 200;
/** 100 KiB of HTML: well under the gateway's 256 KiB body limit, and more than any sane e-mail needs. */
export const MAX_EMAIL_BODY_LENGTH = 100 * 1024;
export const MAX_ATTACHMENTS = 10;

export function RecipientField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'Recipient e-mail address.', example: 'ana@example.com' }),
    IsString(),
    IsEmail({}, { message: `$property ${EMAIL_RULE}` }),
  );
}

export function SubjectField(): PropertyDecorator {
  return applyDecorators(
    MessageTextField('Subject line, on one line.', MAX_SUBJECT_LENGTH, 'Your invoice'),
    Matches(/^[^\r\n]*$/, { message: '$property must be a single line' }),
  );
}

export function BodyField(): PropertyDecorator {
  return MessageTextField(
    'Body of the e-mail, HTML.',
    MAX_EMAIL_BODY_LENGTH,
    '<p>Hello Ana, your invoice is attached.</p>',
  );
}

export class EmailAttachmentDto {
  @FileUrlField()
  url!: string;

  @ApiProperty({ description: 'File name the recipient sees, 1 to 255 characters.', example: 'invoice.pdf' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(255)
  name!: string;
}

export class SendEmailDto {
  @RecipientField()
  to!: string;

  @SubjectField()
  subject!: string;

  @BodyField()
  email!: string;

  @ApiPropertyOptional({
    description: `Files to attach, 1 to ${MAX_ATTACHMENTS}, each fetched by Afilnet from its URL.`,
    type: [EmailAttachmentDto],
    example: [{ url: 'https://example.com/invoice.pdf', name: 'invoice.pdf' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EmailAttachmentDto)
  attachments?: EmailAttachmentDto[];

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendEmailFromTemplateDto {
  @RecipientField()
  to!: string;

  @TemplateIdField('`email`', 2)
  templateId!: number;

  @TemplateParamsField()
  params?: TemplateParams;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendEmailToGroupDto {
  @SubjectField()
  subject!: string;

  @GroupIdField('email', 2)
  groupId!: number;

  @BodyField()
  email!: string;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendEmailToGroupFromTemplateDto {
  @GroupIdField('email', 2)
  groupId!: number;

  @TemplateIdField('`email`', 2)
  templateId!: number;

  @ScheduledAtField()
  scheduledAt?: string | null;
}
