import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { AFILNET_OPERATIONS } from '../../common/afilnet/afilnet-operations.js';
import { AfilnetApiError } from '../../common/afilnet/afilnet.errors.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { AfilnetConfig, VerificationConfig } from '../../config/configuration.js';
import type { OtpRejectionReason } from '../otp/dto/otp-responses.dto.js';
import { maskDestination } from './destination-mask.js';
import {
  DEMO_VERIFICATION_ID,
  type StartVerificationDto,
  type VerificationDto,
} from './dto/verification.dto.js';
import { VerificationStore, type VerificationRecord } from './verification.store.js';

const MINUTE_MS = 60_000;
const DEFAULT_TTL_MINUTES = 10;

const REJECTIONS: Readonly<Record<string, OtpRejectionReason>> = AFILNET_OPERATIONS['otp.verify'].answers;

/**
 * Verifications on top of Afilnet's OTP class, which only generates and checks codes: the attempt limit,
 * the per-destination start limit, the status life cycle and the ownership by API key live here.
 */
@Injectable()
export class VerificationsService {
  private readonly limits: VerificationConfig;
  private readonly sandbox: boolean;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    private readonly store: VerificationStore,
    config: ConfigService,
  ) {
    this.limits = config.getOrThrow<VerificationConfig>('verification');
    this.sandbox = config.getOrThrow<AfilnetConfig>('afilnet').mode === 'sandbox';
  }

  /** The start is counted before Afilnet is called, so a failing upstream cannot be used to bypass the limit. */
  async start(request: StartVerificationDto, caller: string | null): Promise<VerificationDto> {
    const now = Date.now();
    const { maxStarts, windowMinutes } = this.limits;
    const destinationKey = `${request.type}:${request.destination.toLowerCase()}`;
    const allowance = await this.store.countStart(destinationKey, maxStarts, windowMinutes * MINUTE_MS, now);
    if (!allowance.allowed) {
      throw new GatewayError(
        'TOO_MANY_VERIFICATIONS',
        `At most ${maxStarts} verifications per destination every ${windowMinutes} minutes.`,
        Math.max(1, Math.ceil(allowance.retryAfterMs / 1000)),
      );
    }
    const ttlMinutes = request.ttlMinutes ?? DEFAULT_TTL_MINUTES;
    // Whatever Afilnet answers (it may echo the code) is dropped: the caller must never see the code.
    await this.afilnet.call('otp.generate', {
      type: request.type,
      destination: request.destination,
      validity: ttlMinutes,
      validityUnit: 'minutes',
      length: request.length,
      format: request.format,
    });
    const record: VerificationRecord = {
      id: `VE${randomBytes(16).toString('hex')}`,
      destination: request.destination,
      type: request.type,
      status: 'pending',
      attempts: 0,
      expiresAt: now + ttlMinutes * MINUTE_MS,
      apiKeyName: caller,
    };
    await this.store.create(record);
    return this.view(record);
  }

  async find(id: string, caller: string | null): Promise<VerificationDto> {
    return this.view(await this.owned(id, caller));
  }

  /**
   * Only a pending, unexpired verification with attempts left is checked with Afilnet; every other state is
   * answered from the store. The attempt is counted atomically before the upstream call, so concurrent checks
   * cannot try more codes than allowed.
   */
  async check(id: string, code: string, caller: string | null): Promise<VerificationDto> {
    await this.owned(id, caller);
    const attempt = await this.store.recordAttempt(id, this.limits.maxAttempts, Date.now());
    if (attempt.outcome === 'missing') throw notFound(id);
    if (attempt.outcome === 'refused') return this.view(await this.closeIfExhausted(attempt.record));

    const { record } = attempt;
    const answer = await this.verifyUpstream(record.destination, code);
    if (answer === 'approved') return this.view((await this.store.settle(id, 'approved')) ?? record);
    if (answer === 'expired') return this.view((await this.store.settle(id, 'expired')) ?? record);
    return this.view(await this.closeIfExhausted(record));
  }

  /** Canceling a verification that is no longer pending changes nothing and answers its status. */
  async cancel(id: string, caller: string | null): Promise<VerificationDto> {
    const record = await this.owned(id, caller);
    if (this.statusOf(record) !== 'pending') return this.view(record);
    return this.view((await this.store.settle(id, 'canceled')) ?? record);
  }

  private async verifyUpstream(destination: string, code: string): Promise<'approved' | OtpRejectionReason> {
    try {
      await this.afilnet.call('otp.verify', { destination, code });
      return 'approved';
    } catch (error) {
      const reason = error instanceof AfilnetApiError ? REJECTIONS[error.code] : undefined;
      if (reason === undefined) throw error;
      return reason;
    }
  }

  /** A pending verification whose last attempt was used (even if that check failed upstream) is closed. */
  private async closeIfExhausted(record: VerificationRecord): Promise<VerificationRecord> {
    if (this.statusOf(record) !== 'pending' || record.attempts < this.limits.maxAttempts) return record;
    return (await this.store.settle(record.id, 'max_attempts_reached')) ?? record;
  }

  /** Another key's verification is answered exactly like one that does not exist. */
  private async owned(id: string, caller: string | null): Promise<VerificationRecord> {
    const record = (await this.store.find(id)) ?? (await this.seedDemo(id));
    if (record === undefined || (record.apiKeyName !== null && record.apiKeyName !== caller)) {
      throw notFound(id);
    }
    return record;
  }

  /** The sandbox's demo verification comes back whenever it has expired from the store. */
  private async seedDemo(id: string): Promise<VerificationRecord | undefined> {
    if (!this.sandbox || id !== DEMO_VERIFICATION_ID) return undefined;
    const demo: VerificationRecord = {
      id,
      destination: '34600000000',
      type: 'mobile',
      status: 'pending',
      attempts: 0,
      expiresAt: Date.now() + DEFAULT_TTL_MINUTES * MINUTE_MS,
      apiKeyName: null,
    };
    await this.store.create(demo);
    return demo;
  }

  private statusOf(record: VerificationRecord): VerificationDto['status'] {
    return record.status === 'pending' && Date.now() >= record.expiresAt ? 'expired' : record.status;
  }

  private view(record: VerificationRecord): VerificationDto {
    return {
      id: record.id,
      status: this.statusOf(record),
      type: record.type,
      destination: maskDestination(record.destination),
      attemptsLeft: Math.max(0, this.limits.maxAttempts - record.attempts),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }
}

function notFound(id: string): GatewayError {
  return new GatewayError('VERIFICATION_NOT_FOUND', `No verification ${id} belongs to this API key.`);
}
