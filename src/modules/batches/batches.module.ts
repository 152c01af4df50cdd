import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { BatchSender } from './batch-sender.service.js';
import { BatchesController } from './batches.controller.js';
import { BatchesService } from './batches.service.js';

/** Batches (API.md §12): accepted by `BatchesService`, sent at the deployment's pace by `BatchSender`. */
@Module({
  imports: [LedgerModule, MessagingModule],
  controllers: [BatchesController],
  providers: [BatchesService, BatchSender],
})
export class BatchesModule {}
