import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { Clock } from '../../common/clock/clock.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { GatewayConfig, VerificationConfig } from '../../config/configuration.js';
import { codeDestination } from '../otp/code-destination.js';
import {
  mayHaveSent,
  nothingWasSent,
  tooManyCodes,
  codeLedgerEntry,
  readCodeSent,
} from '../otp/code-sends.js';
import { otpRejection, type UpstreamRejectionReason } from '../otp/otp-rejection.js';
import { maskDestination } from './destination-mask.js';
import {
  DEFAULT_TTL_MINUTES,
  type StartVerificationDto,
  type VerificationDto,
} from './dto/verification.dto.js';
import { VerificationStore, type CodeSend, type VerificationRecord } from './verification.store.js';
import type { SendOrigin } from '../../common/auth/caller.decorator.js';
import { SendLedger } from '../ledger/send-ledger.service.js';

const MINUTE_MS = 60_000;

/**
 * Verifications on top of Afilnet's OTP class, which only generates and checks codes: the status life cycle and
 * the ownership by API key live here; the per-destination rules they share with `/v1/otp` (send limit, attempt
 * budget, superseding) live in the `VerificationStore`.
 */
@Injectable()
export class VerificationsService {
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
   * Record first, then send, then complete: the verification is stored `sending` (and counted against the
   * destination's send limit) before Afilnet is called, so no code can go out unrecorded; it becomes pending
   * only once Afilnet has accepted the send.
   */
  async start(request: StartVerificationDto, origin: SendOrigin): Promise<VerificationDto> {
    const ttlMinutes = request.ttlMinutes ?? DEFAULT_TTL_MINUTES;
    const verification: VerificationRecord = {
      id: `VE${randomBytes(16).toString('hex')}`,
      destination: request.destination,
      type: request.type,
      status: 'sending',
      attempts: 0,
      expiresAt: this.clock.now() + ttlMinutes * MINUTE_MS,
      apiKeyName: origin.caller,
    };
    const send: CodeSend = {
      id: verification.id,
      destination: codeDestination(request.destination, request.type),
      verification,
    };
    const admission = await this.store.beginSend(send);
    if (!admission.admitted) throw tooManyCodes(admission.retryAfterMs, this.limits);

    try {
      // Whatever Afilnet answers (it may echo the code) is dropped: the caller must never see the code.
      await this.ledger.single(origin, codeLedgerEntry(request), () =>
        this.afilnet
          .call('otp.generate', {
            type: request.type,
            destination: request.destination,
            validity: ttlMinutes,
            validityUnit: 'minutes',
            length: request.length,
            format: request.format,
          })
          .then(readCodeSent),
      );
    } catch (error) {
      if (mayHaveSent(error)) throw maybeSent(error.message);
      // Afilnet refused: nothing went out, so the verification is removed and the destination left as it was.
      // If the store cannot be reached for that, the record stays `sending` (never shown) until it expires.
      if (nothingWasSent(error)) await this.store.cancelSend(send).catch(() => undefined);
      throw error;
    }
    let completed: VerificationRecord | undefined;
    try {
      completed = await this.store.completeSend(send);
    } catch {
      throw maybeSent('The verification could not be recorded after Afilnet accepted the send');
    }
    if (completed === undefined) throw maybeSent('The verification left the store while its code was sent');
    return this.view(completed);
  }

  async find(id: string, caller: string | null): Promise<VerificationDto> {
    return this.view(await this.owned(id, caller));
  }

  /**
   * Only a pending, unexpired verification that holds its destination's latest code, with attempts left, is
   * checked with Afilnet; every other state is answered from the store. The attempt is counted against the
   * destination atomically before the upstream call, so concurrent checks — through any verification or
   * `POST /v1/otp/verify` — cannot try more codes than allowed.
   */
  async check(id: string, code: string, caller: string | null): Promise<VerificationDto> {
    const attempt = await this.store.reserveVerificationCheck(await this.owned(id, caller));
    if (attempt.outcome === 'missing') throw notFound(id);
    if (attempt.outcome === 'refused') return this.view(attempt.record);

    const { record } = attempt;
    const answer = await this.verifyUpstream(record.destination, code);
    // Settling approves only a verification that still holds the destination's latest code: one superseded
    // while Afilnet was asked is canceled instead, whatever Afilnet said.
    if (answer === 'approved' || answer === 'expired') return this.settled(record, answer);
    if (record.attempts >= this.limits.maxAttempts) return this.settled(record, 'max_attempts_reached');
    return this.view(record);
  }

  /** Canceling a verification that is no longer pending changes nothing and answers its status. */
  async cancel(id: string, caller: string | null): Promise<VerificationDto> {
    const record = await this.owned(id, caller);
    if (this.statusOf(record) !== 'pending') return this.view(record);
    return this.settled(record, 'canceled');
  }

  private async verifyUpstream(
    destination: string,
    code: string,
  ): Promise<'approved' | UpstreamRejectionReason> {
    try {
      await this.afilnet.call('otp.verify', { destination, code });
      return 'approved';
    } catch (error) {
      const rejection = otpRejection(error);
      if (rejection === undefined) throw error;
      return rejection.reason;
    }
  }

  private async settled(
    record: VerificationRecord,
    status: 'approved' | 'expired' | 'max_attempts_reached' | 'canceled',
  ): Promise<VerificationDto> {
    return this.view((await this.store.settle(record, status)) ?? record);
  }

  /** Another key's verification is answered exactly like one that does not exist; so is one still being sent. */
  private async owned(id: string, caller: string | null): Promise<VerificationRecord> {
    const record = await this.store.find(id);
    if (
      record === undefined ||
      record.status === 'sending' ||
      (record.apiKeyName !== null && record.apiKeyName !== caller)
    ) {
      throw notFound(id);
    }
    return record;
  }

  /** A pending verification is expired past `expiresAt`, and out of attempts once its destination's are spent. */
  private statusOf(record: VerificationRecord): VerificationDto['status'] {
    if (record.status === 'sending') throw new Error('a verification being sent has no public status');
    if (record.status !== 'pending') return record.status;
    if (this.clock.now() >= record.expiresAt) return 'expired';
    return record.attempts >= this.limits.maxAttempts ? 'max_attempts_reached' : 'pending';
  }

  private view(record: VerificationRecord): VerificationDto {
    return {
      id: record.id,
      status: this.statusOf(record),
      type: record.type,
      destination: maskDestination(record.destination),
      attemptsLeft: Math.max(0, this.limits.maxAttempts - record.attempts),
      expiresAt: new Date(record.expiresAt).toISOString(),
      ...(record.reason === undefined ? {} : { reason: record.reason }),
    };
  }
}

function notFound(id: string): GatewayError {
  return new GatewayError('VERIFICATION_NOT_FOUND', `No verification ${id} belongs to this API key.`);
}

/** After Afilnet may have sent the code, the caller must not be told that nothing was sent. */
function maybeSent(cause: string): GatewayError {
  return new GatewayError(
    'VERIFICATION_SEND_UNCERTAIN',
    `${cause.replace(/\.$/, '')}. The code may have been sent, but this verification was not started and cannot ` +
      'be checked; start a new one (it replaces this code).',
  );
}
