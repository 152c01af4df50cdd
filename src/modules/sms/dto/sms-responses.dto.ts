import { ApiProperty } from '@nestjs/swagger';
import { BulkSentDto, MessageSentDto } from '../../messaging/dto/message-responses.dto.js';
import type { SmsEncoding } from '../sms-segments.js';

const SMS_ENCODINGS: readonly SmsEncoding[] = ['GSM-7', 'UCS-2'];

const ENCODING_DOC = {
  description:
    'How the text travels: `GSM-7` (160 characters in one segment, 153 per segment when split; `€ [ ] { } ~ ^ | \\` ' +
    'take two places) or `UCS-2` (as soon as one character is outside GSM-7, e.g. an emoji: 70, or 67 per segment).',
  enum: SMS_ENCODINGS,
  example: 'GSM-7',
};

const SEGMENTS_DOC = {
  description: 'Segments each message is sent as; operators bill every segment.',
  example: 1,
};

export class SmsSentDto extends MessageSentDto {
  @ApiProperty(ENCODING_DOC)
  encoding!: SmsEncoding;

  @ApiProperty(SEGMENTS_DOC)
  segments!: number;
}

export class SmsBulkSentDto extends BulkSentDto {
  @ApiProperty(ENCODING_DOC)
  encoding!: SmsEncoding;

  @ApiProperty({ ...SEGMENTS_DOC, description: `${SEGMENTS_DOC.description} Per recipient.` })
  segments!: number;
}

export class SmsSegmentsDto {
  @ApiProperty(ENCODING_DOC)
  encoding!: SmsEncoding;

  @ApiProperty(SEGMENTS_DOC)
  segments!: number;

  @ApiProperty({
    description:
      'Characters as a reader counts them (an emoji, even one made of several code points, is one).',
    example: 24,
  })
  characters!: number;
}
