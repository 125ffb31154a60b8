import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** Shared helpers for the benchmarks in bench/: child processes, load, memory. */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const SERVER_DIR = resolve(BENCH_DIR, '../server');

/** What a benchmark file reports; run.ts prints the lines and fails the run when `pass` is false. */
export type BenchResult = { name: string; lines: string[]; pass: boolean };
export type Bench = () => Promise<BenchResult>;

export const settings = {
  durationS: Number(process.env.BENCH_DURATION ?? 5),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
};

export async function freePort() {
  return new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export type Proc = { child: ChildProcess; output: () => string; stop: () => Promise<number | null> };

/** The server's compiled entry point (`npm start` runs it); run.ts compiles it from the source first. */
export const SERVER_MAIN = 'dist/main.js';

/**
 * Starts an entry point as a plain node process (so its pid is the server's own): compiled
 * JavaScript as is, TypeScript (the bare baseline) through tsx.
 */
export function startNode(entry: string, args: string[], opts: { cwd: string; env: Record<string, string> }): Proc {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, entry, ...args], {
    cwd: opts.cwd,
    // production refuses to start without a public address (links are never built from request headers)
    env: { PUBLIC_URL: 'https://bench.dimos.invalid', ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      process.off('exit', onExit);
      return code;
    },
  };
}

/** Polls a URL until it answers 200, or fails with the process's output. */
export async function waitFor(url: string, proc: Proc, limitMs = 300_000) {
  const end = Date.now() + limitMs;
  for (;;) {
    const res = await fetch(url).catch(() => null);
    if (res?.status === 200) return;
    if (proc.child.exitCode !== null) throw new Error(`process exited ${proc.child.exitCode} before ${url} was up:\n${proc.output()}`);
    if (Date.now() > end) throw new Error(`${url} not up after ${limitMs} ms:\n${proc.output()}`);
    await sleep(200);
  }
}

/** Peak resident memory of a process in MB, from the kernel's high-water mark (Linux). */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export type Load = { rps: number; p99: number; non2xx: number; errors: number; total: number };

/** Loads one URL with autocannon for the configured duration and connections. */
export async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const r = await autocannon({ url, headers, connections: settings.connections, duration: settings.durationS });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, total: r.requests.total };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
