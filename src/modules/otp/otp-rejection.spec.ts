import { AfilnetApiError, AfilnetTransportError } from '../../common/afilnet/afilnet.errors.js';
import { otpRejection } from './otp-rejection.js';

const answered = (code: string) => new AfilnetApiError('otp', 'verifyotp', code);

describe('otpRejection', () => {
  it.each([
    ['INCORRECT_OTP', 'incorrect_code'],
    ['OTP_EXPIRED', 'expired'],
    ['OTP_NOT_FOUND', 'not_found'],
  ])('keeps the specific reason of %s', (code, reason) => {
    expect(otpRejection(answered(code))).toEqual({ reason, upstreamCode: code });
  });

  it.each(['CODE_NOT_VALID', 'WRONG_CODE', 'NO_CREDITS', 'INCORRECT_TYPE', 'X'])(
    'reads any other Afilnet error (%s) as a rejected code',
    (code) => {
      expect(otpRejection(answered(code))).toEqual({ reason: 'rejected', upstreamCode: code });
    },
  );

  it.each([
    'MISSING_USER',
    'MISSING_PASSWORD',
    'MISSING_CLASS',
    'MISSING_METHOD',
    'MISSING_COMPULSORY_PARAM',
    'MISSING_SOMETHING_NEW',
    'INCORRECT_USER_PASSWORD',
    'INCORRECT_CLASS',
    'INCORRECT_METHOD',
  ])('leaves the protocol or account error %s a failure', (code) => {
    expect(otpRejection(answered(code))).toBeUndefined();
  });

  it('leaves transport failures and other errors failures', () => {
    expect(
      otpRejection(new AfilnetTransportError('otp', 'verifyotp', 'timeout', 'no answer')),
    ).toBeUndefined();
    expect(otpRejection(new Error('boom'))).toBeUndefined();
  });

  it('never echoes an error that is not shaped like a code', () => {
    expect(otpRejection(answered('Code <b>wrong</b> for 34600000000'))).toEqual({
      reason: 'rejected',
      upstreamCode: null,
    });
    expect(otpRejection(answered('A'.repeat(65)))?.upstreamCode).toBeNull();
  });
});
