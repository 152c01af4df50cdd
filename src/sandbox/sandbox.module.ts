import { randomBytes } from 'node:crypto';
import { Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AFILNET_ENDPOINT, type AfilnetEndpoint } from '../common/afilnet/afilnet-endpoint.js';
import { Clock } from '../common/clock/clock.js';
import type { GatewayConfig } from '../config/configuration.js';
import { SandboxInspectionController } from './inspection/sandbox-inspection.controller.js';
import { SandboxInspectionService } from './inspection/sandbox-inspection.service.js';
import { SandboxDemoData } from './sandbox.demo-data.js';
import { AfilnetSandbox } from './sandbox.server.js';

/** The embedded simulator stops with the application. */
class EmbeddedSandbox extends AfilnetSandbox implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

/**
 * Sandbox mode, plugged in behind the door to Afilnet: the embedded simulator on a loopback port (talked to over
 * real HTTP, so the whole transport path is the one used in production) as the `AFILNET_ENDPOINT`, the inspection
 * routes under `/v1/sandbox`, and the demo data. The composition root imports this module only when no Afilnet
 * credentials are configured; nothing else in the gateway knows it exists.
 */
@Module({})
export class SandboxModule {
  static forRoot(): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [SandboxInspectionController],
      providers: [
        {
          provide: AfilnetSandbox,
          inject: [ConfigService, Clock],
          useFactory: async (
            config: ConfigService<GatewayConfig, true>,
            clock: Clock,
          ): Promise<AfilnetSandbox> => {
            // The simulated account reads and writes its dates in the zone the gateway converts to, as a real
            // account configured to match would; its delivery delays and code expiry follow the gateway's clock.
            const sandbox = new EmbeddedSandbox({
              user: 'sandbox',
              password: randomBytes(18).toString('base64url'),
              timeZone: config.get('afilnet', { infer: true }).timeZone,
              now: () => clock.now(),
            });
            const url = await sandbox.start(0, '127.0.0.1');
            new Logger('Afilnet').warn(
              `SANDBOX MODE — no AFILNET_USER/AFILNET_PASSWORD set: every call goes to the embedded Afilnet simulator at ${url}. ` +
                `NOTHING IS REALLY SENT and no credits are spent; what would have been sent is listed at ` +
                `${new URL('/sandbox/outbox', url).href}. Set both variables to use the real Afilnet.`,
            );
            return sandbox;
          },
        },
        {
          provide: AFILNET_ENDPOINT,
          inject: [AfilnetSandbox],
          useFactory: (sandbox: AfilnetSandbox): AfilnetEndpoint => sandbox.endpoint(),
        },
        SandboxInspectionService,
        SandboxDemoData,
      ],
      exports: [AFILNET_ENDPOINT],
    };
  }
}
