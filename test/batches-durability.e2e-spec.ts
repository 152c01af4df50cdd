import { numbers, smsBatch } from './support/batches.js';
import { crashTestEnv, restartAfterCrash } from './support/crash.js';
import { createPostgresDatabase, describeEachStorage, describeWithPostgres } from './support/databases.js';
import { eventually } from './support/eventually.js';
import { request, startGateway, type RunningGateway } from './support/gateway.js';
import { LIVE_ACCOUNT } from './support/live.js';
import { startGatewayProcess } from './support/process.js';
import { RecordingAfilnet } from './support/recording-afilnet.js';

describeEachStorage('a kill -9 in the middle of a batch', (makeStorage) => {
  const afilnet = new RecordingAfilnet();

  afterAll(() => afilnet.stop());

  it('resumes after a restart without sending anyone twice; the recipient caught sending becomes unknown', async () => {
    const storage = await makeStorage();
    const env = crashTestEnv(storage.env, await afilnet.start(), { AFILNET_SENDS_PER_SECOND: '10' });
    const destinations = numbers(30);
    const gateway = await startGatewayProcess(env);
    const accepted = await gateway.post('/v1/batches', smsBatch(destinations));
    const { id } = (await accepted.json()) as { id: string };
    await eventually(() => afilnet.calls('sendsms').length >= 5, { timeoutMs: 10_000 });
    const hold = afilnet.holdNextSend();
    await hold.reached;
    await gateway.stop('SIGKILL');
    const held = afilnet.calls('sendsms').at(-1)!.form.get('to');

    const { gateway: restarted, clock, recover } = await restartAfterCrash(env);
    try {
      const batch = async () =>
        (await request<{ status: string; queued: number }>(restarted, 'GET', `/v1/batches/${id}`)).body;
      // The pace follows the (manual) clock: each second moved lets a second's worth of recipients go.
      await eventually(
        async () => {
          clock.advance(1000);
          expect((await batch()).queued).toBe(0);
        },
        { timeoutMs: 20_000, intervalMs: 50 },
      );
      // Past the interrupted send's deadline and the in-flight margin: crash recovery makes it unknown, and the
      // batch, with nothing left waiting or being sent, completes.
      await recover();
      const completed = await eventually(
        async () => {
          clock.advance(5000);
          const now = await batch();
          expect(now.status).toBe('completed');
          return now;
        },
        { timeoutMs: 10_000, intervalMs: 50 },
      );
      const sent = afilnet.calls('sendsms').map((call) => call.form.get('to'));
      const messages = (await request(restarted, 'GET', `/v1/batches/${id}/messages?limit=200`)).body
        .items as {
        to: string;
        status: string;
      }[];
      const unknown = messages.filter((message) => message.status === 'unknown').map((message) => message.to);

      expect(accepted.status).toBe(202);
      // Nobody twice; everybody not `unknown` exactly once. Those caught `sending` by the crash (the one Afilnet was
      // holding, and any claimed in the same instant) are `unknown`: never re-sent.
      expect(new Set(sent).size).toBe(sent.length);
      expect(unknown).toContain(held);
      expect(
        messages
          .filter((message) => message.status !== 'unknown')
          .map((message) => [message.to, message.status, sent.includes(message.to)]),
      ).toEqual(
        destinations
          .filter((to) => !unknown.includes(to))
          .reverse()
          .map((to) => [to, 'pending', true]),
      );
      expect(completed).toMatchObject({
        total: 30,
        sent: 30 - unknown.length,
        unknown: unknown.length,
        queued: 0,
      });
    } finally {
      await restarted.close();
      await storage.drop();
    }
  }, 60_000);
});

describeWithPostgres('two instances sending one batch', () => {
  const afilnet = new RecordingAfilnet();
  let drop: () => Promise<void>;
  let gateways: RunningGateway[];

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    const env = {
      ...LIVE_ACCOUNT,
      DATABASE_URL: database.url,
      AFILNET_BASE_URL: await afilnet.start(),
      AFILNET_SENDS_PER_SECOND: '20',
    };
    gateways = [await startGateway(env), await startGateway(env)];
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await afilnet.stop();
    await drop();
  });

  /** Successful `sendsms` calls one instance made, from its own metrics. */
  async function sendsOf(gateway: RunningGateway): Promise<number> {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const line = /^afilnet_calls_total\{class="sms",method="sendsms",outcome="success"\} (\d+)$/m.exec(
      metrics,
    );
    return Number(line?.[1] ?? 0);
  }

  it('share the pace of the deployment: together no faster than AFILNET_SENDS_PER_SECOND, each recipient once', async () => {
    const destinations = numbers(80);

    const accepted = await request(gateways[0], 'POST', '/v1/batches', smsBatch(destinations));
    await eventually(
      async () => {
        const batch = (await request(gateways[1], 'GET', `/v1/batches/${accepted.body.id}`)).body;
        expect([batch.status, batch.sent]).toEqual(['completed', 80]);
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    const calls = afilnet.calls('sendsms');
    const span = (calls[calls.length - 1].at - calls[0].at) / 1000;
    const each = await Promise.all(gateways.map(sendsOf));

    expect(calls.map((call) => call.form.get('to')).sort()).toEqual(destinations);
    // Both take turns reserving slots; which one sends how many is timing (in one test process, sharing one event
    // loop, one of them may win every turn). That each slot goes to one claimant is the repository suite's test.
    expect(each[0] + each[1]).toBe(80);
    // One second's burst (20) at most, then 20 per second for the other 60: three seconds, not one and a half.
    expect(span).toBeGreaterThanOrEqual(2.7);
  });
});
