// The framework floor: the least a NestJS gateway can be for the same call — NestJS on Fastify, one controller,
// a ValidationPipe over a three-field class-validator DTO, the Afilnet form POSTed, the envelope parsed,
// normalised JSON answered. No logging, policies, metrics or security headers. Plain JavaScript with the
// decorators applied by hand: `node bench/minimal-nest.mjs <port> <fake url> [undici|axios]`. Loopback only.
//
// `undici` (default): the form goes straight to an undici Pool, no axios — the framework floor.
// `axios`: the form goes through axios set up exactly as the gateway's `HttpService` is (its settings and its
// undici transport, imported from the build in dist/) — the design floor: what the stack the design card names
// (NestJS, class-validator, axios through `HttpService`) costs before any of the gateway's own layers.
import 'reflect-metadata';
import { Body, Controller, Get, Injectable, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Pool } from 'undici';

const [port, upstreamUrl, client = 'undici'] = process.argv.slice(2);
const upstream = new URL(upstreamUrl);

/** POSTs the form, resolves with the answer's text. */
const post = client === 'axios' ? await axiosPost() : undiciPost();

function undiciPost() {
  const pool = new Pool(upstream.origin, { connections: 64 });
  return async (form) => {
    const answer = await pool.request({
      path: upstream.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    return answer.body.text();
  };
}

/** The gateway's axios: `HttpModule` makes its instance with `axios.create` from these settings. */
async function axiosPost() {
  const { default: axios } = await import('axios');
  const { afilnetAxiosConfig } = await import('../dist/common/afilnet/afilnet-http.service.js');
  const { UndiciAxiosTransport } = await import('../dist/common/afilnet/undici-axios.transport.js');
  const transport = new UndiciAxiosTransport({ connections: 64, maxResponseBytes: 5 * 1024 * 1024 });
  const instance = axios.create(afilnetAxiosConfig(transport));
  return async (form) => (await instance.post(upstream.href, form)).data;
}

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
    const { result } = JSON.parse(await post(form));
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
