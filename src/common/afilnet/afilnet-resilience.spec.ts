import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { buildConfiguration, type GatewayConfig } from '../../config/configuration.js';
import { MetricsService } from '../observability/metrics.service.js';
import { AfilnetApiError, AfilnetTransportError } from './afilnet.errors.js';
import { operation } from './afilnet-operations.js';
import { AfilnetResilience } from './afilnet-resilience.js';

const READ = operation('user.balance');
const SEND = operation('sms.send');

function resilience(env: Record<string, string>): { policies: AfilnetResilience; metrics: MetricsService } {
  const metrics = new MetricsService();
  const config = new ConfigService<GatewayConfig, true>(buildConfiguration(env));
  return { policies: new AfilnetResilience(config, metrics), metrics };
}

/** An upstream attempt that fails (or answers) as scripted, counting how often it was made. */
function attempts(...outcomes: (Error | string)[]) {
  let made = 0;
  const attempt = () => {
    const outcome = outcomes[Math.min(made, outcomes.length - 1)];
    made += 1;
    return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
  };
  return { attempt, made: () => made };
}

const unreachable = () => new AfilnetTransportError('user', 'getbalance', 'unreachable', 'not reachable');
/** What the caller answers when the deadline passes first (AfilnetHttpService decides it from the call's state). */
const pastDeadline = () => new Error('past the deadline');

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('AfilnetResilience', () => {
  // The breaker logs its state changes; not here.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('retries a read after a transport failure', async () => {
    const { policies } = resilience({ AFILNET_READ_RETRIES: '1' });
    const upstream = attempts(unreachable(), 'balance');

    expect(await policies.run(READ, upstream.attempt, pastDeadline)).toBe('balance');
    expect(upstream.made()).toBe(2);
  });

  it('never repeats a send, nor a call Afilnet answered with an error', async () => {
    const { policies } = resilience({ AFILNET_READ_RETRIES: '2' });
    const send = attempts(new AfilnetTransportError('sms', 'sendsms', 'timeout', 'no answer'));
    const refusedRead = attempts(new AfilnetApiError('user', 'getbalance', 'INCORRECT_USER_PASSWORD'));

    expect(await failure(policies.run(SEND, send.attempt, pastDeadline))).toBeInstanceOf(
      AfilnetTransportError,
    );
    expect(await failure(policies.run(READ, refusedRead.attempt, pastDeadline))).toBeInstanceOf(
      AfilnetApiError,
    );
    expect([send.made(), refusedRead.made()]).toEqual([1, 1]);
  });

  it('opens after consecutive transport failures and then fails fast, without calling, with a Retry-After', async () => {
    const { policies, metrics } = resilience({
      AFILNET_READ_RETRIES: '0',
      AFILNET_BREAKER_FAILURES: '2',
      AFILNET_BREAKER_COOLDOWN_MS: '30000',
    });
    const upstream = attempts(unreachable());

    await failure(policies.run(READ, upstream.attempt, pastDeadline));
    expect(policies.circuitState).toBe('closed');
    await failure(policies.run(READ, upstream.attempt, pastDeadline));
    const fast = await failure(policies.run(SEND, upstream.attempt, pastDeadline));

    expect(policies.circuitState).toBe('open');
    expect(upstream.made()).toBe(2);
    expect(fast).toBeInstanceOf(AfilnetTransportError);
    expect(fast).toMatchObject({ failure: 'circuit_open', afilnetClass: 'sms', afilnetMethod: 'sendsms' });
    expect((fast as AfilnetTransportError).retryAfterSeconds).toBeGreaterThan(29);
    expect((fast as AfilnetTransportError).retryAfterSeconds).toBeLessThanOrEqual(30);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^afilnet_circuit_state 2$/m);
    expect(text).toMatch(/^afilnet_calls_total\{class="sms",method="sendsms",outcome="circuit_open"\} 1$/m);
  });

  it('answers at the one deadline, whatever retries and backoff remain, and aborts the attempt on the wire', async () => {
    const { policies } = resilience({ AFILNET_TIMEOUT_MS: '300', AFILNET_READ_RETRIES: '10' });
    let made = 0;
    let aborted = 0;
    const slowFailure = (signal: AbortSignal) =>
      new Promise<string>((_resolve, reject) => {
        made += 1;
        const onAbort = () => {
          aborted += 1;
          clearTimeout(timer);
          reject(unreachable());
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          reject(unreachable());
        }, 120);
        signal.addEventListener('abort', onAbort);
      });
    const started = Date.now();

    const error = await failure(policies.run(READ, slowFailure, pastDeadline));

    expect((error as Error).message).toBe('past the deadline');
    expect(Date.now() - started).toBeLessThan(600);
    expect(made).toBeLessThan(4);
    // Only an attempt still on the wire at the deadline is aborted (none, if the deadline fell in a backoff).
    expect(aborted).toBeLessThanOrEqual(1);
  });

  it("does not count Afilnet's business errors against its health", async () => {
    const { policies } = resilience({ AFILNET_BREAKER_FAILURES: '2' });
    const upstream = attempts(new AfilnetApiError('sms', 'sendsms', 'NO_CREDITS'));

    for (let i = 0; i < 4; i += 1) await failure(policies.run(SEND, upstream.attempt, pastDeadline));

    expect(policies.circuitState).toBe('closed');
    expect(upstream.made()).toBe(4);
  });
});
