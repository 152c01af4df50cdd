import { randomBytes } from 'node:crypto';
import { Logger, type FactoryProvider, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AfilnetConfig } from '../../config/configuration.js';
import { AfilnetSandbox } from '../../sandbox/sandbox.server.js';

/** Where upstream calls go and with which account. */
export interface AfilnetEndpoint {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** The embedded simulator when the gateway runs in sandbox mode. */
  readonly sandbox?: AfilnetSandbox;
}

export const AFILNET_ENDPOINT = Symbol('AFILNET_ENDPOINT');

/** Stops the embedded simulator with the application. */
class SandboxEndpoint implements AfilnetEndpoint, OnApplicationShutdown {
  constructor(
    readonly url: string,
    readonly user: string,
    readonly password: string,
    readonly sandbox: AfilnetSandbox,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sandbox.stop();
  }
}

/**
 * Live mode: the configured Afilnet account. Sandbox mode (no credentials): start the simulator on a
 * loopback port and talk to it over real HTTP, so the whole transport path is the one used in production.
 */
export const afilnetEndpointProvider: FactoryProvider<Promise<AfilnetEndpoint>> = {
  provide: AFILNET_ENDPOINT,
  inject: [ConfigService],
  useFactory: async (config: ConfigService): Promise<AfilnetEndpoint> => {
    const afilnet = config.getOrThrow<AfilnetConfig>('afilnet');
    const logger = new Logger('Afilnet');
    if (afilnet.mode === 'live') {
      logger.log(`Live mode: calls go to ${afilnet.baseUrl}`);
      return { url: afilnet.baseUrl, user: afilnet.user, password: afilnet.password };
    }
    const user = 'sandbox';
    const password = randomBytes(18).toString('base64url');
    // The simulated account reads and writes its dates in the zone the gateway converts to, as a real account
    // configured to match would.
    const sandbox = new AfilnetSandbox({ user, password, timeZone: afilnet.timeZone });
    const url = await sandbox.start(0, '127.0.0.1');
    logger.warn(
      `SANDBOX MODE — no AFILNET_USER/AFILNET_PASSWORD set: every call goes to the embedded Afilnet simulator at ${url}. ` +
        `NOTHING IS REALLY SENT and no credits are spent; what would have been sent is listed at ` +
        `${new URL('/sandbox/outbox', url).href}. Set both variables to use the real Afilnet.`,
    );
    return new SandboxEndpoint(url, user, password, sandbox);
  },
};
