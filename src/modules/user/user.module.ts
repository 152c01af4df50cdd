import { Module } from '@nestjs/common';
import { AccountController } from './account.controller.js';
import { UserService } from './user.service.js';

@Module({ controllers: [AccountController], providers: [UserService] })
export class UserModule {}
