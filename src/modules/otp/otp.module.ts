import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { VerificationsModule } from '../verifications/verifications.module.js';
import { OtpController } from './otp.controller.js';
import { OtpService } from './otp.service.js';

/** Codes sent and checked here count against the same per-destination rules as verifications (their store). */
@Module({
  imports: [VerificationsModule, LedgerModule],
  controllers: [OtpController],
  providers: [OtpService],
})
export class OtpModule {}
