import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { DestinationStream } from 'pino';
import { AfilnetModule } from './common/afilnet/afilnet.module.js';
import { LoggingModule } from './common/logging/logging.module.js';
import type { GatewayConfig } from './config/configuration.js';
import { HealthModule } from './modules/health/health.module.js';
import { OtpModule } from './modules/otp/otp.module.js';
import { UserModule } from './modules/user/user.module.js';

export interface AppModuleOptions {
  config: GatewayConfig;
  /** Where log lines go (stdout when absent). */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  /** The configuration is validated before the module is built, so a bad value never starts anything. */
  static forRoot({ config, logStream }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => config],
        }),
        LoggingModule.forRoot(config.logging, logStream),
        AfilnetModule,
        HealthModule,
        OtpModule,
        UserModule,
      ],
    };
  }
}
