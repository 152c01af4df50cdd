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

  it('answers readiness from recent traffic, without a probe call of its own', async () => {
    slice.afilnet.contact = { reachable: true, at: Date.now() };

    const ready = await slice.request('GET', '/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body.details.afilnet).toEqual({ status: 'up', checkedAt: expect.any(String) });
    expect(slice.afilnet.calls).toEqual([]);
  });

  it('probes Afilnet with one user.balance call when there was no recent traffic', async () => {
    slice.afilnet.answers('user.balance', 10);

    const ready = await slice.request('GET', '/health/ready');

    expect(ready.status).toBe(200);
    expect(slice.afilnet.calls).toEqual([{ operation: 'user.balance', params: {} }]);
  });

  it('is not ready (503 NOT_READY) when the probe cannot reach Afilnet, or the circuit is open', async () => {
    slice.afilnet.failsInTransport('user.balance', 'unreachable');

    const unreachable = await slice.request('GET', '/health/ready');
    slice.afilnet.circuitOpen = true;
    const open = await slice.request('GET', '/health/ready');

    expectProblem(unreachable, 503, 'NOT_READY');
    expectProblem(open, 503, 'NOT_READY');
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
