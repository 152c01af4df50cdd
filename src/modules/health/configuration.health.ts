import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { GatewayConfig } from '../../config/configuration.js';

/**
 * The configuration was validated at boot (an instance with a wrong one never starts), so this check is always up;
 * it says which mode the instance serves in, so a probe shows a sandbox where live was meant.
 */
@Injectable()
export class ConfigurationHealthIndicator {
  private readonly mode: 'live' | 'sandbox';

  constructor(
    private readonly indicator: HealthIndicatorService,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.mode = config.get('afilnet', { infer: true }).mode;
  }

  check(key: string): HealthIndicatorResult {
    return this.indicator.check(key).up({ mode: this.mode });
  }
}
