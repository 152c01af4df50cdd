import type { ServerResponse } from 'node:http';
import { json, ScriptedUpstream, type ReceivedRequest } from './scripted-upstream.js';

interface FakeMessage {
  readonly id: string;
  readonly to: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
}

/**
 * A recording fake of Afilnet for the ledger suites: it accepts sends (ids counting from 1, the credits each send
 * is scripted to cost), answers `getdeliverystatus` from what the test says became of each message, and can hold
 * the next send's answer until the test releases it. Every request is kept (`calls`).
 */
export class RecordingAfilnet {
  readonly upstream = new ScriptedUpstream();
  readonly messages = new Map<string, FakeMessage>();
  /** Credits charged so far (what `/v1/usage` must add up to). */
  charged = 0;
  /** What the next sends cost, in order; 1 once the list is used up. */
  prices: number[] = [];
  /** An error code the next send answers instead of accepting. */
  refuseWith?: string;
  private held?: { readonly released: Promise<void>; readonly arrived: () => void };

  constructor() {
    this.reset();
  }

  /** Back to accepting every send (what a test changed — a refusal, a hold, a broken connection — is undone). */
  reset(): void {
    this.refuseWith = undefined;
    this.held = undefined;
    this.upstream.respond((request, response) => this.answer(request, response));
  }

  /** Every call fails in transport (the connection is reset without an answer) until `reset`. */
  failTransport(): void {
    this.upstream.respond((_request, response) => response.destroy());
  }

  start(): Promise<string> {
    return this.upstream.start();
  }

  stop(): Promise<void> {
    return this.upstream.stop();
  }

  /** The calls of one method, oldest first. */
  calls(method: string): ReceivedRequest[] {
    return this.upstream.received.filter((request) => request.form.get('method') === method);
  }

  /** The message ids each `getdeliverystatus` call asked about. */
  statusQueries(): string[][] {
    return this.calls('getdeliverystatus').map((request) => (request.form.get('messages') ?? '').split(','));
  }

  /** Holds the next send's answer; resolves `reached` once Afilnet has it (the gateway is waiting). */
  holdNextSend(): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrived!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    this.held = { released, arrived };
    return { reached, release };
  }

  /** A send that never gets an answer (the gateway's deadline passes). */
  neverAnswer(): void {
    this.held = { released: new Promise(() => undefined), arrived: () => undefined };
  }

  private answer(request: ReceivedRequest, response: ServerResponse): void {
    const method = request.form.get('method') ?? '';
    if (method === 'getdeliverystatus') {
      const ids = (request.form.get('messages') ?? '').split(',');
      return json(response, {
        status: 'SUCCESS',
        result: ids.flatMap((id) => {
          const message = this.messages.get(id);
          if (message === undefined) return [{ messageid: id, deliverystatus: 'NOT_FOUND' }];
          return [
            {
              messageid: id,
              deliverystatus: message.status,
              deliverydate: message.status === 'DELIVERED' ? '2026-11-26 10:00:02' : '',
            },
          ];
        }),
      });
    }
    if (!method.startsWith('send')) return json(response, { status: 'SUCCESS', result: {} });
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) {
      held.arrived();
      void held.released.then(() => this.accept(request, response));
      return;
    }
    this.accept(request, response);
  }

  private accept(request: ReceivedRequest, response: ServerResponse): void {
    if (this.refuseWith !== undefined) return json(response, { status: 'ERROR', error: this.refuseWith });
    const credits = this.prices.shift() ?? 1;
    const id = String(this.messages.size + 1);
    this.messages.set(id, { id, to: request.form.get('to') ?? '', status: 'PENDING' });
    this.charged += credits;
    json(response, { status: 'SUCCESS', result: { messageid: id, credits } });
  }
}
