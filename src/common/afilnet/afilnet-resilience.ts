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
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type { GatewayConfig } from '../../config/configuration.js';
import { MetricsService, type CircuitStateName } from '../observability/metrics.service.js';
import { AfilnetTransportError } from './afilnet.errors.js';
import type { AfilnetOperation } from './afilnet-operations.js';

/**
 * Only failures of calls that were attempted say anything about Afilnet's health; its business codes
 * (NO_CREDITS …) do not, and neither does a call not started because every connection was busy.
 */
const transportFailures = handleWhen(
  (error) => error instanceof AfilnetTransportError && error.failure !== 'busy',
);

const STATE_NAMES: Readonly<Record<CircuitState, CircuitStateName>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

/** One attempt at the call; `signal` aborts at the call's deadline. */
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

/**
 * The policies around each upstream call, outermost first: **one deadline** (`AFILNET_TIMEOUT_MS`) for the whole
 * call, retries and their backoff included, so every answer comes within it; retries with exponential backoff and
 * jitter for reads only — a send is never repeated; and a circuit breaker shared by all calls (after N consecutive
 * transport failures it answers at once, for the cool-down, instead of piling requests onto a sick upstream).
 */
@Injectable()
export class AfilnetResilience {
  private readonly logger = new Logger('AfilnetCircuit');
  private readonly breaker: CircuitBreakerPolicy;
  private readonly readPolicy: IPolicy;
  private readonly sendPolicy: IPolicy;
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
    const readRetry = retry(transportFailures, {
      maxAttempts: afilnet.readRetries,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }),
    });
    // Aggressive: the caller is answered at the deadline even while a retry waits out its backoff or a call waits
    // for the breaker's trial; the attempt on the wire is aborted through the signal.
    const deadline = timeout(afilnet.timeoutMs, TimeoutStrategy.Aggressive);
    this.readPolicy = wrap(deadline, readRetry, this.breaker);
    this.sendPolicy = wrap(deadline, this.breaker);
    this.breaker.onStateChange((state) => {
      const name = STATE_NAMES[state];
      if (name === 'open') this.openedAt = performance.now();
      metrics.setCircuitState(name);
      this.logger.warn({ msg: `circuit ${name}`, circuit: name });
    });
  }

  get circuitState(): CircuitStateName {
    return STATE_NAMES[this.breaker.state];
  }

  /**
   * Runs the call under its policies. When the deadline passes first, the caller gets `pastDeadline()` — what the
   * call was doing then decides whether it may have been sent.
   */
  async run<T>(op: AfilnetOperation, attempt: Attempt<T>, pastDeadline: () => Error): Promise<T> {
    const policy = op.kind === 'read' ? this.readPolicy : this.sendPolicy;
    try {
      return await policy.execute(({ signal }) => attempt(signal));
    } catch (error) {
      if (error instanceof TaskCancelledError) throw pastDeadline();
      if (!(error instanceof BrokenCircuitError)) throw error;
      this.metrics.observeUpstream(op.class, op.method, 'circuit_open', 0);
      const retryAfterSeconds = Math.max(1, (this.openedAt + this.cooldownMs - performance.now()) / 1000);
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
