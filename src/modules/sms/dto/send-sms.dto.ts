import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
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

export const MAX_SMS_LENGTH = 1600;

/** An SMS sender: a name of up to 11 letters and digits, or a number of up to 15 digits. */
export const SMS_SENDER = /^([A-Za-z0-9]{1,11}|\d{1,15})$/;
export const SMS_SENDER_RULE = 'must be up to 11 letters and digits, or up to 15 digits';

function SmsSenderField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description:
        'Sender shown on the handset: up to 11 letters and digits (a name), or up to 15 digits (a number). ' +
        'Operators in some countries replace it.',
      example: 'Afilnet',
    }),
    IsString(),
    Matches(SMS_SENDER, { message: `$property ${SMS_SENDER_RULE}` }),
  );
}

export function SmsTextField(): PropertyDecorator {
  return MessageTextField(
    'Text of the SMS. Long texts go out as several segments, each one billed (see `POST /v1/sms/segments`).',
    MAX_SMS_LENGTH,
    'Your order has shipped.',
  );
}

export class SendSmsDto {
  @SmsSenderField()
  from!: string;

  @PhoneNumberField('Recipient mobile number.')
  to!: string;

  @SmsTextField()
  sms!: string;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendSmsFromTemplateDto {
  @PhoneNumberField('Recipient mobile number.')
  to!: string;

  @TemplateIdField('`mobile`', 1)
  templateId!: number;

  @TemplateParamsField()
  params?: TemplateParams;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendSmsToGroupDto {
  @SmsSenderField()
  from!: string;

  @CountryCodeField()
  countryCode!: string;

  @GroupIdField('mobile', 1)
  groupId!: number;

  @SmsTextField()
  sms!: string;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SendSmsToGroupFromTemplateDto {
  @CountryCodeField()
  countryCode!: string;

  @GroupIdField('mobile', 1)
  groupId!: number;

  @TemplateIdField('`mobile`', 1)
  templateId!: number;

  @ScheduledAtField()
  scheduledAt?: string | null;
}

export class SmsSegmentsRequestDto {
  @SmsTextField()
  sms!: string;
}
