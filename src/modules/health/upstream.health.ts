import { Injectable } from '@nestjs/common';
import { AfilnetHttpService, type UpstreamContact } from '../../common/afilnet/afilnet-http.service.js';
import { GatewayError } from '../../common/errors/gateway.error.js';
import type { UpstreamHealthDto } from './dto/upstream-health.dto.js';

/** Real traffic younger than this answers the probe without a call of its own. */
const FRESH_MS = 15_000;

/**
 * Afilnet as this instance sees it: reachable when its last answer (to real traffic or to a probe) came back, even
 * as a business error, and the circuit is not open. Answered from that; at most one probe call
 * (`user.getbalance`) is in flight at a time, and none while the circuit is open. Never part of readiness: every
 * instance shares one Afilnet, so an unreachable Afilnet would take them all out of the balancer at once, and
 * callers would get connection errors instead of a clear problem.
 */
@Injectable()
export class UpstreamHealthIndicator {
  private probe?: Promise<void>;

  constructor(private readonly afilnet: AfilnetHttpService) {}

  async report(): Promise<UpstreamHealthDto> {
    const circuit = this.afilnet.circuitState;
    if (circuit === 'open') {
      throw new GatewayError(
        'UPSTREAM_DOWN',
        'The circuit breaker is open after repeated transport failures: calls to Afilnet fail fast until a trial ' +
          `call succeeds${describeContact(this.afilnet.lastContact())}.`,
      );
    }
    const contact = await this.freshContact();
    if (contact?.reachable !== true) {
      throw new GatewayError(
        'UPSTREAM_DOWN',
        `Afilnet is not reachable from this instance${describeContact(contact)}.`,
      );
    }
    return {
      status: 'up',
      circuit,
      checkedAt: new Date(contact.at).toISOString(),
      connections: this.afilnet.connections,
    };
  }

  private async freshContact(): Promise<UpstreamContact | undefined> {
    const contact = this.afilnet.lastContact();
    if (contact !== undefined && Date.now() - contact.at <= FRESH_MS) return contact;
    this.probe ??= this.afilnet
      .call('user.balance', {})
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (this.probe = undefined));
    await this.probe;
    return this.afilnet.lastContact();
  }
}

function describeContact(contact: UpstreamContact | undefined): string {
  if (contact === undefined) return '';
  return ` (last ${contact.reachable ? 'answer' : 'failed call'} at ${new Date(contact.at).toISOString()})`;
}
