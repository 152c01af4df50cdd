// `npm run bench:batches` (also the last part of `npm run bench`): what batches cost. The gateway (live mode, its
// own dist/main.js process) takes one batch of BENCH_BATCH recipients — the time to the 202 and the gateway's RSS —
// then sends it to the fast fake at BENCH_BATCH_PACE per second: the pace achieved against the setting, the CPU per
// recipient, and the RSS sampled every 5 s (flat, or growing?). With BENCH_DATABASE_URL (a PostgreSQL server on
// loopback) it also runs two instances on one database sending one batch: their pace together must stay the
// deployment's, not double, and how they shared the work (each one's sends, from its metrics). Loopback only. Needs a
// build.
//
//   BENCH_BATCH           recipients (default 10000)
//   BENCH_BATCH_PACE      AFILNET_SENDS_PER_SECOND (default 200)
//   BENCH_NODE_OPTIONS    NODE_OPTIONS for the gateway processes (e.g. --max-old-space-size=96, to tell garbage from growth)
//   BENCH_DATABASE_URL    e.g. postgres://postgres@127.0.0.1:5432/test (a database is created and dropped)
//   BENCH_NO_WRITE        set: print only, do not update bench/RESULTS.md
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, freePort, HOST, memory, stop, withPostgres, writeResultsBlock } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const RECIPIENTS = Number(process.env.BENCH_BATCH ?? 10_000);
const PACE = Number(process.env.BENCH_BATCH_PACE ?? 200);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One gateway process against the fake; answers it once `/health/live` answers. */
async function startGateway(fakePort, storage) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/main.js')], {
    env: {
      PATH: process.env.PATH,
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      PORT: String(port),
      HOST,
      ...storage,
      AFILNET_BASE_URL: `http://${HOST}:${fakePort}/api/http/`,
      AFILNET_USER: 'bench@example.com',
      AFILNET_PASSWORD: 'bench-password',
      AFILNET_SENDS_PER_SECOND: String(PACE),
      GATEWAY_AUTH: 'disabled',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(`http://${HOST}:${port}/health/live`)).ok) break;
    } catch {
      if (attempt > 100) throw new Error('the gateway did not start');
    }
    await sleep(100);
  }
  return { child, url: `http://${HOST}:${port}` };
}

function batchBody(count) {
  return JSON.stringify({
    channel: 'sms',
    from: 'Shop',
    recipients: Array.from({ length: count }, (_, index) => ({
      to: `34600${String(index).padStart(6, '0')}`,
      text: `Hello ${index}, your appointment is tomorrow at 10:00.`,
    })),
  });
}

/** Posts the batch; answers its id and the seconds to the 202. */
async function postBatch(gateway, body) {
  const started = process.hrtime.bigint();
  const response = await fetch(`${gateway.url}/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (response.status !== 202) throw new Error(`the batch was answered ${response.status}: ${await response.text()}`);
  return { id: (await response.json()).id, seconds };
}

/** Samples the fake's send count every second until the batch completed; answers the samples and the batch. */
async function watch(gateway, id, stats, onSecond = () => undefined) {
  const samples = [];
  for (let second = 1; ; second += 1) {
    await sleep(1000);
    samples.push({ at: Date.now(), sends: (await stats()).sends });
    onSecond(second);
    const batch = await (await fetch(`${gateway.url}/v1/batches/${id}`)).json();
    if (batch.status === 'completed') return { samples, batch };
    if (second > (RECIPIENTS / PACE) * 3 + 30) throw new Error(`the batch did not complete: ${JSON.stringify(batch)}`);
  }
}

/** The pace over the samples strictly inside the run (the first second's burst and the last second left out). */
function achievedPace(samples) {
  const inside = samples.filter((sample, index) => index > 0 && index < samples.length - 1);
  if (inside.length < 2) return NaN;
  const first = inside[0];
  const last = inside[inside.length - 1];
  return ((last.sends - first.sends) * 1000) / (last.at - first.at);
}

async function oneInstance(fakePort, stats) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-batches-'));
  const gateway = await startGateway(fakePort, { DATA_DIR: dataDir });
  try {
    const body = batchBody(RECIPIENTS);
    const rssBefore = memory(gateway.child.pid).rssMb;
    const accepted = await postBatch(gateway, body);
    const peakAfterAccept = memory(gateway.child.pid).peakMb;
    const cpuStart = cpuSeconds(gateway.child.pid);
    const rss = [];
    const { samples, batch } = await watch(gateway, accepted.id, stats, (second) => {
      if (second % 5 === 0) rss.push(Math.round(memory(gateway.child.pid).rssMb));
    });
    const cpu = cpuSeconds(gateway.child.pid) - cpuStart;
    return {
      accept: accepted.seconds,
      rssBefore,
      peakAfterAccept,
      pace: achievedPace(samples),
      cpuPerRecipient: (cpu * 1e6) / RECIPIENTS,
      rss,
      sent: batch.sent,
    };
  } finally {
    await stop(gateway.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The `sendsms` calls one instance made that Afilnet accepted, from its own metrics. */
async function sendsOf(gateway) {
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = /^afilnet_calls_total\{class="sms",method="sendsms",outcome="success"\} (\d+)$/m.exec(metrics);
  return Number(line?.[1] ?? 0);
}

async function twoInstances(fakePort, stats) {
  return withPostgres(DATABASE_URL, async (url) => {
    const gateways = [];
    try {
      gateways.push(await startGateway(fakePort, { DATABASE_URL: url }));
      gateways.push(await startGateway(fakePort, { DATABASE_URL: url }));
      const count = Math.min(RECIPIENTS, PACE * 20);
      const accepted = await postBatch(gateways[0], batchBody(count));
      const { samples, batch } = await watch(gateways[0], accepted.id, stats);
      const split = await Promise.all(gateways.map(sendsOf));
      return { count, accept: accepted.seconds, pace: achievedPace(samples), sent: batch.sent, split };
    } finally {
      for (const gateway of gateways) await stop(gateway.child);
    }
  });
}

async function main() {
  if (!existsSync(join(root, 'dist/main.js'))) throw new Error('dist/main.js is missing: run `npm run build` first');
  const fakePort = await freePort();
  const fake = fork(join(here, 'servers.mjs'), ['fake', String(fakePort)], { stdio: 'inherit' });
  await once(fake, 'message');
  const stats = async () => (await fetch(`http://${HOST}:${fakePort}/stats`)).json();
  try {
    const one = await oneInstance(fakePort, stats);
    const two = DATABASE_URL === undefined ? undefined : await twoInstances(fakePort, stats);
    const percent = (pace) => `${((pace / PACE - 1) * 100).toFixed(1)} %`;
    const text = [
      `Run ${new Date().toISOString()} — one batch of ${RECIPIENTS} SMS recipients, AFILNET_SENDS_PER_SECOND=${PACE}, ` +
        'the gateway in live mode against the fast fake (loopback).',
      '',
      '| instances, storage | 202 after | RSS before → peak after accepting | pace achieved (vs setting) | gateway CPU per recipient | RSS every 5 s while sending |',
      '|---|---:|---:|---:|---:|---|',
      `| one, SQLite | ${one.accept.toFixed(2)} s | ${one.rssBefore.toFixed(0)} → ${one.peakAfterAccept.toFixed(0)} MB | ` +
        `${one.pace.toFixed(1)}/s (${percent(one.pace)}) | ${one.cpuPerRecipient.toFixed(0)} µs | ${one.rss.join(', ')} MB |`,
      two === undefined
        ? '| two, PostgreSQL | not run (BENCH_DATABASE_URL unset) | | | | |'
        : `| two, one PostgreSQL (${two.count} recipients) | ${two.accept.toFixed(2)} s | | ` +
          `${two.pace.toFixed(1)}/s together (${percent(two.pace)}), sent ${two.split.join(' + ')} | | |`,
    ].join('\n');
    process.stdout.write(`${text}\n`);
    if (process.env.BENCH_NO_WRITE === undefined) writeResultsBlock('batches', 'Batches: 10 000 recipients at 200 per second', text);
  } finally {
    await stop(fake);
  }
}


await main();
