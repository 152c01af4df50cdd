import { Injectable } from '@nestjs/common';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { AFILNET_OPERATIONS } from '../../common/afilnet/afilnet-operations.js';
import { field, numberOrNull, stringOrNull } from '../../common/afilnet/afilnet-result.js';
import { AfilnetApiError } from '../../common/afilnet/afilnet.errors.js';
import type { GenerateOtpDto, OtpValidityDto, ValidityUnit } from './dto/generate-otp.dto.js';
import type { OtpRejectionReason, OtpSentDto, OtpVerificationDto } from './dto/otp-responses.dto.js';
import type { VerifyOtpDto } from './dto/verify-otp.dto.js';

const UNIT_MS: Readonly<Record<ValidityUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 30 * 86_400_000,
  years: 365 * 86_400_000,
};

const REJECTIONS: Readonly<Record<string, OtpRejectionReason>> = AFILNET_OPERATIONS['otp.verify'].answers;

@Injectable()
export class OtpService {
  constructor(private readonly afilnet: AfilnetHttpService) {}

  /** Afilnet delivers the code itself; whatever code it echoes back is dropped here, never returned. */
  async generate(request: GenerateOtpDto): Promise<OtpSentDto> {
    const result = await this.afilnet.call('otp.generate', {
      type: request.type,
      destination: request.destination,
      validity: request.validity?.time,
      validityUnit: request.validity?.unit,
      length: request.length,
      format: request.format,
    });
    return {
      destination: request.destination,
      messageId: stringOrNull(field(result, 'messageid')),
      credits: numberOrNull(field(result, 'credits')),
      expiresAt: request.validity == null ? null : expiry(request.validity),
    };
  }

  /** A rejected code is an answer, not a failure: it comes back as `valid: false` with the reason. */
  async verify(request: VerifyOtpDto): Promise<OtpVerificationDto> {
    try {
      await this.afilnet.call('otp.verify', { destination: request.destination, code: request.code });
      return { valid: true };
    } catch (error) {
      const reason = error instanceof AfilnetApiError ? REJECTIONS[error.code] : undefined;
      if (reason === undefined) throw error;
      return { valid: false, reason };
    }
  }
}

function expiry(validity: OtpValidityDto): string {
  return new Date(Date.now() + validity.time * UNIT_MS[validity.unit]).toISOString();
}
