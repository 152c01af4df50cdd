import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  readonly encoding: SmsEncoding;
  /** Parts the text is sent (and billed) as: GSM-7 160 or 153 per part, UCS-2 70 or 67. */
  readonly segments: number;
  /** Characters as a reader counts them: an emoji, even one built from several code points, is one. */
  readonly characters: number;
}

/**
 * How an SMS text travels: GSM-7 while every character is in the GSM alphabet (its extension characters,
 * such as `€ [ ] { } ~ ^ | \`, take two places), UCS-2 as soon as one is not (any emoji, most accents).
 */
export function smsSegments(text: string): SmsSegments {
  const message = new SegmentedMessage(text);
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.graphemes.length,
  };
}
