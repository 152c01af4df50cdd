import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { GatewayConfig } from '../../config/configuration.js';
import { MetricsService, type CircuitStateName } from '../observability/metrics.service.js';
import { AfilnetTransportError } from './afilnet.errors.js';
import type { AfilnetOperation } from './afilnet-operations.js';

/** Only transport failures say anything about Afilnet's health; its business codes (NO_CREDITS …) do not. */
const transportFailures = handleWhen((error) => error instanceof AfilnetTransportError);

const STATE_NAMES: Readonly<Record<CircuitState, CircuitStateName>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

/**
 * The policies around each upstream attempt: a circuit breaker shared by all calls (after N consecutive
 * transport failures it answers at once, for the cool-down, instead of piling requests onto a sick
 * upstream), and retries with exponential backoff and jitter for reads only — a send is never repeated.
 */
@Injectable()
export class AfilnetResilience {
  private readonly logger = new Logger('AfilnetCircuit');
  private readonly breaker: CircuitBreakerPolicy;
  private readonly readRetry: RetryPolicy;
  private readonly cooldownMs: number;
  private openedAt = 0;

  constructor(
    config: ConfigService<GatewayConfig, true>,
    private readonly metrics: MetricsService,
  ) {
    const afilnet = config.get('afilnet', { infer: true });
    this.cooldownMs = afilnet.breakerCooldownMs;
    this.breaker = circuitBreaker(transportFailures, {
      halfOpenAfter: afilnet.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(afilnet.breakerFailures),
    });
    this.readRetry = retry(transportFailures, {
      maxAttempts: afilnet.readRetries,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }),
    });
    this.breaker.onStateChange((state) => {
      const name = STATE_NAMES[state];
      if (name === 'open') this.openedAt = Date.now();
      metrics.setCircuitState(name);
      this.logger.warn({ msg: `circuit ${name}`, circuit: name });
    });
  }

  get circuitOpen(): boolean {
    return this.breaker.state === CircuitState.Open;
  }

  async run<T>(op: AfilnetOperation, attempt: () => Promise<T>): Promise<T> {
    const guarded = () => this.breaker.execute(attempt);
    try {
      return op.kind === 'read' ? await this.readRetry.execute(guarded) : await guarded();
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) throw error;
      this.metrics.observeUpstream(op.class, op.method, 'circuit_open', 0);
      const retryAfterSeconds = Math.max(1, (this.openedAt + this.cooldownMs - Date.now()) / 1000);
      throw new AfilnetTransportError(
        op.class,
        op.method,
        'circuit_open',
        'not called: the circuit is open after repeated transport failures',
        retryAfterSeconds,
      );
    }
  }
}
