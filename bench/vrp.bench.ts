/**
 * `npm run bench -- vrp`: the @dimos/vrp solver on every instance in ../shared/data/vrp (CVRPLIB A, P,
 * E; Solomon C1, R1, RC1), 2 threads, default (deterministic) stopping rule, every answer checked by
 * the package's independent checker. Per set: average and worst gap to the best-known solution and
 * the average time, beside VROOM `-x 5`'s figures. Targets (issue 20): gap ≤ VROOM's, time ≤ 10×
 * VROOM's. Times are judged on CPU time per thread (process CPU / threads), which is what the run
 * takes on an idle 2-core machine; wall time is printed too, because this machine is shared.
 *
 * CVRPLIB X (100–199 customers) is not in ../shared/data/vrp: set VRP_X_DIR to a folder with the
 * X-n1xx `.vrp` files and their `.sol` files (for the BKS), or place them in ../vrp-extra/X beside
 * the repository; then the X set and the anytime curve (30 s runs, VRP_ANYTIME_COUNT instances,
 * default 6) run as well. Without them, that part is skipped with a note.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkSolution } from '../packages/vrp/src/checker.js';
import { parseFile } from '../packages/vrp/src/parsers.js';
import { solve } from '../packages/vrp/src/solve.js';
import { BENCH_DIR, type BenchResult } from './lib.js';

const DATA = resolve(BENCH_DIR, '../../shared/data/vrp');
const X_DIR = process.env.VRP_X_DIR ?? resolve(BENCH_DIR, '../../vrp-extra/X');
const THREADS = 2;

/** VROOM -x 5 (from ../shared/domain/operations.md and issue 20): gap %, seconds per instance. */
const VROOM: Record<string, { gap: number; time: number }> = {
  A: { gap: 0.27, time: 0.079 },
  P: { gap: 0.42, time: 0.1 },
  X: { gap: 1.25, time: 1.1 },
  Solomon: { gap: 1.61, time: 0.56 },
};

function readBks(): Map<string, number> {
  const bks = new Map<string, number>();
  for (const line of readFileSync(join(DATA, 'BKS.md'), 'utf8').split('\n')) {
    const c = line.split('|').map((s) => s.trim());
    const name = c[1] ?? '';
    if (/^[APE]-n\d+-k\d+$/.test(name)) bks.set(name, Number(c[5]));
    // Solomon: the distance-only column "vehicles / distance"
    else if (/^(C|R|RC)\d{3}$/.test(name)) bks.set(name, Number((c[5] ?? '').split('/')[1]));
  }
  return bks;
}

type Row = { set: string; name: string; gap: number; wall: number; cpu: number; ok: boolean };

async function runOne(file: string, bks: number, set: string, rows: Row[], lines: string[]) {
  const parsed = parseFile(file, readFileSync(file, 'utf8'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await solve(parsed.problem, { seed: 1, threads: THREADS });
  const wall = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(cpu0);
  const cpu = (cu.user + cu.system) / 1e6 / THREADS;
  const check = checkSolution(parsed.problem, s);
  const cost = parsed.format === 'solomon' ? Math.round(s.cost * 100) / 100 : s.cost;
  const gap = ((cost - bks) / bks) * 100;
  const name = file
    .split('/')
    .pop()!
    .replace(/\.(vrp|txt)$/, '');
  const ok = check.ok && s.unassigned.length === 0;
  rows.push({ set, name, gap, wall, cpu, ok });
  process.stderr.write(
    `vrp ${name}: gap ${gap.toFixed(2)}%, ${cpu.toFixed(2)} s cpu/thread, ${wall.toFixed(2)} s wall${ok ? '' : ' INVALID'}\n`,
  );
  if (!ok) lines.push(`  INVALID ${name}: ${check.errors.slice(0, 3).join('; ')}${s.unassigned.length ? ' (unassigned jobs)' : ''}`);
}

function summary(set: string, rows: Row[]) {
  const r = rows.filter((x) => x.set === set);
  const avg = (f: (x: Row) => number) => r.reduce((a, x) => a + f(x), 0) / r.length;
  return {
    n: r.length,
    gap: avg((x) => x.gap),
    worst: Math.max(...r.map((x) => x.gap)),
    worstName: r.reduce((a, x) => (x.gap > a.gap ? x : a), r[0]!).name,
    cpu: avg((x) => x.cpu),
    wall: avg((x) => x.wall),
    ok: r.every((x) => x.ok),
  };
}

async function anytimeCurve(files: string[], bksOf: (f: string) => number, lines: string[]): Promise<boolean> {
  const marks = [1, 2, 5, 10, 20, 30];
  const gapsAt = marks.map(() => [] as number[]);
  for (const file of files) {
    const parsed = parseFile(file, readFileSync(file, 'utf8'));
    const bks = bksOf(file);
    const events: { t: number; cost: number }[] = [];
    const s = await solve(parsed.problem, {
      seed: 1,
      threads: THREADS,
      timeLimit: 30,
      onProgress: (e) => events.push({ t: e.elapsedMs / 1000, cost: e.bestCost }),
    });
    if (!checkSolution(parsed.problem, s).ok) lines.push(`  INVALID anytime answer for ${file}`);
    marks.forEach((m, i) => {
      const best = events.filter((e) => e.t <= m).reduce((a, e) => Math.min(a, e.cost), Number.POSITIVE_INFINITY);
      gapsAt[i]!.push(((best - bks) / bks) * 100);
    });
  }
  lines.push(`  anytime curve on X (${files.length} instances, 2 threads, wall clock): average gap after`);
  lines.push(`    ${marks.map((m, i) => `${m}s ${(gapsAt[i]!.reduce((a, b) => a + b, 0) / files.length).toFixed(2)}%`).join(' · ')}`);
  const final = gapsAt[gapsAt.length - 1]!.reduce((a, b) => a + b, 0) / files.length;
  const pass = final <= 0.8;
  lines.push(`  anytime target X ≤ 0.80% at 30 s: ${final.toFixed(2)}% ${pass ? 'PASS' : 'FAIL'}`);
  return pass;
}

export default async function vrpBench(): Promise<BenchResult> {
  const lines: string[] = [];
  if (!existsSync(DATA)) {
    return { name: 'vrp', lines: [`no benchmark data at ${DATA} (the shared/ folder beside the repository)`], pass: false };
  }
  const bks = readBks();
  const rows: Row[] = [];
  const setOf = (name: string) => (name.startsWith('A-') ? 'A' : name.startsWith('P-') ? 'P' : name.startsWith('E-') ? 'E' : 'Solomon');
  const files = [
    ...readdirSync(join(DATA, 'cvrp'))
      .filter((f) => f.endsWith('.vrp'))
      .sort()
      .map((f) => join(DATA, 'cvrp', f)),
    ...readdirSync(join(DATA, 'vrptw'))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(DATA, 'vrptw', f)),
  ];
  for (const f of files) {
    const name = f
      .split('/')
      .pop()!
      .replace(/\.(vrp|txt)$/, '');
    const b = bks.get(name);
    if (b === undefined) {
      lines.push(`  no BKS for ${name}, skipped`);
      continue;
    }
    await runOne(f, b, setOf(name), rows, lines);
  }
  const xFiles = existsSync(X_DIR)
    ? readdirSync(X_DIR)
        .filter((f) => /^X-n1\d\d-k\d+\.vrp$/.test(f) && existsSync(join(X_DIR, f.replace(/\.vrp$/, '.sol'))))
        .sort()
        .map((f) => join(X_DIR, f))
    : [];
  const xBks = (f: string) => Number(/Cost\s+([\d.]+)/.exec(readFileSync(f.replace(/\.vrp$/, '.sol'), 'utf8'))![1]);
  for (const f of xFiles) await runOne(f, xBks(f), 'X', rows, lines);

  let pass = true;
  lines.push(
    '  set       n  avg gap  worst gap           avg time (cpu/thread, wall)   VROOM -x 5 gap, time   target (gap, time)   result',
  );
  for (const set of ['A', 'P', 'E', 'Solomon', 'X']) {
    if (!rows.some((r) => r.set === set)) continue;
    const s = summary(set, rows);
    const v = VROOM[set];
    const gapOk = !v || s.gap <= v.gap + 1e-9;
    const timeOk = !v || s.cpu <= 10 * v.time;
    const ok = s.ok && gapOk && timeOk;
    if (!ok) pass = false;
    lines.push(
      `  ${set.padEnd(8)} ${String(s.n).padStart(2)}  ${s.gap.toFixed(3).padStart(6)}%  ${s.worst.toFixed(2).padStart(5)}% ${s.worstName.padEnd(11)}  ${s.cpu.toFixed(2).padStart(6)} s, ${s.wall.toFixed(2).padStart(6)} s           ${
        v ? `${v.gap.toFixed(2)}%, ${v.time.toFixed(3)} s` : '—'.padEnd(14)
      }     ${v ? `≤ ${v.gap.toFixed(2)}%, ≤ ${(10 * v.time).toFixed(2)} s` : 'report only'.padEnd(18)}   ${v ? (ok ? 'PASS' : 'FAIL') : s.ok ? 'ok' : 'INVALID'}`,
    );
  }
  if (!xFiles.length) lines.push(`  X set and anytime curve skipped: no X-n1xx .vrp/.sol files in ${X_DIR} (set VRP_X_DIR)`);
  else {
    const count = Number(process.env.VRP_ANYTIME_COUNT ?? 6);
    const step = Math.max(1, Math.floor(xFiles.length / count));
    const pick = xFiles.filter((_, i) => i % step === 0).slice(0, count);
    if (!(await anytimeCurve(pick, xBks, lines))) pass = false;
  }
  return { name: 'vrp', lines, pass };
}
