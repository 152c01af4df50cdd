import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Probe } from '../../common/policies/policy.decorators.js';
import { ApiProblemResponses, PROBE_FAILURES } from '../../common/swagger/api-problem-responses.decorator.js';
import { ApiHealthyResponse } from './health-check.dto.js';
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
  // Documented here rather than by terminus, whose schema and examples are not this gateway's answers.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness',
    description:
      'The process is up and serving HTTP. Never calls Afilnet. 503 only while the gateway shuts down.',
  })
  @ApiHealthyResponse('Alive: `{"status":"ok","info":{},"error":{},"details":{}}`.')
  @ApiProblemResponses([...PROBE_FAILURES, 'NOT_READY'])
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Configuration loaded, Afilnet reachable and the circuit breaker closed. Answered from recent traffic; when ' +
      'there was none in the last 15 s, one shared `user.getbalance` probe is made, never one per request. With ' +
      '`REDIS_URL`, Redis must also answer a PING.',
  })
  @ApiHealthyResponse('Ready: every check is up.')
  @ApiProblemResponses([...PROBE_FAILURES, 'NOT_READY'])
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.upstream.check('afilnet'),
      ...(this.redis.configured ? [() => this.redis.check('redis')] : []),
    ]);
  }
}
