import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { EmailModule } from '../email/email.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { SmsModule } from '../sms/sms.module.js';
import { SocialModule } from '../social/social.module.js';
import { VoiceModule } from '../voice/voice.module.js';
import { BatchSender } from './batch-sender.service.js';
import { BatchesController } from './batches.controller.js';
import { BatchesService } from './batches.service.js';

/** Batches (API.md §12): accepted by `BatchesService`, sent at the deployment's pace by `BatchSender`. */
@Module({
  imports: [LedgerModule, MessagingModule, SmsModule, VoiceModule, EmailModule, SocialModule],
  controllers: [BatchesController],
  providers: [BatchesService, BatchSender],
})
export class BatchesModule {}
