import { AfilnetApiError, UNRECOGNISED_UPSTREAM_ERROR } from './afilnet.errors.js';

const answered = (text: string) => new AfilnetApiError('sms', 'sendsms', text);

describe('AfilnetApiError', () => {
  it.each(['NO_CREDITS', 'INCORRECT_OTP', 'E42', 'A'.repeat(64)])(
    'keeps the code-shaped %s as its code',
    (code) => {
      const error = answered(code);
      expect([error.code, error.recognised, error.detail]).toEqual([code, true, undefined]);
    },
  );

  it.each(['no_credits', 'NO CREDITS', 'A'.repeat(65), 'NO_CRÉDITS', '<b>ERROR</b>'])(
    'turns the text %p into UNRECOGNISED',
    (text) => {
      const error = answered(text);
      expect([error.code, error.recognised]).toEqual([UNRECOGNISED_UPSTREAM_ERROR, false]);
      expect(error.message).not.toContain(text);
    },
  );

  it('keeps a redacted, one-line, truncated detail of an unrecognised text', () => {
    const error = answered(
      'Código erróneo\r\npara +34 600 000 099, ana.lopez+tag@example.com: AB12CD caducó ' + 'y '.repeat(200),
    );

    expect(error.detail).toMatch(
      /^Código erróneo para \[number\] \[number\] \[number\] \[number\], \[email\] \[number\] caducó y y/,
    );
    expect(error.detail).not.toMatch(/\d|@|\n/);
    expect(error.detail!.length).toBeLessThanOrEqual(100);
    expect(error.detail!.endsWith('…')).toBe(true);
  });
});
