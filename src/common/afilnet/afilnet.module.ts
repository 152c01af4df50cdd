import { HttpModule } from '@nestjs/axios';
import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '../../config/configuration.js';
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
      useFactory: (config: ConfigService<GatewayConfig, true>) =>
        new UndiciAxiosTransport({
          connections: config.get('afilnet', { infer: true }).maxSockets,
          maxResponseBytes: MAX_RESPONSE_BYTES,
        }),
    },
  ],
  exports: [UndiciAxiosTransport],
})
class AfilnetTransportModule {}

/**
 * The single door to Afilnet. `endpoint` is the module that exports `AFILNET_ENDPOINT` (afilnet-endpoint.ts): the live account or, in
 * sandbox mode, the embedded simulator — the only difference between the two modes.
 */
@Global()
@Module({})
export class AfilnetModule {
  static forRoot(endpoint: Type | DynamicModule): DynamicModule {
    return {
      module: AfilnetModule,
      imports: [
        endpoint,
        HttpModule.registerAsync({
          imports: [AfilnetTransportModule],
          inject: [UndiciAxiosTransport],
          useFactory: (transport: UndiciAxiosTransport) => afilnetAxiosConfig(transport),
        }),
      ],
      providers: [AfilnetResilience, AfilnetHttpService],
      exports: [AfilnetHttpService],
    };
  }
}
