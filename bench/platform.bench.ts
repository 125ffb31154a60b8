/**
 * The platform benchmark: the reads a busy day brings, each as requests/s against a bare Fastify
 * server measured in the same run, with its target; and the server's resident memory after start
 * and under that load against 512 MB. Runs on PGlite (embedded) and on PostgreSQL (a scratch
 * database); BENCH_PLATFORM_DB=pglite|postgres runs one of them.
 *
 * The real server (`dist/main.js serve`, as `npm start` runs it) runs as a child process with the demo
 * municipality seeded in a separate process (`main.js seed`, its memory reported apart) and a busy
 * day's data added (platform-data.ts: 10,000 open cases, a citizen with 20 requests).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBenchDb } from './cases-lib.js';
import {
  BENCH_DIR,
  type BenchResult,
  fmt,
  freePort,
  type Load,
  load,
  type Proc,
  peakRssMb,
  SERVER_DIR,
  SERVER_MAIN,
  startNode,
  waitFor,
} from './lib.js';

const MEMORY_LIMIT_MB = 512;
const STAFF_EMAIL = 'techniki@demo.dimos.gr'; // a demo head of the technical directorate, without TOTP
const TENANT = 'demo';
const SSE_CLIENTS = 200;

type Kind = 'pglite' | 'postgres';
/** Targets as a share of bare Fastify's requests/s in the same run, per database. */
const TARGETS: Record<string, Record<Kind, number>> = {
  health: { pglite: 0.5, postgres: 0.5 },
  units: { pglite: 0.1, postgres: 0.2 },
  inbox: { pglite: 0.02, postgres: 0.05 },
  mine: { pglite: 0.05, postgres: 0.1 },
  news: { pglite: 0.1, postgres: 0.2 },
  sse: { pglite: 0.1, postgres: 0.2 },
};

export default async function platformBench(): Promise<BenchResult> {
  const only = process.env.BENCH_PLATFORM_DB as Kind | undefined;
  const lines: string[] = [];
  let pass = true;
  for (const kind of ['pglite', 'postgres'] as const) {
    if (only && only !== kind) continue;
    const r = await runOn(kind).catch((err: unknown) => ({
      lines: [`ERROR on ${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`],
      pass: false,
    }));
    lines.push(...r.lines, '');
    pass &&= r.pass;
  }
  return { name: 'platform', lines, pass };
}

async function runOn(kind: Kind): Promise<{ lines: string[]; pass: boolean }> {
  const lines: string[] = [];
  let pass = true;
  const bdb = kind === 'postgres' ? await createBenchDb('dimos_bench_platform') : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-bench-'));
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const serverPort = await freePort();
  const base = `http://127.0.0.1:${serverPort}`;
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(serverPort),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    DEMO_PASSWORD: password,
    // Request logging would measure pino's pipe to this process rather than the server.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATABASE_URL: bdb?.url ?? '',
  };
  let server: Proc | undefined;
  try {
    // First start (PGlite's initdb, migrations, demo data) as its own process, as `npm run db:seed`
    // would: a one-time cost, reported apart from the serving process's memory.
    const seed = startNode(SERVER_MAIN, ['seed'], { cwd: SERVER_DIR, env });
    const seedPeak = await peakWhileRunning(seed);
    const seedExit = await seed.stop();
    if (seedExit !== 0) throw new Error(`seeding failed (exit ${seedExit}):\n${seed.output()}`);
    const data = startNode(join(BENCH_DIR, 'platform-data.ts'), [], { cwd: SERVER_DIR, env });
    const dataExit = await new Promise<number | null>((r) => data.child.on('exit', (c) => r(c)));
    await data.stop();
    if (dataExit !== 0) throw new Error(`adding the day's data failed (exit ${dataExit}):\n${data.output()}`);
    const { citizenCookie } = JSON.parse(data.output().trim().split('\n').pop() ?? '{}') as { citizenCookie: string };

    server = startNode(SERVER_MAIN, ['serve'], { cwd: SERVER_DIR, env: { ...env, SEED_DEMO: 'false' } });
    await waitFor(`${base}/api/ready`, server);
    const startupPeak = peakRssMb(server.child.pid);
    const cookie = await login(base, password);
    const staff = { cookie, 'x-tenant': TENANT };
    const citizen = { cookie: citizenCookie, 'x-tenant': TENANT };
    const pub = { 'x-tenant': TENANT };

    const reads = [
      { key: 'health', name: 'GET /api/health', url: '/api/health', headers: {} },
      { key: 'units', name: 'GET /api/units (staff)', url: '/api/units', headers: staff },
      { key: 'inbox', name: 'staff inbox, 1st page of 10,000', url: '/api/cases?category=new&category=open&limit=25', headers: staff },
      { key: 'mine', name: "citizen's my requests", url: '/api/my/cases', headers: citizen },
      { key: 'news', name: 'public news list', url: '/api/content/news', headers: pub },
    ];
    for (const r of reads) {
      const res = await fetch(`${base}${r.url}`, { headers: r.headers });
      if (res.status !== 200) throw new Error(`${r.url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }

    const bareLoad = await bare();
    const results: { key: string; name: string; l: Load }[] = [];
    for (const r of reads) {
      results.push({ ...r, l: await load(`${base}${r.url}`, r.headers) });
      // the requests still in flight when the load stopped are answered before the next read is
      // measured: one more of the same waits behind them
      await fetch(`${base}${r.url}`, { headers: r.headers }).then((res) => res.arrayBuffer());
    }

    // 200 staff with the live-update stream open, while the authenticated read is loaded again
    const streams = await openStreams(`${base}/api/helpdesk/stream?ttl=600`, staff, SSE_CLIENTS);
    const withStreams = await load(`${base}/api/units`, staff);
    const stillOpen = streams.filter((s) => s.open()).length;
    for (const s of streams) s.close();
    results.push({ key: 'sse', name: `GET /api/units, ${SSE_CLIENTS} SSE open`, l: withStreams });
    const peak = peakRssMb(server.child.pid);

    lines.push(`database: ${kind === 'postgres' ? `PostgreSQL (${bdb?.name})` : 'PGlite (embedded)'}`);
    lines.push(`${'bare Fastify GET /'.padEnd(36)} ${fmt(bareLoad.rps).padStart(7)} req/s  p99 ${fmt(bareLoad.p99).padStart(5)} ms`);
    for (const r of results) {
      const ratio = r.l.rps / bareLoad.rps;
      const target = TARGETS[r.key]?.[kind] ?? 0;
      const clean = r.l.non2xx === 0 && r.l.errors === 0;
      const ok = ratio >= target && clean;
      pass &&= ok;
      lines.push(
        `${r.name.padEnd(36)} ${fmt(r.l.rps).padStart(7)} req/s  p99 ${fmt(r.l.p99).padStart(5)} ms  ${fmt(ratio, 3).padStart(6)}× bare  ` +
          `${ok ? 'PASS' : 'FAIL'} ≥ ${target}×${clean ? '' : `  (${r.l.non2xx} non-2xx, ${r.l.errors} errors of ${r.l.total})`}`,
      );
    }
    const streamsOk = stillOpen === SSE_CLIENTS;
    pass &&= streamsOk;
    lines.push(
      `live-update streams: ${streams.length}/${SSE_CLIENTS} connected, ${stillOpen} still open after the load  ${streamsOk ? 'PASS' : 'FAIL'}`,
    );
    const memOk = peak !== null && peak < MEMORY_LIMIT_MB && startupPeak !== null && startupPeak < MEMORY_LIMIT_MB;
    pass &&= memOk;
    lines.push(
      `server resident memory: after start ${startupPeak === null ? '?' : fmt(startupPeak)} MB, peak under load ${peak === null ? '?' : fmt(peak)} MB  ` +
        `${memOk ? 'PASS' : 'FAIL'} < ${MEMORY_LIMIT_MB} MB`,
    );
    lines.push(`first start (migrate + seed, one-time, separate process) peak RSS: ${seedPeak === null ? '?' : `${fmt(seedPeak)} MB`}`);

    const exit = await server.stop();
    if (exit !== 0) {
      pass = false;
      lines.push(`FAIL: the server exited with ${exit} on SIGTERM; its last words:`, ...server.output().slice(-1500).split('\n'));
    }
    return { lines, pass };
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await bdb?.drop();
  }

  async function login(url: string, pw: string): Promise<string> {
    const res = await fetch(`${url}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant': TENANT, origin: url },
      body: JSON.stringify({ email: STAFF_EMAIL, password: pw }),
    });
    const session = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c?.startsWith('dimos_session='));
    if (res.status !== 200 || !session)
      throw new Error(`could not sign in as ${STAFF_EMAIL}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return session;
  }
}

/** The baseline, loaded exactly like the real server: a bare Fastify process with one route. */
async function bare(): Promise<Load> {
  const barePort = await freePort();
  const proc = startNode(join(BENCH_DIR, 'bare-server.ts'), [], { cwd: BENCH_DIR, env: { PORT: String(barePort) } });
  try {
    await waitFor(`http://127.0.0.1:${barePort}/`, proc);
    return await load(`http://127.0.0.1:${barePort}/`);
  } finally {
    await proc.stop();
  }
}

/** Samples the kernel's high-water mark while a process runs (it is gone once the process exits). */
async function peakWhileRunning(proc: Proc) {
  let peak: number | null = null;
  while (proc.child.exitCode === null && proc.child.signalCode === null) {
    peak = Math.max(peak ?? 0, peakRssMb(proc.child.pid) ?? 0) || peak;
    await sleep(100);
  }
  return peak;
}

type Stream = { open: () => boolean; close: () => void };

/** Opens `n` Server-Sent Events streams (20 at a time); each counts once its first bytes arrive. */
async function openStreams(url: string, headers: Record<string, string>, n: number): Promise<Stream[]> {
  const open = (): Promise<Stream> =>
    new Promise((resolve, reject) => {
      let alive = false;
      const req = request(url, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.once('data', () => {
          alive = true;
          resolve({ open: () => alive, close: () => req.destroy() });
        });
        res.on('data', () => undefined);
        res.on('end', () => {
          alive = false;
        });
        res.on('close', () => {
          alive = false;
        });
      });
      req.on('error', reject);
      req.end();
    });
  const out: Stream[] = [];
  for (let i = 0; i < n; i += 20) out.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, open))));
  return out;
}
