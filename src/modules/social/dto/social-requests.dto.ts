import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MessageTextField, PhoneNumberField } from '../../messaging/dto/message-fields.js';
import { FileUrlField } from '../../../common/validation/file-url.field.js';

/** WhatsApp's own limits: 4096 characters for a text, 1024 for a media caption. */
export const MAX_CHAT_MESSAGE_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
export const CHAT_PLATFORMS = ['webchat', 'whatsapp', 'telegram', 'operator'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export function ChannelIdField(example: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description:
        "Id of the account's channel that sends the message (`channelId` in `GET /v1/chat/channels`).",
      type: 'integer',
      minimum: 1,
      example,
    }),
    IsInt(),
    Min(1),
    Max(2_147_483_647),
  );
}

export class SendWhatsappMessageDto {
  @ChannelIdField(100)
  channelId!: number;

  @PhoneNumberField('Recipient WhatsApp number.')
  to!: string;

  @MessageTextField('Message text.', MAX_CHAT_MESSAGE_LENGTH, 'Your order has shipped.')
  message!: string;
}

export class SendWhatsappFileDto {
  @ChannelIdField(100)
  channelId!: number;

  @PhoneNumberField('Recipient WhatsApp number.')
  to!: string;

  @FileUrlField()
  fileUrl!: string;

  @ApiProperty({
    description: 'File name the recipient sees: 1 to 255 characters, no `/` or `\\`.',
    example: 'invoice.pdf',
  })
  @IsString()
  @Matches(/^[^/\\\r\n]*\S[^/\\\r\n]*$/, { message: '$property must be a file name without / or \\' })
  @MaxLength(255)
  fileName!: string;

  @ApiPropertyOptional({
    description: `Text shown under the file, up to ${MAX_CAPTION_LENGTH} characters.`,
    maxLength: MAX_CAPTION_LENGTH,
    example: 'Your invoice for November.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CAPTION_LENGTH)
  caption?: string;
}

export class SendChatMessageDto {
  @ApiProperty({
    description: 'Platform of the channel (`platform` in `GET /v1/chat/channels`).',
    enum: CHAT_PLATFORMS,
    example: 'webchat',
  })
  @IsIn(CHAT_PLATFORMS)
  platform!: ChatPlatform;

  @ChannelIdField(200)
  channelId!: number;

  @ApiProperty({
    description:
      'Recipient on that platform: a phone number for WhatsApp, the conversation id for web chat or Telegram. ' +
      '1 to 100 characters, no spaces.',
    example: 'visitor-42',
  })
  @IsString()
  @Matches(/^\S{1,100}$/, { message: '$property must be 1 to 100 characters without spaces' })
  destination!: string;

  @MessageTextField('Message text.', MAX_CHAT_MESSAGE_LENGTH, 'Hello! How can we help?')
  message!: string;
}
