import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Probe } from '../../common/policies/policy.decorators.js';
import { RedisHealthIndicator } from './redis.health.js';
import { UpstreamHealthIndicator } from './upstream.health.js';

@ApiTags('health')
@Probe()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly upstream: UpstreamHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness',
    description: 'The process is up and serving HTTP. Never calls Afilnet.',
  })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Configuration loaded, Afilnet reachable and the circuit breaker closed. Answered from recent traffic; when ' +
      'there was none in the last 15 s, one shared `user.getbalance` probe is made, never one per request. With ' +
      '`REDIS_URL`, Redis must also answer a PING.',
  })
  @ApiServiceUnavailableResponse({
    description:
      '`NOT_READY` — Afilnet is not reachable, the circuit is open, or Redis (when configured) is not.',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.upstream.check('afilnet'),
      ...(this.redis.configured ? [() => this.redis.check('redis')] : []),
    ]);
  }
}
