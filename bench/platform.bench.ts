/**
 * The platform benchmark: requests/s of `/api/health` and of one authenticated database read
 * (`GET /api/units` as a signed-in staff member), each as a ratio to a bare Fastify server
 * measured in the same run, p99 latencies, and the server's peak memory against 512 MB.
 *
 * The real server (`src/main.ts serve`) runs as a child process on PGlite in a temporary data
 * directory with the demo municipality seeded, or on PostgreSQL when BENCH_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
const STAFF_EMAIL = 'techniki@demo.dimos.gr'; // a demo head of department without TOTP
const TENANT = 'demo';

export default async function platformBench(): Promise<BenchResult> {
  const dbUrl = process.env.BENCH_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-bench-'));
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const lines: string[] = [];
  const serverPort = await freePort();
  const base = `http://127.0.0.1:${serverPort}`;
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(serverPort),
    DATA_DIR: dataDir,
    DEMO_PASSWORD: password,
    // Request logging would measure pino's pipe to this process rather than the server.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATABASE_URL: dbUrl ?? '',
  };
  // First start (PGlite's initdb, migrations, demo data) as its own process, as `npm run db:seed`
  // would: it is a one-time cost, reported apart from the serving process's memory.
  const seed = startNode(SERVER_MAIN, ['seed'], { cwd: SERVER_DIR, env });
  const seedPeak = await peakWhileRunning(seed);
  const seedExit = await seed.stop();
  if (seedExit !== 0) throw new Error(`seeding failed (exit ${seedExit}):\n${seed.output()}`);

  const server = startNode(SERVER_MAIN, ['serve'], { cwd: SERVER_DIR, env: { ...env, SEED_DEMO: 'false' } });
  try {
    await waitFor(`${base}/api/ready`, server);
    const startupPeak = peakRssMb(server.child.pid);

    const cookie = await login(base, password);

    const barePort = await freePort();
    const bare = startNode(join(BENCH_DIR, 'bare-server.ts'), [], { cwd: BENCH_DIR, env: { PORT: String(barePort) } });
    let bareLoad: Load;
    try {
      await waitFor(`http://127.0.0.1:${barePort}/`, bare);
      bareLoad = await load(`http://127.0.0.1:${barePort}/`);
    } finally {
      await bare.stop();
    }

    const health = await load(`${base}/api/health`);
    const read = cookie ? await load(`${base}/api/units`, { cookie, 'x-tenant': TENANT }) : undefined;
    const peak = peakRssMb(server.child.pid);

    const row = (name: string, l: Load) =>
      `${name.padEnd(30)} ${fmt(l.rps).padStart(8)} req/s  ${`${fmt(l.rps / bareLoad.rps, 2)}×`.padStart(6)} bare  p99 ${fmt(l.p99).padStart(4)} ms` +
      (l.non2xx || l.errors ? `  (${l.non2xx} non-2xx, ${l.errors} errors of ${l.total})` : '');
    lines.push(`database: ${dbUrl ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'PGlite (embedded)'}`);
    lines.push(row('bare Fastify GET /', bareLoad));
    lines.push(row('GET /api/health', health));
    if (read) lines.push(row('GET /api/units (staff session)', read));
    else lines.push('GET /api/units (staff session)  skipped: could not sign in (see above)');
    const clean = [health, ...(read ? [read] : [])].every((l) => l.non2xx === 0 && l.errors === 0);
    if (!clean) lines.push('FAIL: some requests were not answered with 2xx');
    const memOk = peak !== null && peak < MEMORY_LIMIT_MB;
    lines.push(
      `server peak RSS under load: ${peak === null ? 'unknown' : `${fmt(peak)} MB`} (after start-up: ${startupPeak === null ? '?' : fmt(startupPeak)} MB)  ` +
        `${memOk ? 'PASS' : 'FAIL'} < ${MEMORY_LIMIT_MB} MB`,
    );
    lines.push(`first start (migrate + seed, one-time, separate process) peak RSS: ${seedPeak === null ? '?' : `${fmt(seedPeak)} MB`}`);

    const exit = await server.stop();
    if (exit !== 0) lines.push(`FAIL: the server exited with ${exit} on SIGTERM`);
    return { name: 'platform', lines, pass: memOk && clean && Boolean(read) && exit === 0 };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
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

  async function login(url: string, pw: string): Promise<string | undefined> {
    const res = await fetch(`${url}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant': TENANT },
      body: JSON.stringify({ email: STAFF_EMAIL, password: pw }),
    });
    const session = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c?.startsWith('dimos_session='));
    if (res.status !== 200 || !session) {
      lines.push(`could not sign in as ${STAFF_EMAIL}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      return undefined;
    }
    const check = await fetch(`${url}/api/units`, { headers: { cookie: session, 'x-tenant': TENANT } });
    if (check.status !== 200) {
      lines.push(`GET /api/units as ${STAFF_EMAIL} answered ${check.status}: ${(await check.text()).slice(0, 200)}`);
      return undefined;
    }
    return session;
  }
}
