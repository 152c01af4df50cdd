import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { Clock } from '../../common/clock/clock.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import { RequestValidationError } from '../../common/errors/request-validation.error.js';
import type { GatewayConfig, VerificationConfig } from '../../config/configuration.js';
import { VerificationStore, type CodeSend } from '../verifications/verification.store.js';
import { codeDestination } from './code-destination.js';
import { codeLedgerEntry, nothingWasSent, readCodeSent, tooManyCodes, type CodeSent } from './code-sends.js';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import { SendLedger } from '../ledger/send-ledger.service.js';
import type { GenerateOtpDto, OtpValidityDto, ValidityUnit } from './dto/generate-otp.dto.js';
import type { OtpSentDto, OtpVerificationDto } from './dto/otp-responses.dto.js';
import type { VerifyOtpDto } from './dto/verify-otp.dto.js';
import { otpRejection } from './otp-rejection.js';

const UNIT_MS: Readonly<Record<ValidityUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 30 * 86_400_000,
  years: 365 * 86_400_000,
};

/**
 * One-time codes straight over Afilnet's OTP class, under the same per-destination rules as verifications: the
 * send limit, the attempt budget and superseding live in the shared `VerificationStore`.
 */
@Injectable()
export class OtpService {
  private readonly logger = new Logger(OtpService.name);
  private readonly limits: VerificationConfig;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    private readonly ledger: SendLedger,
    private readonly store: VerificationStore,
    private readonly clock: Clock,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.limits = config.get('verification', { infer: true });
  }

  /**
   * Afilnet delivers the code itself; whatever code it echoes back is dropped here, never returned. The send is
   * counted (and supersedes earlier verifications of the destination) before Afilnet is called.
   */
  async generate(origin: SendOrigin, request: GenerateOtpDto): Promise<OtpSentDto> {
    const validity = request.validity ?? { time: this.limits.maxValidityMinutes, unit: 'minutes' };
    this.checkValidity(validity);
    const send: CodeSend = {
      id: randomUUID(),
      destination: codeDestination(request.destination, request.type),
    };
    const admission = await this.store.beginSend(send);
    if (!admission.admitted) throw tooManyCodes(admission.retryAfterMs, this.limits);

    let sent: CodeSent;
    try {
      sent = await this.ledger.single(origin, codeLedgerEntry(request), () =>
        this.afilnet
          .call('otp.generate', {
            type: request.type,
            destination: request.destination,
            validity: validity.time,
            validityUnit: validity.unit,
            length: request.length,
            format: request.format,
          })
          .then(readCodeSent),
      );
    } catch (error) {
      if (nothingWasSent(error))
        await this.quietly('restore the destination', () => this.store.cancelSend(send));
      throw error;
    }
    // The code went out: the answer says so even if the budget cannot be reset now (it then stays as it was).
    await this.quietly('reset the attempt count', () => this.store.completeSend(send));
    return {
      id: sent.id,
      destination: request.destination,
      messageId: sent.messageId,
      credits: sent.credits,
      expiresAt: new Date(this.clock.now() + validity.time * UNIT_MS[validity.unit]).toISOString(),
    };
  }

  /**
   * A rejected code is an answer, not a failure: `valid: false` with the reason. Every check that reaches
   * Afilnet spends one of the destination's attempts; once they are spent, Afilnet is not asked again until a
   * new code is sent to the destination.
   */
  async verify(request: VerifyOtpDto): Promise<OtpVerificationDto> {
    const reservation = await this.store.reserveCodeCheck(codeDestination(request.destination));
    if (reservation.outcome === 'exhausted') {
      throw new GatewayError(
        'OTP_ATTEMPTS_EXHAUSTED',
        `${this.limits.maxAttempts} codes were already checked for this destination since its last code was ` +
          'sent; send it a new code (POST /v1/otp or a verification) to check again.',
      );
    }
    if (reservation.outcome === 'superseded') return { valid: false, reason: 'superseded' };
    try {
      await this.afilnet.call('otp.verify', { destination: request.destination, code: request.code });
      return { valid: true };
    } catch (error) {
      const rejection = otpRejection(error);
      if (rejection === undefined) throw error;
      return { valid: false, ...rejection };
    }
  }

  private checkValidity(validity: OtpValidityDto): void {
    const { maxValidityMinutes } = this.limits;
    if (validity.time * UNIT_MS[validity.unit] <= maxValidityMinutes * UNIT_MS.minutes) return;
    throw new RequestValidationError([
      {
        field: 'validity',
        message: `validity must be at most ${maxValidityMinutes} minutes (${maxValidityMinutes / 60} hours)`,
      },
    ]);
  }

  /** A bookkeeping step after the send decides nothing the caller must hear about; it is logged instead. */
  private async quietly(what: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.logger.warn({
        msg: `could not ${what} after a one-time code send`,
        reason: (error as Error).message,
      });
    }
  }
}
