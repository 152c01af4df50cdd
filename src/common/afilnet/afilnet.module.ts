import { HttpModule } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AfilnetConfig } from '../../config/configuration.js';
import { AFILNET_ENDPOINT, afilnetEndpointProvider } from './afilnet-endpoint.js';
import { afilnetAxiosConfig, AfilnetHttpService } from './afilnet-http.service.js';
import { AfilnetResilience } from './afilnet-resilience.js';

@Global()
@Module({
  imports: [
    HttpModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => afilnetAxiosConfig(config.getOrThrow<AfilnetConfig>('afilnet')),
    }),
  ],
  providers: [afilnetEndpointProvider, AfilnetResilience, AfilnetHttpService],
  exports: [AfilnetHttpService, AFILNET_ENDPOINT],
})
export class AfilnetModule {}
