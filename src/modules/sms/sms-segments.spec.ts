import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { smsSegments } from './sms-segments.js';

describe('smsSegments', () => {
  it.each([
    ['an empty text', '', 'GSM-7', 1],
    ['160 GSM-7 characters', 'a'.repeat(160), 'GSM-7', 1],
    ['161 GSM-7 characters', 'a'.repeat(161), 'GSM-7', 2],
    ['306 GSM-7 characters (2 × 153)', 'a'.repeat(306), 'GSM-7', 2],
    ['307 GSM-7 characters', 'a'.repeat(307), 'GSM-7', 3],
    ['GSM-7 accents that are in the alphabet', 'é'.repeat(160), 'GSM-7', 1],
    ['80 euro signs (extension: 2 places each)', '€'.repeat(80), 'GSM-7', 1],
    ['81 euro signs', '€'.repeat(81), 'GSM-7', 2],
    ['159 letters and one bracket', `${'a'.repeat(159)}[`, 'GSM-7', 2],
    ['70 UCS-2 characters', 'á'.repeat(70), 'UCS-2', 1],
    ['71 UCS-2 characters', 'á'.repeat(71), 'UCS-2', 2],
    ['134 UCS-2 characters (2 × 67)', 'á'.repeat(134), 'UCS-2', 2],
    ['135 UCS-2 characters', 'á'.repeat(135), 'UCS-2', 3],
    ['one emoji in a short text', 'See you 🙂', 'UCS-2', 1],
    ['an emoji that tips the text over 70 UTF-16 units', `${'a'.repeat(69)}😀`, 'UCS-2', 2],
  ])('%s', (_label, text, encoding, segments) => {
    expect(smsSegments(text)).toMatchObject({ encoding, segments });
  });

  it('counts characters as a reader does: an emoji with a skin tone or a family is one', () => {
    expect(smsSegments('👍🏽 ok').characters).toBe(4);
    expect(smsSegments('👨‍👩‍👧').characters).toBe(1);
    expect(smsSegments('€€').characters).toBe(2);
  });

  it('counts plain GSM-7 texts exactly as the library does, around every segment boundary', () => {
    const plain = fc.constantFrom(...'Aa0 \n!"#$%&\'()*+,-./:;<=>?@_'.split(''));
    fc.assert(
      fc.property(
        // Lengths drawn evenly up to three segments: fast-check's default size would keep texts short.
        fc
          .integer({ min: 0, max: 470 })
          .chain((length) => fc.string({ unit: plain, minLength: length, maxLength: length })),
        (text) => {
          const message = new SegmentedMessage(text);
          expect(smsSegments(text)).toEqual({
            encoding: message.encodingName,
            segments: message.segmentsCount,
            characters: message.graphemes.length,
          });
        },
      ),
      { numRuns: 300 },
    );
    for (const length of [152, 153, 154, 159, 160, 161, 305, 306, 307, 459, 460]) {
      expect(smsSegments('a'.repeat(length)).segments).toBe(
        new SegmentedMessage('a'.repeat(length)).segmentsCount,
      );
    }
  });
});
