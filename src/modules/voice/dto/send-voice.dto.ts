import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import {
  CountryCodeField,
  GroupIdField,
  MessageTextField,
  PhoneNumberField,
  ScheduledAtField,
  TemplateIdField,
  TemplateParamsField,
  type TemplateParams,
} from '../../messaging/dto/message-fields.js';

export const MAX_VOICE_LENGTH = 1000;

export function SpokenTextField(): PropertyDecorator {
  return MessageTextField(
    'Text the call reads out (text-to-speech).',
    MAX_VOICE_LENGTH,
    'Your appointment is tomorrow at ten.',
  );
}

/** The voice reading the text. */
export function LanguageField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        "Language of the voice reading the text: an ISO 639-1 code, optionally with a region (`es`, `EN`, `pt-BR`). Omitted: Afilnet's default.",
      example: 'es',
    }),
    IsOptional(),
    IsString(),
    Matches(/^[A-Za-z]{2}(-[A-Za-z]{2})?$/, {
      message: '$property must be an ISO 639-1 language code such as es or pt-BR',
    }),
  );
}

export class SendVoiceDto {
  @PhoneNumberField('Number to call.')
  to!: string;

  @PhoneNumberField('Caller number shown to the recipient (Afilnet marks it compulsory).', '34900000000')
  from!: string;

  @SpokenTextField()
  message!: string;

  @LanguageField()
  language?: string;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendVoiceFromTemplateDto {
  @PhoneNumberField('Number to call.')
  to!: string;

  @TemplateIdField('`mobile`', 1)
  templateId!: number;

  @TemplateParamsField()
  params?: TemplateParams;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendVoiceToGroupDto {
  @CountryCodeField()
  countryCode!: string;

  @GroupIdField('mobile', 1)
  groupId!: number;

  @SpokenTextField()
  message!: string;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendVoiceToGroupFromTemplateDto {
  @CountryCodeField()
  countryCode!: string;

  @GroupIdField('mobile', 1)
  groupId!: number;

  @TemplateIdField('`mobile`', 1)
  templateId!: number;

  @ScheduledAtField()
  scheduledAt?: string | null;
}
