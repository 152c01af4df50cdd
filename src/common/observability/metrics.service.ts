import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type CircuitStateName = 'closed' | 'half_open' | 'open';
const CIRCUIT_STATE_VALUE: Readonly<Record<CircuitStateName, number>> = { closed: 0, half_open: 1, open: 2 };

/**
 * The gateway's Prometheus metrics, in a registry of its own (one per application, so tests can run several).
 * Labels carry API-key names, never keys, and never request parameters.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by route template, method, status and API-key name',
    labelNames: ['method', 'route', 'status', 'api_key'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route template and method',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly upstreamCalls = new Counter({
    name: 'afilnet_calls_total',
    help: 'Calls to Afilnet by class, method and outcome (success, the Afilnet error code, or the transport failure)',
    labelNames: ['class', 'method', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly upstreamDuration = new Histogram({
    name: 'afilnet_call_duration_seconds',
    help: 'Duration of calls to Afilnet, by class and method',
    labelNames: ['class', 'method'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly credits = new Counter({
    name: 'afilnet_credits_spent_total',
    help: 'Credits Afilnet reported spending, by channel (Afilnet class)',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  private readonly circuit = new Gauge({
    name: 'afilnet_circuit_state',
    help: 'State of the circuit breaker in front of Afilnet: 0 closed, 1 half-open, 2 open',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.circuit.set(0);
  }

  observeHttp(method: string, route: string, status: number, apiKey: string, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status), api_key: apiKey });
    this.httpDuration.observe({ method, route }, seconds);
  }

  observeUpstream(afilnetClass: string, method: string, outcome: string, seconds: number): void {
    this.upstreamCalls.inc({ class: afilnetClass, method, outcome });
    this.upstreamDuration.observe({ class: afilnetClass, method }, seconds);
  }

  addCredits(channel: string, credits: number): void {
    if (credits > 0) this.credits.inc({ channel }, credits);
  }

  setCircuitState(state: CircuitStateName): void {
    this.circuit.set(CIRCUIT_STATE_VALUE[state]);
  }
}
