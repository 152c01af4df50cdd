import type { UpstreamContact } from '../../src/common/afilnet/afilnet-http.service.js';
import { operation, type OperationName } from '../../src/common/afilnet/afilnet-operations.js';
import { AfilnetApiError, AfilnetTransportError } from '../../src/common/afilnet/afilnet.errors.js';
import type { TransportFailure } from '../../src/common/afilnet/afilnet-error-table.js';
import type { CircuitStateName } from '../../src/common/observability/metrics.service.js';

export interface RecordedCall {
  readonly operation: OperationName;
  readonly params: Readonly<Record<string, unknown>>;
}

type Answer = { readonly result: unknown } | { readonly error: Error } | { readonly held: Promise<unknown> };

/**
 * Stands in for `AfilnetHttpService` (the one door to Afilnet) in slice tests: it records every call with its
 * operation and parameters, and answers what the test scripted for that operation, in order. A call nobody
 * scripted fails the request loudly (an `Error`, answered 500), so a test never passes on an accidental answer.
 */
export class FakeAfilnet {
  readonly calls: RecordedCall[] = [];
  /** What `/health/upstream` reads. */
  circuitState: CircuitStateName = 'closed';
  connections = { active: 0, waiting: 0 };
  contact?: UpstreamContact;
  private readonly scripted = new Map<OperationName, Answer[]>();

  /** The next call of `name` resolves with `result` (Afilnet's `result` field). */
  answers(name: OperationName, result: unknown): this {
    return this.script(name, { result });
  }

  /**
   * The next call of `name` waits until the test calls the returned `release`, then resolves with `result`:
   * for what happens while a call is in flight.
   */
  holds(name: OperationName, result: unknown): () => void {
    let release!: () => void;
    this.script(name, { held: new Promise<unknown>((resolve) => (release = () => resolve(result))) });
    return release;
  }

  /** The next call of `name` is answered with Afilnet's `status: error` and this code. */
  rejects(name: OperationName, code: string): this {
    const op = operation(name);
    return this.script(name, { error: new AfilnetApiError(op.class, op.method, code) });
  }

  /** The next call of `name` fails in transport (no answer, no answer in time, an unreadable one, open circuit). */
  failsInTransport(name: OperationName, failure: TransportFailure, retryAfterSeconds?: number): this {
    const op = operation(name);
    return this.script(name, {
      error: new AfilnetTransportError(
        op.class,
        op.method,
        failure,
        `scripted ${failure}`,
        retryAfterSeconds,
      ),
    });
  }

  /** Forgets every call and every answer not yet given (between tests). */
  reset(): void {
    this.calls.length = 0;
    this.scripted.clear();
    this.circuitState = 'closed';
    this.contact = undefined;
  }

  /** The calls of one operation, in order. */
  callsOf(name: OperationName): Readonly<Record<string, unknown>>[] {
    return this.calls.filter((call) => call.operation === name).map((call) => call.params);
  }

  call(name: OperationName, params: Readonly<Record<string, unknown>>): Promise<unknown> {
    this.calls.push({ operation: name, params });
    const answer = this.scripted.get(name)?.shift();
    if (answer === undefined) return Promise.reject(new Error(`unscripted Afilnet call ${name}`));
    if ('held' in answer) return answer.held;
    // As the real door does: any answer, even an error one, shows Afilnet is reachable; a transport failure not.
    this.contact = {
      reachable: !('error' in answer && answer.error instanceof AfilnetTransportError),
      at: Date.now(),
    };
    return 'error' in answer ? Promise.reject(answer.error) : Promise.resolve(answer.result);
  }

  lastContact(): UpstreamContact | undefined {
    return this.contact;
  }

  private script(name: OperationName, answer: Answer): this {
    const queue = this.scripted.get(name) ?? [];
    queue.push(answer);
    this.scripted.set(name, queue);
    return this;
  }
}
