import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module.js';
import { ChatController } from './chat.controller.js';
import { SocialService } from './social.service.js';
import { WhatsappController } from './whatsapp.controller.js';

/** WhatsApp and multi-platform chat (Afilnet's "social networks"). */
@Module({
  imports: [MessagingModule],
  controllers: [WhatsappController, ChatController],
  providers: [SocialService],
  exports: [SocialService],
})
export class SocialModule {}
