/**
 * A CPU profile of the real server under one read's load, to find where a request spends its time
 * (not a benchmark: prints no ratio). `npx tsx ../bench/profile.ts [read...]` from server/ after
 * `npm run build --workspace server`; reads: health, units, inbox, mine, news (all by default).
 * Seeds a scratch PostgreSQL database (BENCH_DATABASE_URL, as platform.bench.ts) once, then for each
 * read starts `dist/main.js serve` with `--cpu-prof`, loads it with autocannon (BENCH_DURATION,
 * BENCH_CONNECTIONS), stops it and prints the functions with the most self time and the packages
 * (or server source folders) they belong to, and the server's CPU time per request (`bare`: the bare
 * Fastify baseline's). PROFILE_DIR keeps the .cpuprofile files; PROFILE_SAMPLES=0 measures without the profiler.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createBenchDb } from './cases-lib.js';
import { BENCH_DIR, fmt, freePort, load, SERVER_DIR, SERVER_MAIN, startNode, waitFor } from './lib.js';

const TENANT = 'demo';
let loadWindow: [number, number] = [0, Number.POSITIVE_INFINITY];
const STAFF_EMAIL = 'techniki@demo.dimos.gr';
const READS: Record<string, { url: string; who: 'none' | 'staff' | 'citizen' | 'public' }> = {
  health: { url: '/api/health', who: 'none' },
  units: { url: '/api/units', who: 'staff' },
  inbox: { url: '/api/cases?category=new&category=open&limit=25', who: 'staff' },
  mine: { url: '/api/my/cases', who: 'citizen' },
  news: { url: '/api/content/news', who: 'public' },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(READS);
const outDir = process.env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'dimos-profile-'));
mkdirSync(outDir, { recursive: true });

// The server compiled into a tree of its own (others may rebuild server/dist meanwhile), at the same
// depth as server/dist so the paths it computes from its own location (migrations, web/dist) resolve.
const tree = join(outDir, 'tree');
rmSync(tree, { recursive: true, force: true });
mkdirSync(join(tree, 'server'), { recursive: true });
for (const [link, target] of [
  ['node_modules', '../node_modules'],
  ['web', '../web'],
  ['server/node_modules', 'node_modules'],
  ['server/migrations', 'migrations'],
  ['server/package.json', 'package.json'],
])
  symlinkSync(join(SERVER_DIR, target as string), join(tree, link as string));
const serverDir = join(tree, 'server');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !/\.(test|d)\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
await build({
  entryPoints: sources(join(SERVER_DIR, 'src')),
  outdir: join(serverDir, 'dist'),
  outbase: join(SERVER_DIR, 'src'),
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});

const bdb = await createBenchDb('dimos_bench_profile');
const password = `bench-${randomBytes(9).toString('base64url')}`;
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(port),
  PUBLIC_URL: base,
  DEMO_PASSWORD: password,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  DATABASE_URL: bdb.url,
};
try {
  const seed = startNode(SERVER_MAIN, ['seed'], { cwd: serverDir, env });
  if ((await new Promise((r) => seed.child.on('exit', r))) !== 0) throw new Error(`seed failed:\n${seed.output()}`);
  const data = startNode(join(BENCH_DIR, 'platform-data.ts'), [], { cwd: SERVER_DIR, env });
  if ((await new Promise((r) => data.child.on('exit', r))) !== 0) throw new Error(`data failed:\n${data.output()}`);
  const { citizenCookie } = JSON.parse(data.output().trim().split('\n').pop() ?? '{}') as { citizenCookie: string };
  if (wanted.includes('bare')) {
    const barePort = await freePort();
    const bare = startNode(join(BENCH_DIR, 'bare-server.ts'), [], { cwd: BENCH_DIR, env: { PORT: String(barePort) } });
    try {
      await waitFor(`http://127.0.0.1:${barePort}/`, bare);
      await load(`http://127.0.0.1:${barePort}/`);
      const cpu0 = cpuMs(bare.child.pid);
      const l = await load(`http://127.0.0.1:${barePort}/`);
      const cpu = cpuMs(bare.child.pid) - cpu0;
      process.stdout.write(`\n== bare Fastify: ${fmt(l.rps)} req/s, CPU ${fmt((1000 * cpu) / Math.max(1, l.total))} µs per request\n`);
    } finally {
      await bare.stop();
    }
  }
  for (const key of wanted.filter((k) => k !== 'bare')) {
    const read = READS[key];
    if (!read) throw new Error(`unknown read ${key}`);
    const dir = join(outDir, key);
    rmSync(dir, { recursive: true, force: true });
    const profiling = process.env.PROFILE_SAMPLES !== '0';
    const server = startNode(
      profiling ? '--cpu-prof' : SERVER_MAIN,
      [...(profiling ? [`--cpu-prof-dir=${dir}`, SERVER_MAIN] : []), 'serve'],
      {
        cwd: serverDir,
        env: { ...env, SEED_DEMO: 'false' },
      },
    );
    try {
      await waitFor(`${base}/api/ready`, server);
      const headers: Record<string, string> =
        read.who === 'none'
          ? {}
          : read.who === 'public'
            ? { 'x-tenant': TENANT }
            : { 'x-tenant': TENANT, cookie: read.who === 'staff' ? await login() : citizenCookie };
      await load(`${base}${read.url}`, headers); // warm-up
      // the profile's clock and process.hrtime are both the monotonic clock: only the load counts
      // the server's own background work (jobs, listeners) while nothing is asked, subtracted below
      const idle0 = cpuMs(server.child.pid);
      const idleStart = Date.now();
      await new Promise((r) => setTimeout(r, 3000));
      const idlePerMs = (cpuMs(server.child.pid) - idle0) / (Date.now() - idleStart);
      loadWindow = [Number(process.hrtime.bigint() / 1000n), 0];
      const cpu0 = cpuMs(server.child.pid);
      const start = Date.now();
      const l = await load(`${base}${read.url}`, headers);
      const cpu = Math.max(0, cpuMs(server.child.pid) - cpu0 - idlePerMs * (Date.now() - start));
      loadWindow[1] = Number(process.hrtime.bigint() / 1000n);
      process.stdout.write(
        `\n== ${key} ${read.url}: ${fmt(l.rps)} req/s, p99 ${fmt(l.p99)} ms, ${l.non2xx} non-2xx; ` +
          `server CPU ${fmt((1000 * cpu) / Math.max(1, l.total))} µs per request (${fmt(cpu)} ms for ${fmt(l.total)}, idle ${fmt(idlePerMs * 1000)} ms/s subtracted)\n`,
      );
    } finally {
      await server.stop();
    }
    const file = profiling ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
    if (file) report(join(dir, file));
  }
} finally {
  await bdb.drop();
}

async function login() {
  const res = await fetch(`${base}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tenant': TENANT, origin: base },
    body: JSON.stringify({ email: STAFF_EMAIL, password }),
  });
  const c = res.headers
    .getSetCookie()
    .map((s) => s.split(';')[0])
    .find((s) => s?.startsWith('dimos_session='));
  if (!c) throw new Error(`login failed ${res.status}`);
  return c;
}

/** User + system CPU time of a process so far, in ms (Linux, /proc; the profiler's own cost included). */
function cpuMs(pid: number | undefined) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };

function fnKey(n: Node) {
  const { functionName, url, lineNumber } = n.callFrame;
  const short = url
    .replace(/^.*node_modules\//, '')
    .replace(/^.*server\/dist\//, 'dist/')
    .replace(/^file:\/\//, '');
  return `${functionName || '(anon)'} ${short}:${lineNumber + 1}`;
}

/** Self time per function and per package/folder, and the time under each of the server's own functions, from the sampled profile. */
function report(path: string) {
  const p = JSON.parse(readFileSync(path, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const selfMs = new Map<number, number>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t >= loadWindow[0] && t <= loadWindow[1]) selfMs.set(id, (selfMs.get(id) ?? 0) + dt / 1000);
  });
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let total = 0;
  for (const n of p.nodes) {
    const ms = selfMs.get(n.id) ?? 0;
    total += ms;
    const { functionName, url } = n.callFrame;
    const fn = fnKey(n);
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
    if (ms > 0) {
      const seen = new Set<string>();
      for (let a: Node | undefined = n; a; a = byId.get(parent.get(a.id) ?? -1)) {
        if (!a.callFrame.url.includes('/dist/')) continue;
        const k = fnKey(a);
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
    }
    const pkg = url.includes('node_modules/')
      ? (url
          .split('node_modules/')
          .pop()
          ?.split('/')
          .slice(0, url.split('node_modules/').pop()?.startsWith('@') ? 2 : 1)
          .join('/') ?? url)
      : url.includes('/dist/')
        ? `dist/${url.split('/dist/').pop()?.split('/').slice(0, -1).join('/')}`
        : url.startsWith('node:')
          ? 'node:internal'
          : functionName.startsWith('(')
            ? functionName
            : url || '(native)';
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  process.stdout.write(`self time by package/folder (of ${fmt(total)} ms sampled):\n${top(byPkg, 25)}\n`);
  process.stdout.write(`self time by function:\n${top(byFn, 40)}\n`);
  process.stdout.write(`time under the server's own functions:\n${top(inclusive, 30)}\n`);
}
