// `npm run bench:tracking`: what delivery tracking costs with 10 000 messages in flight. The gateway (live mode,
// ledger on SQLite, default tracking settings) sends BENCH_TRACKED messages to the fast fake, which then answers
// every `getdeliverystatus` with PENDING, so that every message stays tracked; over BENCH_TRACKING_SECONDS the run
// counts Afilnet status calls and ids and the gateway's CPU time. Loopback only. Needs a build.
//
//   BENCH_TRACKED           messages in flight (default 10000)
//   BENCH_TRACKING_SECONDS  how long tracking is watched after the sends (default 120)
//   BENCH_NO_WRITE          set: print only, do not update bench/RESULTS.md
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, freePort, HOST, memory, stop, writeResultsBlock } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const TRACKED = Number(process.env.BENCH_TRACKED ?? 10_000);
const WATCH_SECONDS = Number(process.env.BENCH_TRACKING_SECONDS ?? 120);
const SMS = JSON.stringify({ from: 'Shop', to: '34600000001', sms: 'Your order has shipped' });

async function main() {
  const entry = join(root, 'dist/main.js');
  if (!existsSync(entry)) throw new Error('dist/main.js is missing: run `npm run build` first');
  const fakePort = await freePort();
  const fake = fork(join(here, 'servers.mjs'), ['fake', String(fakePort)], { stdio: 'inherit' });
  await once(fake, 'message');
  const stats = async () => (await fetch(`http://${HOST}:${fakePort}/stats`)).json();
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-tracking-'));
  const port = await freePort();
  const gateway = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST,
      DATA_DIR: dataDir,
      AFILNET_BASE_URL: `http://${HOST}:${fakePort}/api/http/`,
      AFILNET_USER: 'bench@example.com',
      AFILNET_PASSWORD: 'bench-password',
      GATEWAY_AUTH: 'disabled',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        if ((await fetch(`http://${HOST}:${port}/health/live`)).ok) break;
      } catch {
        if (attempt > 100) throw new Error('the gateway did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sent = await autocannon({
      url: `http://${HOST}:${port}/v1/sms`,
      method: 'POST',
      body: SMS,
      headers: { 'content-type': 'application/json' },
      connections: 32,
      amount: TRACKED,
    });
    const start = await stats();
    const cpuStart = cpuSeconds(gateway.pid);
    const perMinute = [];
    let allCheckedAfter;
    for (let second = 1; second <= WATCH_SECONDS; second += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await stats();
      if (allCheckedAfter === undefined && now.statusIds - start.statusIds >= TRACKED) allCheckedAfter = second;
      if (second % 60 === 0) perMinute.push(now.statusCalls);
    }
    const end = await stats();
    const cpu = cpuSeconds(gateway.pid) - cpuStart;
    const calls = end.statusCalls - start.statusCalls;
    const ids = end.statusIds - start.statusIds;
    const minutes = perMinute.map((total, index) => total - (index === 0 ? start.statusCalls : perMinute[index - 1]));
    const text = [
      `Run ${new Date().toISOString()} — ${sent.requests.total} SMS sent (${sent.non2xx + sent.errors} failed), then ` +
        `${WATCH_SECONDS} s of tracking with the default settings (first check after 10 s, then doubling).`,
      '',
      `| messages in flight | every one checked within | Afilnet status calls per minute | ids per call | gateway CPU | CPU per id checked | gateway RSS at the end |`,
      '|---:|---:|---|---:|---:|---:|---:|',
      `| ${ids === 0 ? 0 : TRACKED} | ${allCheckedAfter === undefined ? 'not within the run' : `${allCheckedAfter} s`} | ${minutes.join(', ')} | ${calls === 0 ? '—' : (ids / calls).toFixed(1)} | ${cpu.toFixed(2)} s in ${WATCH_SECONDS} s (${((cpu / WATCH_SECONDS) * 100).toFixed(1)} % of a core) | ${ids === 0 ? '—' : `${((cpu * 1e6) / ids).toFixed(0)} µs`} | ${memory(gateway.pid).rssMb.toFixed(0)} MB |`,
    ].join('\n');
    process.stdout.write(`${text}\n`);
    if (process.env.BENCH_NO_WRITE === undefined) writeResultsBlock('tracking', 'Delivery tracking: 10 000 messages in flight', text);
  } finally {
    await stop(gateway);
    await stop(fake);
    rmSync(dataDir, { recursive: true, force: true });
  }
}


await main();
