import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { GenerateOtpDto } from './dto/generate-otp.dto.js';
import { OtpSentDto, OtpVerificationDto } from './dto/otp-responses.dto.js';
import { VerifyOtpDto } from './dto/verify-otp.dto.js';
import { OtpService } from './otp.service.js';
import { Origin, type SendOrigin } from '../../common/auth/caller.decorator.js';

@ApiTags('otp')
@Controller({ path: 'otp', version: '1' })
export class OtpController {
  constructor(private readonly otp: OtpService) {}

  @Post()
  @ApiAfilnetOperation('otp.generate', {
    summary: 'Generate and send a one-time password',
    description:
      'Afilnet generates a code and sends it to the destination (SMS for `mobile`, e-mail for `email`). ' +
      'The code is never returned to the caller; check what the user typed with `POST /v1/otp/verify`. ' +
      '`validity` is at most `OTP_MAX_VALIDITY_MINUTES` (24 hours by default). A destination (a number, or a ' +
      'mailbox whatever its case or `+tag`) may get `VERIFICATION_MAX_STARTS` codes in any ' +
      '`VERIFICATION_WINDOW_MINUTES`, counted together with verification starts and across API keys; past that, ' +
      '`429 TOO_MANY_VERIFICATIONS` with `Retry-After`. A new code supersedes every earlier verification of the ' +
      'destination and gives it a new attempt budget (see docs/verifications.md). In sandbox mode the simulated ' +
      'message, code included, is listed by the simulator (see README).',
    errors: ['TOO_MANY_VERIFICATIONS'],
  })
  @ApiCreatedResponse({
    type: OtpSentDto,
    description: 'The code was generated and handed to Afilnet for delivery.',
  })
  generate(@Body() body: GenerateOtpDto, @Origin() origin: SendOrigin): Promise<OtpSentDto> {
    return this.otp.generate(origin, body);
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiAfilnetOperation('otp.verify', {
    summary: 'Check a one-time password',
    description:
      'Checks the code against the one generated for the destination. A wrong, expired or unknown code is a ' +
      'normal answer (`200` with `valid: false` and a `reason`), not an error; so is any Afilnet error other than ' +
      'a protocol or account one (`reason: rejected`, with `upstreamCode`). Each check that reaches Afilnet spends ' +
      "one of the destination's `VERIFICATION_MAX_ATTEMPTS` attempts, shared with its verifications and across " +
      'API keys; once they are spent, `429 OTP_ATTEMPTS_EXHAUSTED` and Afilnet is not asked until a new code is ' +
      'sent to the destination.',
    errors: ['OTP_ATTEMPTS_EXHAUSTED'],
  })
  @ApiOkResponse({ type: OtpVerificationDto, description: 'Whether the code matched.' })
  verify(@Body() body: VerifyOtpDto): Promise<OtpVerificationDto> {
    return this.otp.verify(body);
  }
}
