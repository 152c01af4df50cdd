import { Module } from '@nestjs/common';
import { CreditBudgetService } from './credit-budget.service.js';
import { DeliveryTracker } from './delivery-tracker.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { SendLedger } from './send-ledger.service.js';

/**
 * The message ledger (API.md §9): `SendLedger` records every send around its Afilnet call (the sending modules
 * import this module), `DeliveryTracker` follows each message to delivery, `GET /v1/messages` reads them.
 */
@Module({
  controllers: [MessagesController],
  providers: [SendLedger, CreditBudgetService, DeliveryTracker, MessagesService],
  exports: [SendLedger, CreditBudgetService],
})
export class LedgerModule {}
