import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../common/policies/policy.decorators.js';
import { CallerKeyName, Origin, type SendOrigin } from '../../common/auth/caller.decorator.js';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import {
  ApiProblemResponses,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import {
  CheckVerificationDto,
  StartVerificationDto,
  VerificationDto,
  VerificationParamsDto,
} from './dto/verification.dto.js';
import { VerificationsService } from './verifications.service.js';

const OWNERSHIP =
  'A verification belongs to the API key that started it; any other key gets `404 VERIFICATION_NOT_FOUND`.';

/** Gateway-side verification life cycle over Afilnet's OTP class; the routes without Afilnet need `otp`. */
@ApiTags('verifications')
@Controller({ path: 'verifications', version: '1' })
export class VerificationsController {
  constructor(private readonly verifications: VerificationsService) {}

  @Post()
  @ApiAfilnetOperation('otp.generate', {
    summary: 'Start a verification: send a one-time code',
    description:
      'Afilnet generates a code and sends it (SMS for `mobile`, e-mail for `email`); the gateway keeps the ' +
      'verification for `ttlMinutes` and answers its id. The code is never returned, the destination only masked. ' +
      'Each destination may get `VERIFICATION_MAX_STARTS` codes in any `VERIFICATION_WINDOW_MINUTES` (together ' +
      'with `POST /v1/otp`, across API keys), past which `429 TOO_MANY_VERIFICATIONS` with `Retry-After`. The new ' +
      'code supersedes every earlier verification of the destination (they become `canceled` with ' +
      '`reason: superseded`). If Afilnet may have sent the code but the verification could not be started (a ' +
      'timeout, a lost connection, a store that failed after the send), `502 VERIFICATION_SEND_UNCERTAIN`: ' +
      `start a new one. ${OWNERSHIP} In sandbox mode the code is listed by ` +
      '`GET /v1/sandbox/messages?channel=otp`.',
    errors: ['TOO_MANY_VERIFICATIONS', 'VERIFICATION_SEND_UNCERTAIN'],
  })
  @ApiCreatedResponse({
    type: VerificationDto,
    description: 'The code was sent; the verification is pending.',
  })
  start(@Body() body: StartVerificationDto, @Origin() origin: SendOrigin): Promise<VerificationDto> {
    return this.verifications.start(body, origin);
  }

  @Get(':id')
  @Scopes('otp')
  @ApiOperation({
    summary: 'Read a verification',
    description: `Its status, masked destination, attempts left and expiry; Afilnet is not called. ${OWNERSHIP}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'VERIFICATION_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: VerificationDto, description: 'The verification.' })
  find(
    @Param() { id }: VerificationParamsDto,
    @CallerKeyName() caller: string | null,
  ): Promise<VerificationDto> {
    return this.verifications.find(id, caller);
  }

  @Post(':id/check')
  @HttpCode(HttpStatus.OK)
  @ApiAfilnetOperation('otp.verify', {
    summary: 'Check a code',
    description:
      'A pending verification is checked with Afilnet: the right code answers `approved`, a wrong one `pending` ' +
      "while attempts are left and `max_attempts_reached` after the last. The attempts are the destination's " +
      '(`VERIFICATION_MAX_ATTEMPTS` per code, shared with `POST /v1/otp/verify` and across API keys). A ' +
      'verification that is approved, expired, canceled, superseded by a newer code or out of attempts is answered ' +
      'from the gateway without calling Afilnet: a code is never approved twice, nor for another verification. ' +
      'A wrong code is a normal `200` answer; so is any Afilnet error other than a protocol or account one (it ' +
      `counts as a wrong code). ${OWNERSHIP}`,
    errors: ['VERIFICATION_NOT_FOUND'],
  })
  @ApiOkResponse({ type: VerificationDto, description: 'The verification after this check.' })
  check(
    @Param() { id }: VerificationParamsDto,
    @Body() body: CheckVerificationDto,
    @CallerKeyName() caller: string | null,
  ): Promise<VerificationDto> {
    return this.verifications.check(id, body.code, caller);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Scopes('otp')
  @ApiOperation({
    summary: 'Cancel a verification',
    description:
      'A pending verification becomes `canceled` and its code is no longer checked; one that is already ' +
      `approved, expired, canceled or out of attempts is left as it is. Afilnet is not called. ${OWNERSHIP}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'VERIFICATION_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: VerificationDto, description: 'The verification after the cancel.' })
  cancel(
    @Param() { id }: VerificationParamsDto,
    @CallerKeyName() caller: string | null,
  ): Promise<VerificationDto> {
    return this.verifications.cancel(id, caller);
  }
}
