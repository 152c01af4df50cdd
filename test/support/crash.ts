import type * as ClockModule from '../../src/common/clock/clock.js';
import type * as TrackerModule from '../../src/modules/ledger/delivery-tracker.service.js';
import { built } from './built.js';
import { startGateway, type RunningGateway } from './gateway.js';
import { LIVE_ACCOUNT } from './live.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');
const { DeliveryTracker } = built<typeof TrackerModule>('modules/ledger/delivery-tracker.service.js');

/** Afilnet's deadline in the kill -9 suites: short, so that recovering an interrupted send is soon due. */
const TIMEOUT_MS = 1000;

/** A live-mode gateway on `storage` against the recording Afilnet at `afilnetUrl`, to be killed mid-send. */
export function crashTestEnv(
  storage: Record<string, string>,
  afilnetUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...LIVE_ACCOUNT,
    ...storage,
    AFILNET_BASE_URL: afilnetUrl,
    AFILNET_TIMEOUT_MS: String(TIMEOUT_MS),
    GATEWAY_AUTH: 'disabled',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** The gateway started again, in this process, on the crashed one's storage, with a clock the test moves. */
export interface Restarted {
  readonly gateway: RunningGateway;
  readonly clock: InstanceType<typeof ManualClock>;
  /**
   * Moves the clock past the interrupted send's deadline and the tracker's in-flight margin, and runs the
   * delivery tracker once: what was caught `sending` becomes `unknown`.
   */
  recover(): Promise<void>;
}

export async function restartAfterCrash(env: Record<string, string>): Promise<Restarted> {
  const clock = new ManualClock(Date.now());
  const gateway = await startGateway(env, { clock });
  return {
    gateway,
    clock,
    recover: async () => {
      clock.advance(TIMEOUT_MS + 61_000);
      await gateway.app.get(DeliveryTracker, { strict: false }).runOnce();
    },
  };
}
