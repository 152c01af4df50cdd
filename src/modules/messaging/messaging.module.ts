import { Module } from '@nestjs/common';
import { MessagingService } from './messaging.service.js';

/** The shared send/status logic of the sms, voice, email and social modules. */
@Module({ providers: [MessagingService], exports: [MessagingService] })
export class MessagingModule {}
