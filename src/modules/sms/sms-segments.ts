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
 * ASCII characters of the GSM-7 basic alphabet (no extension characters, no carriage return, which joins a
 * following line feed into one grapheme). Most texts are made of these only, and the library's per-grapheme
 * analysis costs more than the rest of a send.
 */
const PLAIN_GSM = /^[A-Za-z0-9 \n!"#$%&'()*+,\-./:;<=>?@_]*$/;

/**
 * How an SMS text travels: GSM-7 while every character is in the GSM alphabet (its extension characters,
 * such as `€ [ ] { } ~ ^ | \`, take two places), UCS-2 as soon as one is not (any emoji, most accents).
 */
export function smsSegments(text: string): SmsSegments {
  if (PLAIN_GSM.test(text)) {
    // One code unit, one GSM-7 place and one grapheme per character: the counts need no library.
    return {
      encoding: 'GSM-7',
      segments: text.length <= 160 ? 1 : Math.ceil(text.length / 153),
      characters: text.length,
    };
  }
  const message = new SegmentedMessage(text);
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.graphemes.length,
  };
}
