import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Logger } from 'pino';
import { AfilnetModule } from './common/afilnet/afilnet.module.js';
import { Clock, ClockModule } from './common/clock/clock.js';
import { RequestPipelineModule } from './common/errors/request-pipeline.module.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { ObservabilityModule } from './common/observability/observability.module.js';
import { PoliciesModule } from './common/policies/policies.module.js';
import type { GatewayConfig } from './config/configuration.js';
import { DatabaseModule } from './database/database.module.js';
import { LedgerModule } from './modules/ledger/ledger.module.js';
import { UsageModule } from './modules/usage/usage.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { EmailModule } from './modules/email/email.module.js';
import { OtpModule } from './modules/otp/otp.module.js';
import { SmsModule } from './modules/sms/sms.module.js';
import { SocialModule } from './modules/social/social.module.js';
import { UserModule } from './modules/user/user.module.js';
import { VoiceModule } from './modules/voice/voice.module.js';
import { CountriesModule } from './modules/countries/countries.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { GroupsModule } from './modules/groups/groups.module.js';
import { HlrModule } from './modules/hlr/hlr.module.js';
import { TemplatesModule } from './modules/templates/templates.module.js';
import { VerificationsModule } from './modules/verifications/verifications.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { BatchesModule } from './modules/batches/batches.module.js';

export interface AppModuleOptions {
  config: GatewayConfig;
  /** The root logger, shared with the HTTP server (see `createRootLogger`). */
  logger: Logger;
  /** The time the application reads (the system's when absent; tests pass one they move). */
  clock?: Clock;
  /** The module exporting `AFILNET_ENDPOINT`: the live account, or the embedded simulator's module in sandbox mode. */
  afilnetEndpoint: Type | DynamicModule;
}

@Module({})
export class AppModule {
  /** The configuration is validated before the module is built, so a bad value never starts anything. */
  static forRoot({ config, logger, clock, afilnetEndpoint }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => config],
        }),
        LoggingModule.forRoot(logger),
        ClockModule.forRoot(clock),
        DatabaseModule,
        LedgerModule,
        UsageModule,
        RequestPipelineModule,
        ObservabilityModule,
        PoliciesModule,
        AfilnetModule.forRoot(afilnetEndpoint),
        HealthModule,
        OtpModule,
        VerificationsModule,
        SmsModule,
        VoiceModule,
        EmailModule,
        SocialModule,
        UserModule,
        GroupsModule,
        TemplatesModule,
        HlrModule,
        CountriesModule,
        EventsModule,
        WebhooksModule,
        BatchesModule,
      ],
    };
  }
}
