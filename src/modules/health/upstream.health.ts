import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';

/** Real traffic younger than this answers the readiness probe without a call of its own. */
const FRESH_MS = 15_000;

/**
 * Afilnet is reachable when its last answer (to real traffic or to a probe) came back, even as a business
 * error. Probes are answered from that; at most one probe call (`user.getbalance`) is in flight at a time.
 */
@Injectable()
export class UpstreamHealthIndicator {
  private probe?: Promise<void>;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    if (this.afilnet.circuitOpen) {
      return this.indicator.check(key).down({ reason: 'circuit open after repeated Afilnet failures' });
    }
    let contact = this.afilnet.lastContact();
    if (contact === undefined || Date.now() - contact.at > FRESH_MS) {
      this.probe ??= this.afilnet
        .call('user.balance', {})
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => (this.probe = undefined));
      await this.probe;
      contact = this.afilnet.lastContact();
    }
    const session = this.indicator.check(key);
    const checkedAt = contact === undefined ? undefined : new Date(contact.at).toISOString();
    return contact?.reachable
      ? session.up({ checkedAt })
      : session.down({ checkedAt, reason: 'Afilnet not reachable' });
  }
}
