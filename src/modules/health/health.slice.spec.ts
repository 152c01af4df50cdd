import { ObservabilityModule } from '../../common/observability/observability.module.js';
import { MetricsService } from '../../common/observability/metrics.service.js';
import { policyProviders } from '../../../test/unit/policies.js';
import { expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { HealthModule } from './health.module.js';

const KEY = 'ops-key-0123456789abcdef';

describe('health and metrics controllers (slice: real pipes, filter and API-key guard; fake Afilnet)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({
      imports: [HealthModule, ObservabilityModule],
      env: { GATEWAY_API_KEYS: `ops:${KEY}:sms` },
      providers: policyProviders(),
    });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('answers liveness without a key and without calling Afilnet', async () => {
    const live = await slice.request('GET', '/health/live');

    expect([live.status, live.body]).toEqual([200, { status: 'ok', info: {}, error: {}, details: {} }]);
    expect(slice.afilnet.calls).toEqual([]);
  });

  it('answers readiness from its own dependencies only, never calling Afilnet, and names the mode', async () => {
    slice.afilnet.failsInTransport('user.balance', 'unreachable');
    slice.afilnet.circuitState = 'open';

    const ready = await slice.request('GET', '/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({ configuration: { status: 'up', mode: 'sandbox' } });
    expect(slice.afilnet.calls).toEqual([]);
  });

  it('shows Afilnet from recent traffic, without a probe call of its own', async () => {
    slice.afilnet.contact = { reachable: true, at: Date.now() };
    slice.afilnet.connections = { active: 2, waiting: 1 };

    const upstream = await slice.request('GET', '/health/upstream');

    expect(upstream.status).toBe(200);
    expect(upstream.body).toEqual({
      status: 'up',
      circuit: 'closed',
      checkedAt: expect.any(String),
      connections: { active: 2, waiting: 1 },
    });
    expect(slice.afilnet.calls).toEqual([]);
  });

  it('probes Afilnet with one user.balance call when there was no recent traffic', async () => {
    slice.afilnet.answers('user.balance', 10);

    const upstream = await slice.request('GET', '/health/upstream');

    expect(upstream.status).toBe(200);
    expect(slice.afilnet.calls).toEqual([{ operation: 'user.balance', params: {} }]);
  });

  it('answers 503 UPSTREAM_DOWN when the probe cannot reach Afilnet, or the circuit is open (without a probe)', async () => {
    slice.afilnet.failsInTransport('user.balance', 'unreachable');

    const unreachable = await slice.request('GET', '/health/upstream');
    slice.afilnet.circuitState = 'open';
    const open = await slice.request('GET', '/health/upstream');

    expectProblem(unreachable, 503, 'UPSTREAM_DOWN');
    expectProblem(open, 503, 'UPSTREAM_DOWN');
    expect(open.body.detail).toMatch(/circuit breaker is open/);
    expect(slice.afilnet.calls).toHaveLength(1);
  });

  it('serves the Prometheus metrics as text', async () => {
    slice.app.get(MetricsService).observeUpstream('sms', 'sendsms', 'NO_CREDITS', 0.01);

    const response = await fetch(`${await slice.app.getUrl()}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    expect(text).toMatch(/^afilnet_calls_total\{class="sms",method="sendsms",outcome="NO_CREDITS"\} 1$/m);
    expect(text).toMatch(/^afilnet_circuit_state 0$/m);
  });
});

describe('probes behind the API key (PROBES_ACCESS=protected)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({
      imports: [HealthModule, ObservabilityModule],
      env: { GATEWAY_API_KEYS: `ops:${KEY}:*`, PROBES_ACCESS: 'protected' },
      providers: policyProviders(),
    });
  });

  afterAll(() => slice.close());

  it('needs a key for liveness and metrics', async () => {
    const anonymous = await slice.request('GET', '/health/live');
    const metrics = await slice.request('GET', '/metrics');
    const withKey = await slice.request('GET', '/health/live', undefined, { 'X-API-Key': KEY });

    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    expectProblem(metrics, 401, 'UNAUTHENTICATED');
    expect(withKey.status).toBe(200);
  });
});
