import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '../../config/configuration.js';

/** Where upstream calls go and with which account. */
export interface AfilnetEndpoint {
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

/**
 * The DI token of the endpoint. A module exporting it plugs in behind `AfilnetHttpService`: the configured
 * account (below) in live mode, the embedded simulator's module (`src/sandbox/`) in sandbox mode.
 */
export const AFILNET_ENDPOINT = Symbol('AFILNET_ENDPOINT');

/** Live mode: the configured Afilnet account. */
@Module({
  providers: [
    {
      provide: AFILNET_ENDPOINT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<GatewayConfig, true>): AfilnetEndpoint => {
        const afilnet = config.get('afilnet', { infer: true });
        new Logger('Afilnet').log(`Live mode: calls go to ${afilnet.baseUrl}`);
        return { url: afilnet.baseUrl, user: afilnet.user, password: afilnet.password };
      },
    },
  ],
  exports: [AFILNET_ENDPOINT],
})
export class LiveAfilnetEndpointModule {}
