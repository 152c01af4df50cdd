import type * as ClockModule from '../src/common/clock/clock.js';
import type * as TrackerModule from '../src/modules/ledger/delivery-tracker.service.js';
import { built } from './support/built.js';
import { crashTestEnv, restartAfterCrash } from './support/crash.js';
import { createPostgresDatabase, describeEachStorage, describeWithPostgres } from './support/databases.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { startGatewayProcess } from './support/process.js';
import { RecordingAfilnet } from './support/recording-afilnet.js';

const { ManualClock } = built<typeof ClockModule>('common/clock/clock.js');
const { DeliveryTracker } = built<typeof TrackerModule>('modules/ledger/delivery-tracker.service.js');

const SMS = { from: 'Shop', to: '34600000001', sms: 'Your order has shipped' };

function tracker(gateway: RunningGateway): InstanceType<typeof DeliveryTracker> {
  return gateway.app.get(DeliveryTracker, { strict: false });
}

describeEachStorage('a kill -9 in the middle of a send', (makeStorage) => {
  const afilnet = new RecordingAfilnet();

  afterAll(() => afilnet.stop());

  it('loses no message and sends nothing twice: the interrupted send becomes unknown after a restart', async () => {
    const storage = await makeStorage();
    const env = crashTestEnv(storage.env, await afilnet.start());
    const gateway = await startGatewayProcess(env);
    const post = (to: string) => gateway.post('/v1/sms', { ...SMS, to });
    const accepted = await post('34600000601');
    const hold = afilnet.holdNextSend();
    const interrupted = post('34600000602').catch(() => 'connection lost');
    await hold.reached;
    await gateway.stop('SIGKILL');
    expect(await interrupted).toBe('connection lost');

    const { gateway: restarted, recover } = await restartAfterCrash(env);
    try {
      const before = await request(restarted, 'GET', '/v1/messages?channel=sms');
      // Past the send's deadline (plus the in-flight margin), and past the next maintenance round.
      await recover();
      const after = await request(restarted, 'GET', '/v1/messages?channel=sms');

      expect(accepted.status).toBe(201);
      expect(before.body.items.map((item: { to: string; status: string }) => [item.to, item.status])).toEqual(
        [
          ['34600000602', 'sending'],
          ['34600000601', 'pending'],
        ],
      );
      expect(after.body.items.map((item: { to: string; status: string }) => [item.to, item.status])).toEqual([
        ['34600000602', 'unknown'],
        ['34600000601', expect.stringMatching(/^(pending|delivered)$/)],
      ]);
      expect(afilnet.calls('sendsms').map((call) => call.form.get('to'))).toEqual([
        '34600000601',
        '34600000602',
      ]);
    } finally {
      await restarted.close();
      await storage.drop();
    }
  }, 60_000);
});

describeWithPostgres('two instances on one PostgreSQL', () => {
  const afilnet = new RecordingAfilnet();
  let drop: () => Promise<void>;
  let first: RunningGateway;
  let second: RunningGateway;
  const clocks = [new ManualClock(Date.now()), new ManualClock(Date.now())];

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    const env = { ...LIVE_ACCOUNT, DATABASE_URL: database.url, AFILNET_BASE_URL: await afilnet.start() };
    first = await startGateway(env, { clock: clocks[0] });
    second = await startGateway(env, { clock: clocks[1] });
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await afilnet.stop();
    await drop();
  });

  it('check each message’s delivery once between them, not once each', async () => {
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        request(index % 2 === 0 ? first : second, 'POST', '/v1/sms', {
          ...SMS,
          to: `346000007${String(index).padStart(2, '0')}`,
        }),
      ),
    );
    for (const clock of clocks) clock.advance(10_000);
    // Both instances claim at once, round after round, until neither finds anything due (their background loops
    // may claim some too: what matters is that no message is asked about twice).
    while (
      (await Promise.all([tracker(first).runOnce(), tracker(second).runOnce()])).some((count) => count > 0)
    );
    const asked = afilnet.statusQueries().flat();

    expect(sent.map((response) => response.status)).toEqual(sent.map(() => 201));
    expect(asked.sort()).toEqual(sent.map((response) => response.body.messageId as string).sort());
  });
});
