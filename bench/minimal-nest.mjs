// The framework floor: the least a NestJS gateway can be for the same call — NestJS on Fastify, one controller,
// a ValidationPipe over a three-field class-validator DTO, the Afilnet form POSTed over an undici Pool, the
// envelope parsed, normalised JSON answered. No logging, policies, metrics, security headers or axios. Plain
// JavaScript with the decorators applied by hand, so it needs no build:
// `node bench/minimal-nest.mjs <port> <fake url>`. Loopback only.
import 'reflect-metadata';
import { Body, Controller, Get, Injectable, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Pool } from 'undici';

const [port, upstreamUrl] = process.argv.slice(2);
const upstream = new URL(upstreamUrl);
const pool = new Pool(upstream.origin, { connections: 64 });

class SendSmsDto {}
IsString()(SendSmsDto.prototype, 'from');
Matches(/^[A-Za-z0-9 ]{1,11}$/)(SendSmsDto.prototype, 'from');
IsString()(SendSmsDto.prototype, 'to');
Matches(/^\d{8,15}$/)(SendSmsDto.prototype, 'to');
IsString()(SendSmsDto.prototype, 'sms');
MinLength(1)(SendSmsDto.prototype, 'sms');
MaxLength(1600)(SendSmsDto.prototype, 'sms');

class SmsService {
  async send({ from, to, sms }) {
    const form = new URLSearchParams({
      class: 'sms',
      method: 'sendsms',
      user: 'bench@example.com',
      password: 'bench-password',
      from,
      to,
      sms,
    }).toString();
    const answer = await pool.request({
      path: upstream.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const { result } = JSON.parse(await answer.body.text());
    return { messageId: String(result.messageid), credits: result.credits };
  }
}
Injectable()(SmsService);

class SmsController {
  constructor(sms) {
    this.sms = sms;
  }

  send(body) {
    return this.sms.send(body);
  }
}
Reflect.defineMetadata('design:paramtypes', [SmsService], SmsController);
Reflect.defineMetadata('design:paramtypes', [SendSmsDto], SmsController.prototype, 'send');
Body()(SmsController.prototype, 'send', 0);
Post()(SmsController.prototype, 'send', Object.getOwnPropertyDescriptor(SmsController.prototype, 'send'));
Controller('v1/sms')(SmsController);

/** The benchmark waits for `GET /health/live` before loading, as it does for the gateway. */
class HealthController {
  live() {
    return { status: 'ok' };
  }
}
Get('live')(
  HealthController.prototype,
  'live',
  Object.getOwnPropertyDescriptor(HealthController.prototype, 'live'),
);
Controller('health')(HealthController);

class AppModule {}
Module({ controllers: [SmsController, HealthController], providers: [SmsService] })(AppModule);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('listening');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
