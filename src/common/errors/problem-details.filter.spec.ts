import { ServiceUnavailableException } from '@nestjs/common';
import { buildProblem } from './problem-details.filter.js';

/** What @nestjs/terminus throws when a health check fails (HealthCheckService.check). */
function failedHealthCheck(status: 'error' | 'shutting_down', error: Record<string, object>): Error {
  return new ServiceUnavailableException({ status, info: {}, error, details: error });
}

describe('a failed readiness check as a problem', () => {
  it('is NOT_READY, naming each check that is down and why', () => {
    const problem = buildProblem(
      failedHealthCheck('error', {
        afilnet: { status: 'down', reason: 'Afilnet not reachable' },
        redis: { status: 'down', reason: 'Redis not reachable (connect ECONNREFUSED)' },
      }),
      'req-1',
    );

    expect(problem).toMatchObject({ status: 503, code: 'NOT_READY', requestId: 'req-1' });
    expect(problem.detail).toBe(
      'Not ready: afilnet (Afilnet not reachable); redis (Redis not reachable (connect ECONNREFUSED)).',
    );
  });

  it('names a check that gives no reason', () => {
    expect(buildProblem(failedHealthCheck('error', { afilnet: { status: 'down' } }), 'r').detail).toBe(
      'Not ready: afilnet.',
    );
  });

  it('says so while the gateway shuts down', () => {
    expect(buildProblem(failedHealthCheck('shutting_down', {}), 'r')).toMatchObject({
      code: 'NOT_READY',
      detail: 'The gateway is shutting down: it takes no new traffic.',
    });
  });

  it('keeps any other 503 as it was', () => {
    expect(buildProblem(new ServiceUnavailableException('Try later'), 'r')).toMatchObject({
      code: 'NOT_READY',
      detail: 'Try later',
    });
  });
});
