import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MessagingService } from './messaging.service.js';

/** The shared send/status logic of the sms, voice, email and social modules; every send goes through the ledger. */
@Module({ imports: [LedgerModule], providers: [MessagingService], exports: [MessagingService] })
export class MessagingModule {}
