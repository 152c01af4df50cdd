// `npm run bench`: the gateway's POST /v1/sms in live mode against a fast local fake upstream, compared in the
// same run with the fake called directly, with a minimal raw Node proxy doing the same JSON→form→JSON work
// (the floor), with a minimal NestJS app doing the same (the framework floor: what NestJS, Fastify and
// class-validator cost before any of the gateway's own layers), and with that app calling through axios set up
// as the gateway's HttpService is (the design floor). Loopback only, bounded in time. Needs a build
// (`npm run bench` builds first).
//
//   BENCH_SECONDS   measured seconds per target (default 10); BENCH_WARMUP_SECONDS (default 3)
//   BENCH_CONNECTIONS  concurrent connections (default 32)
//   BENCH_ONLY      comma-separated subset of fake,floor,nest,nest-axios,gateway,gateway-pg,baseline
//   BENCH_DATABASE_URL  a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres): adds gateway-pg,
//                   the gateway with its message ledger in a fresh database there (created and dropped)
//   BENCH_BASELINE  the entry point of a gateway build without the message ledger on the send path (e.g. commit
//                   b9d364e built in a worktree, see bench/RESULTS.md): adds baseline, what the ledger is measured
//                   against
//   BENCH_CPU_PROF  a directory: the gateway runs with --cpu-prof and writes its profile there
//   BENCH_NO_WRITE  set: print only, do not update bench/RESULTS.md
//   BENCH_GATEWAY   the gateway's entry point (default dist/main.js), e.g. another build to compare with
//   BENCH_NODE_OPTIONS  NODE_OPTIONS for the gateway process (e.g. V8 heap flags)
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, freePort, HOST, memory, stop, withPostgres, writeResultsBlock } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const BASELINE = process.env.BENCH_BASELINE;
const ONLY = (
  process.env.BENCH_ONLY ??
  [
    'fake,floor,nest,nest-axios',
    ...(BASELINE ? ['baseline'] : []),
    'gateway',
    ...(DATABASE_URL ? ['gateway-pg'] : []),
  ].join(',')
).split(',');
const GATEWAY = process.env.BENCH_GATEWAY ?? join(root, 'dist/main.js');
const SMS = JSON.stringify({ from: 'Shop', to: '34600000001', sms: 'Your order has shipped' });
const FORM = new URLSearchParams({
  class: 'sms',
  method: 'sendsms',
  user: 'bench@example.com',
  password: 'bench-password',
  from: 'Shop',
  to: '34600000001',
  sms: 'Your order has shipped',
}).toString();

async function startHelper(script, ...args) {
  const child = fork(join(here, script), args.map(String), { stdio: 'inherit' });
  await once(child, 'message');
  return child;
}

/**
 * Starts a gateway build in live mode against the fake; `storage` is its database (a fresh SQLite file in a
 * temporary DATA_DIR unless a DATABASE_URL is given).
 */
async function startGateway(port, upstreamUrl, entry = GATEWAY, storage = {}) {
  const profile = process.env.BENCH_CPU_PROF;
  const child = spawn(
    process.execPath,
    [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), entry],
    {
      env: {
        ...storage,
        PATH: process.env.PATH,
        ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
        PORT: String(port),
        HOST,
        AFILNET_BASE_URL: upstreamUrl,
        AFILNET_USER: 'bench@example.com',
        AFILNET_PASSWORD: 'bench-password',
        GATEWAY_AUTH: 'disabled',
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`http://${HOST}:${port}/health/live`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the gateway did not start');
}

function load(url, body, contentType, seconds) {
  return autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
    connections: CONNECTIONS,
    duration: seconds,
  });
}

/** Warm-up (discarded), then the measured run, sampling the server processes' memory every second. */
async function measure(key, name, url, body, contentType, processes) {
  await load(url, body, contentType, WARMUP);
  const samples = [];
  const sampler = setInterval(() => samples.push(memory(processes[0].pid).rssMb), 1000);
  const cpuBefore = cpuSeconds(processes[0].pid);
  const result = await load(url, body, contentType, SECONDS);
  const cpu = cpuSeconds(processes[0].pid) - cpuBefore;
  clearInterval(sampler);
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    key,
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: non2xx,
    total: result.requests.total,
    cpuMicrosPerRequest: (cpu * 1e6) / result.requests.total,
    peakRss: processes.map((child) => memory(child.pid).peakMb),
    rssFirst: samples[0],
    rssLast: samples.at(-1),
    rssEvery10s: samples.filter((_, second) => second % 10 === 9),
  };
}

/** The minimal NestJS app (bench/minimal-nest.mjs) with each upstream client: target, client, row name. */
const MINIMAL_NEST_APPS = [
  ['nest', 'undici', 'minimal NestJS app (framework floor)'],
  ['nest-axios', 'axios', 'minimal NestJS app through axios (design floor)'],
];

/** Runs `work` with a gateway database in a fresh temporary DATA_DIR (SQLite), removed after. */
async function withSqlite(work) {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  try {
    await work({ DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `work` with a gateway database in a fresh PostgreSQL database on BENCH_DATABASE_URL's server, dropped after. */
async function withDatabase(work) {
  if (DATABASE_URL === undefined) throw new Error('gateway-pg needs BENCH_DATABASE_URL');
  await withPostgres(DATABASE_URL, (url) => work({ DATABASE_URL: url }));
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

async function main() {
  if (ONLY.includes('gateway') && !existsSync(GATEWAY)) {
    throw new Error(`${GATEWAY} is missing: run \`npm run build\` first (\`npm run bench\` does)`);
  }
  const fakePort = await freePort();
  const fakeUrl = `http://${HOST}:${fakePort}/api/http/`;
  const fake = await startHelper('servers.mjs', 'fake', fakePort);
  const rows = [];
  try {
    if (ONLY.includes('fake')) {
      rows.push(
        await measure('fake', 'fake upstream, direct', fakeUrl, FORM, 'application/x-www-form-urlencoded', [
          fake,
        ]),
      );
    }
    if (ONLY.includes('floor')) {
      const port = await freePort();
      const floor = await startHelper('servers.mjs', 'floor', port, fakeUrl);
      try {
        rows.push(
          await measure(
            'floor',
            'raw Node proxy (floor)',
            `http://${HOST}:${port}/v1/sms`,
            SMS,
            'application/json',
            [floor, fake],
          ),
        );
      } finally {
        await stop(floor);
      }
    }
    for (const [key, client, name] of MINIMAL_NEST_APPS) {
      if (!ONLY.includes(key)) continue;
      const port = await freePort();
      const nest = await startHelper('minimal-nest.mjs', port, fakeUrl, client);
      try {
        rows.push(
          await measure(key, name, `http://${HOST}:${port}/v1/sms`, SMS, 'application/json', [nest, fake]),
        );
      } finally {
        await stop(nest);
      }
    }
    const gateways = [
      ['baseline', 'gateway without the ledger (baseline build)', BASELINE, withSqlite],
      ['gateway', 'gateway POST /v1/sms, ledger on SQLite', GATEWAY, withSqlite],
      ['gateway-pg', 'gateway POST /v1/sms, ledger on PostgreSQL', GATEWAY, withDatabase],
    ];
    for (const [key, name, entry, storage] of gateways) {
      if (!ONLY.includes(key)) continue;
      if (entry === undefined) throw new Error(`${key} needs BENCH_BASELINE`);
      const port = await freePort();
      await storage(async (env) => {
        const gateway = await startGateway(port, fakeUrl, entry, env);
        try {
          rows.push(
            await measure(key, name, `http://${HOST}:${port}/v1/sms`, SMS, 'application/json', [gateway, fake]),
          );
        } finally {
          await stop(gateway);
        }
      });
    }
  } finally {
    await stop(fake);
  }
  report(rows);
}

function report(rows) {
  const [floor, nest, nestAxios, gateway, gatewayPg, baseline] = [
    'floor',
    'nest',
    'nest-axios',
    'gateway',
    'gateway-pg',
    'baseline',
  ].map((key) => rows.find((row) => row.key === key));
  const ratio = floor && gateway ? gateway.requestsPerSecond / floor.requestsPerSecond : undefined;
  const of = (a, b) =>
    a && b ? `${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}×` : 'not measured';
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${process.platform}`;
  const header = `| target | req/s | p50 ms | p99 ms | errors / non-2xx | requests | server CPU µs/request | peak RSS MB (server; fake) | RSS MB first→last second |`;
  const lines = [
    header,
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${fmt(row.requestsPerSecond)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row.errors} | ${row.total} | ${fmt(row.cpuMicrosPerRequest)} | ${row.peakRss.map((mb) => fmt(mb)).join('; ')} | ${fmt(row.rssFirst)}→${fmt(row.rssLast)} |`,
    ),
  ];
  const series = rows
    .filter((row) => row.rssEvery10s.length > 1)
    .map((row) => `RSS MB every 10 s, ${row.name}: ${row.rssEvery10s.map((mb) => fmt(mb)).join(' ')}`);
  const verdict =
    ratio === undefined
      ? 'gateway/floor ratio: not measured (run fake, floor and gateway together)'
      : `gateway/floor throughput ratio: **${ratio.toFixed(2)}×** (target ≥ 0.60×; p99 target < 50 ms; peak RSS target < 200 MB); ` +
        `minimal NestJS app/floor: ${of(nest, floor)}; minimal NestJS app through axios/floor: ${of(nestAxios, floor)}; ` +
        `gateway/minimal NestJS app through axios (design floor): ${of(gateway, nestAxios)} (target ≥ 0.75×)`;
  const cost = (row) =>
    row && baseline ? `${((1 - row.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(1)} %` : 'not measured';
  const ledger =
    `ledger cost in throughput against the gateway without it: SQLite ${cost(gateway)} (target ≤ 15 %), ` +
    `PostgreSQL ${cost(gatewayPg)} (target ≤ 25 %); p99 target < 50 ms at ${CONNECTIONS} connections`;
  const text = [
    `Run ${new Date().toISOString()} — ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s per target, loopback.`,
    `Machine: ${machine}.`,
    '',
    ...lines,
    '',
    ...(series.length > 0 ? [...series, ''] : []),
    verdict,
    '',
    ledger,
  ].join('\n');
  process.stdout.write(`${text}\n`);
  if (process.env.BENCH_NO_WRITE === undefined) writeResultsBlock('latest', 'Latest run', text);
}


await main();
