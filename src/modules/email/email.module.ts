import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module.js';
import { EmailController } from './email.controller.js';
import { EmailService } from './email.service.js';

@Module({
  imports: [MessagingModule],
  controllers: [EmailController],
  providers: [EmailService],
  exports: [EmailService],
})
export class EmailModule {}
