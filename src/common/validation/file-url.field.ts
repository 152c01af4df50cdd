import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength } from 'class-validator';

export const MAX_FILE_URL_LENGTH = 2048;

/** A file Afilnet fetches itself (attachments, WhatsApp files): an `https` URL, so the file travels encrypted. */
export function FileUrlField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `Where Afilnet fetches the file from: an \`https\` URL, at most ${MAX_FILE_URL_LENGTH} characters.`,
      example: 'https://example.com/invoice.pdf',
    }),
    IsString(),
    MaxLength(MAX_FILE_URL_LENGTH),
    IsUrl({ protocols: ['https'], require_protocol: true }, { message: '$property must be an https URL' }),
  );
}
