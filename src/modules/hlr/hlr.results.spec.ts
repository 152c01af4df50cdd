import { booleanOrNull, readHlrAnswer } from './hlr.results.js';

describe('booleanOrNull', () => {
  it.each([
    [true, true],
    [1, true],
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    [false, false],
    [0, false],
    ['0', false],
    ['no', false],
    ['maybe', null],
    [2, null],
    [null, null],
    [undefined, null],
  ])('reads %p as %p', (value, expected) => {
    expect(booleanOrNull(value)).toBe(expected);
  });
});

describe('readHlrAnswer', () => {
  const entry = {
    destination: '34600000000',
    valid: '1',
    operator: 'Movistar',
    mcc: '214',
    mnc: '07',
    ported: 0,
    roaming: 'false',
  };

  it('normalises an entry and keeps it verbatim in raw', () => {
    expect(readHlrAnswer(['34600000000'], [entry])).toEqual([
      {
        number: '34600000000',
        valid: true,
        network: 'Movistar',
        mcc: '214',
        mnc: '07',
        ported: false,
        roaming: false,
        raw: entry,
      },
    ]);
  });

  it('matches entries by number, in the order asked, with nulls for a number not answered', () => {
    const answer = readHlrAnswer(['34600000001', '34600000000'], { list: [entry] });
    expect(answer?.map((result) => [result.number, result.valid, result.raw])).toEqual([
      ['34600000001', null, null],
      ['34600000000', true, entry],
    ]);
  });

  it('matches unnamed entries by position when there is one per number', () => {
    const answer = readHlrAnswer(['34600000001', '34600000002'], [{ valid: 0 }, { valid: 1 }]);
    expect(answer?.map((result) => [result.number, result.valid])).toEqual([
      ['34600000001', false],
      ['34600000002', true],
    ]);
  });

  it('reads a single entry that is not in a list', () => {
    expect(readHlrAnswer(['34600000000'], entry)?.[0].valid).toBe(true);
  });

  it.each([['valid'], [['valid']], [null]])('refuses %p', (result) => {
    expect(readHlrAnswer(['34600000000'], result)).toBeUndefined();
  });
});
