import { HttpModule } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AfilnetConfig } from '../../config/configuration.js';
import { AFILNET_ENDPOINT, afilnetEndpointProvider } from './afilnet-endpoint.js';
import { afilnetAxiosConfig, AfilnetHttpService } from './afilnet-http.service.js';
import { AfilnetResilience } from './afilnet-resilience.js';
import { UndiciAxiosTransport } from './undici-axios.transport.js';

/** Responses past this size are refused: no Afilnet answer comes near it. */
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** The connection pools to Afilnet, in a module of their own so that axios's factory can be given them. */
@Module({
  providers: [
    {
      provide: UndiciAxiosTransport,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new UndiciAxiosTransport({
          connections: config.getOrThrow<AfilnetConfig>('afilnet').maxSockets,
          maxResponseBytes: MAX_RESPONSE_BYTES,
        }),
    },
  ],
  exports: [UndiciAxiosTransport],
})
class AfilnetTransportModule {}

@Global()
@Module({
  imports: [
    HttpModule.registerAsync({
      imports: [AfilnetTransportModule],
      inject: [ConfigService, UndiciAxiosTransport],
      useFactory: (config: ConfigService, transport: UndiciAxiosTransport) =>
        afilnetAxiosConfig(config.getOrThrow<AfilnetConfig>('afilnet'), transport),
    }),
  ],
  providers: [afilnetEndpointProvider, AfilnetResilience, AfilnetHttpService],
  exports: [AfilnetHttpService, AFILNET_ENDPOINT],
})
export class AfilnetModule {}
