import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type, type TypeHelpOptions } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { BATCH_CHANNELS, type BatchChannel } from '../../../database/schema.js';
import { BodyField, RecipientField, SubjectField } from '../../email/dto/send-email.dto.js';
import {
  MessageTextField,
  PhoneNumberField,
  ScheduledAtField,
  TemplateIdField,
  TemplateParamsField,
  type TemplateParams,
} from '../../messaging/dto/message-fields.js';
import { SMS_SENDER, SMS_SENDER_RULE, SmsTextField } from '../../sms/dto/send-sms.dto.js';
import { isMsisdn, MSISDN_RULE } from '../../../common/validation/destination.validators.js';
import { ChannelIdField, MAX_CHAT_MESSAGE_LENGTH } from '../../social/dto/social-requests.dto.js';
import { LanguageField, SpokenTextField } from '../../voice/dto/send-voice.dto.js';

export const MAX_BATCH_RECIPIENTS = 10_000;

/** The example Swagger's "Try it out" sends (docs/batches.md walks through it). */
export const THREE_SMS = {
  channel: 'sms',
  from: 'Afilnet',
  recipients: [
    { to: '34600000001', text: 'Hello Ana, your table is booked for 21:00.' },
    { to: '34600000002', text: 'Hello Luis, your table is booked for 21:30.' },
    { to: '34600000003', text: 'Hello Marta, your table is booked for 22:00.' },
  ],
};

/*
 * A batch's recipients are validated as the single sends they become: each channel's recipient class carries the
 * same field rules as `POST /v1/sms`, `/v1/voice`, `/v1/email` and `/v1/whatsapp/messages`, and which class applies
 * is chosen from the batch's `channel` and whether it names a `templateId`.
 */

export class SmsRecipientDto {
  @PhoneNumberField('Recipient mobile number.')
  to!: string;

  @SmsTextField()
  text!: string;
}

export class VoiceRecipientDto {
  @PhoneNumberField('Number to call.')
  to!: string;

  @SpokenTextField()
  text!: string;
}

export class EmailRecipientDto {
  @RecipientField()
  to!: string;

  @BodyField()
  text!: string;

  @ApiPropertyOptional({ description: "This recipient's subject line, instead of the batch's `subject`." })
  @IsOptional()
  @SubjectField()
  subject?: string;
}

export class WhatsappRecipientDto {
  @PhoneNumberField('Recipient WhatsApp number.')
  to!: string;

  @MessageTextField('Message text.', MAX_CHAT_MESSAGE_LENGTH, 'Your order has shipped.')
  text!: string;
}

/** A recipient of a template batch (SMS or voice): its own values for the template's placeholders. */
export class TemplateRecipientDto {
  @PhoneNumberField('Recipient number.')
  to!: string;

  @TemplateParamsField()
  params?: TemplateParams;
}

export class EmailTemplateRecipientDto {
  @RecipientField()
  to!: string;

  @TemplateParamsField()
  params?: TemplateParams;
}

export type BatchRecipientDto =
  | SmsRecipientDto
  | VoiceRecipientDto
  | EmailRecipientDto
  | WhatsappRecipientDto
  | TemplateRecipientDto
  | EmailTemplateRecipientDto;

const RECIPIENT_CLASSES = [
  SmsRecipientDto,
  VoiceRecipientDto,
  EmailRecipientDto,
  WhatsappRecipientDto,
  TemplateRecipientDto,
  EmailTemplateRecipientDto,
];

type BatchBody = { channel?: unknown; templateId?: unknown };

const isTemplated = (body: BatchBody): boolean => body.templateId !== undefined && body.templateId !== null;

/** The recipient class a batch's body calls for (an unknown channel gets the SMS one; `channel` is refused anyway). */
function recipientClass(options?: TypeHelpOptions): new () => BatchRecipientDto {
  const batch = (options?.object ?? {}) as BatchBody;
  const templated = isTemplated(batch);
  switch (batch.channel) {
    case 'voice':
      return templated ? TemplateRecipientDto : VoiceRecipientDto;
    case 'email':
      return templated ? EmailTemplateRecipientDto : EmailRecipientDto;
    case 'whatsapp':
      return WhatsappRecipientDto;
    default:
      return templated ? TemplateRecipientDto : SmsRecipientDto;
  }
}

/** A batch field only some channels take: refused (not ignored) on the others. */
function OnlyFor(channels: readonly BatchChannel[]): PropertyDecorator {
  return ValidateBy({
    name: 'onlyForChannels',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined || channels.includes((args?.object as BatchBody).channel as BatchChannel),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} is only for ${channels.join(' and ')} batches`,
    },
  });
}

/** `/v1/sms`'s sender rule for an SMS batch, `/v1/voice`'s caller number for a voice one. */
function IsBatchSender(): PropertyDecorator {
  return ValidateBy({
    name: 'isBatchSender',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const channel = (args?.object as BatchBody).channel;
        if (channel === 'voice') return isMsisdn(value);
        return channel !== 'sms' || (typeof value === 'string' && SMS_SENDER.test(value));
      },
      defaultMessage: (args?: ValidationArguments) => {
        const channel = (args?.object as BatchBody).channel as string;
        if (args?.value === undefined) return `from is required by ${channel} text batches`;
        return channel === 'voice' ? `from ${MSISDN_RULE}` : `from ${SMS_SENDER_RULE}`;
      },
    },
  });
}

/** `POST /v1/batches` (API.md §12). */
export class CreateBatchDto {
  @ApiProperty({
    description: 'The channel every recipient is sent on.',
    enum: BATCH_CHANNELS,
    example: 'sms',
  })
  @IsIn(BATCH_CHANNELS)
  channel!: BatchChannel;

  @ApiPropertyOptional({
    description:
      'The sender of `sms` and `voice` text batches, required there: for `sms` up to 11 letters and digits or up ' +
      'to 15 digits; for `voice` the caller number, an international number. Not used by template batches (the ' +
      'template carries it), `email` or `whatsapp`.',
    example: 'Afilnet',
  })
  @ValidateIf((body: CreateBatchDto) => body.from !== undefined || needsSender(body))
  @OnlyFor(['sms', 'voice'])
  @IsBatchSender()
  from?: string;

  @ApiPropertyOptional({
    description:
      'WhatsApp only, required there: the channel that sends (`channelId` in `GET /v1/chat/channels`).',
  })
  @ValidateIf((body: CreateBatchDto) => body.channel === 'whatsapp' || body.channelId !== undefined)
  @OnlyFor(['whatsapp'])
  @ChannelIdField(100)
  channelId?: number;

  @ApiPropertyOptional({
    description:
      'Send a stored template instead of a text (`sms`, `voice`, `email`): each recipient then gives `params` ' +
      'for its placeholders instead of `text`.',
  })
  @ValidateIf((body: CreateBatchDto) => body.templateId !== undefined)
  @OnlyFor(['sms', 'voice', 'email'])
  @TemplateIdField('template of the channel', 1)
  templateId?: number;

  @ApiPropertyOptional({
    description:
      'E-mail text batches: the subject line of every recipient that does not give its own (one of the two is required).',
  })
  @ValidateIf((body: CreateBatchDto) => body.subject !== undefined)
  @OnlyFor(['email'])
  @SubjectField()
  subject?: string;

  @ApiPropertyOptional({
    description: 'Voice text batches: the language of the voice.',
  })
  @ValidateIf((body: CreateBatchDto) => body.language !== undefined)
  @OnlyFor(['voice'])
  @LanguageField()
  language?: string;

  @ValidateIf((body: CreateBatchDto) => body.scheduledAt !== undefined && body.scheduledAt !== null)
  @OnlyFor(['sms', 'voice', 'email'])
  @ScheduledAtField()
  scheduledAt?: string | null;

  @ApiProperty({
    description:
      `1 to ${MAX_BATCH_RECIPIENTS} recipients, each with its destination and either its \`text\` or, in a template ` +
      "batch, its `params`. The fields are the channel's single-send rules (`to` a mobile number, or an e-mail " +
      'address for `email`). Every recipient is validated before anything is queued; a bad one is named by its ' +
      'index, e.g. `recipients[412].to`.',
    type: 'array',
    items: { anyOf: RECIPIENT_CLASSES.map((recipient) => ({ $ref: getSchemaPath(recipient) })) },
    example: THREE_SMS.recipients,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_RECIPIENTS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(recipientClass)
  recipients!: BatchRecipientDto[];
}

function needsSender(body: BatchBody): boolean {
  return (body.channel === 'sms' || body.channel === 'voice') && !isTemplated(body);
}

/** The recipient models, for the OpenAPI document (`@ApiExtraModels`). */
export const BATCH_RECIPIENT_MODELS = RECIPIENT_CLASSES;
