import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Probe } from '../../common/policies/policy.decorators.js';
import { ApiProblemResponses, PROBE_FAILURES } from '../../common/swagger/api-problem-responses.decorator.js';
import { ConfigurationHealthIndicator } from './configuration.health.js';
import { UpstreamHealthDto } from './dto/upstream-health.dto.js';
import { ApiHealthyResponse } from './health-check.dto.js';
import { RedisHealthIndicator } from './redis.health.js';
import { UpstreamHealthIndicator } from './upstream.health.js';

@ApiTags('health')
@Probe()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly configuration: ConfigurationHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly upstream: UpstreamHealthIndicator,
  ) {}

  @Get('live')
  // Documented here rather than by terminus, whose schema and examples are not this gateway's answers.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness',
    description:
      'The process is up and serving HTTP. Never calls Afilnet nor Redis. 503 only while the gateway shuts down.',
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
      "The gateway's own dependencies: its configuration (always up once started; `details.configuration.mode` says " +
      '`live` or `sandbox`) and, with `REDIS_URL`, Redis answering a PING. Afilnet is deliberately not part of it: ' +
      'every instance shares one Afilnet, so its outage would take every instance out of the balancer and callers ' +
      'would get connection errors instead of a clear problem — see `GET /health/upstream`.',
  })
  @ApiHealthyResponse('Ready: every check is up.')
  @ApiProblemResponses([...PROBE_FAILURES, 'NOT_READY'])
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.configuration.check('configuration'),
      ...(this.redis.configured ? [() => this.redis.check('redis')] : []),
    ]);
  }

  @Get('upstream')
  @ApiOperation({
    summary: 'Afilnet as this instance sees it',
    description:
      'Whether Afilnet answered this instance and the circuit breaker is not open, and the connections in use. ' +
      'Answered from recent traffic; when there was none in the last 15 s, one shared `user.getbalance` probe is ' +
      'made, never one per request, and none while the circuit is open. For dashboards and alerts, never for ' +
      "taking an instance out of a balancer (readiness doesn't include it).",
  })
  @ApiOkResponse({
    type: UpstreamHealthDto,
    description: 'Afilnet answers this instance; the circuit is not open.',
  })
  @ApiProblemResponses([...PROBE_FAILURES, 'UPSTREAM_DOWN'])
  upstreamHealth(): Promise<UpstreamHealthDto> {
    return this.upstream.report();
  }
}
