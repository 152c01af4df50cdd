// What the benchmarks share: ports, a process's CPU and memory from /proc, stopping a child, a fresh PostgreSQL
// database, and the blocks they write into bench/RESULTS.md. Loopback only.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

export async function freePort() {
  const server = createServer().listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Resident memory of a process from Linux's /proc: now, and the peak since it started. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Runs `work` with the URL of a fresh database on `serverUrl`'s PostgreSQL server, dropped after. */
export async function withPostgres(serverUrl, work) {
  const { default: pg } = await import('pg');
  const name = `gateway_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * Replaces the block between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` of bench/RESULTS.md with `text`,
 * keeping the hand-written history around it; a block not there yet is added at the end under `title`.
 */
export function writeResultsBlock(name, title, text) {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  let current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  if (!current.includes(start)) current += `\n## ${title}\n\n${start}\n${end}\n`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  writeFileSync(RESULTS, `${current.slice(0, from + start.length)}\n${text}\n${current.slice(to)}`);
}
