import { Controller, Get, Header, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Probe } from '../policies/policy.decorators.js';
import { ApiProblemResponses, PROBE_FAILURES } from '../swagger/api-problem-responses.decorator.js';
import { MetricsService } from './metrics.service.js';

@ApiTags('health')
@Probe()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'HTTP requests by route, status and API-key name; Afilnet calls by class, method and outcome; credits spent ' +
      'per channel; circuit-breaker state; process metrics. Open to scrapers unless `PROBES_ACCESS=protected`.',
  })
  @ApiOkResponse({
    description: 'Metrics in the Prometheus text exposition format (version 0.0.4).',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example:
          '# HELP gateway_http_requests_total HTTP requests answered, by route template, method, status and ' +
          'API-key name\n# TYPE gateway_http_requests_total counter\n' +
          'gateway_http_requests_total{method="POST",route="/v1/sms",status="201",api_key="billing"} 12\n',
      },
    },
  })
  @ApiProblemResponses(PROBE_FAILURES)
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
