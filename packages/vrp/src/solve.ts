import { Worker } from 'node:worker_threads';
import { evalRoute } from './evaluate.js';
import { defaultHgsParams, Hgs, type HgsResult } from './hgs.js';
import type { Model } from './model.js';
import { type Compiled, compile, type Id, type Problem } from './problem.js';
import { buildSolution, repairByRemoval, type Solution } from './solution.js';

export interface SolveOptions {
  /** Seconds. Given: anytime mode, improve until then. Not given: stop when the search stagnates. */
  timeLimit?: number;
  seed?: number;
  /** Worker threads (default 1: runs in the calling thread). */
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: ProgressEvent) => void;
  /** Yesterday's plan: jobs per vehicle, in order. */
  initialRoutes?: { vehicle: Id; jobs: Id[] }[];
  /**
   * With `initialRoutes`: `improve` (default) seeds the search with the plan; `keep` only inserts
   * new jobs, drops missing ones and repairs what became infeasible, so the plan changes only where it must.
   */
  warmStartMode?: 'improve' | 'keep';
  /** Iterations without improvement before stopping (default grows with the problem size). */
  maxIterNoImprove?: number;
}

export interface ProgressEvent {
  bestCost: number;
  elapsedMs: number;
}

export interface SolveResult extends Solution {
  feasible: boolean;
  elapsedMs: number;
  iterations: number;
}

/** Default stagnation limit: enough for small problems to converge, bounded for big ones. */
export function defaultMaxIter(n: number): number {
  return n < 100 ? 500 : 1000;
}

/** Safety net on the wall clock when no time limit is given (seconds). */
export function defaultTimeCap(n: number): number {
  return 60 + 0.2 * n;
}

export interface WorkerTask {
  problem: Problem;
  seed: number;
  timeLimitMs: number;
  anytime: boolean;
  maxIterNoImprove: number;
  initial?: number[][];
  cancel?: SharedArrayBuffer;
}

/** One search run on an already compiled problem. */
export function runSearch(
  c: Compiled,
  task: Omit<WorkerTask, 'problem' | 'cancel'>,
  signal: { aborted: boolean } | undefined,
  onProgress?: (cost: number, elapsedMs: number) => void,
): HgsResult {
  const hgs = new Hgs(c.model, {
    ...defaultHgsParams,
    seed: task.seed,
    timeLimitMs: task.timeLimitMs,
    anytime: task.anytime,
    maxIterNoImprove: task.maxIterNoImprove,
    signal: signal as AbortSignal | undefined,
    initial: task.initial,
    onProgress: onProgress ? (p) => onProgress(p.cost, p.elapsedMs) : undefined,
  });
  return hgs.run();
}

/** Maps a plan given with ids onto the model's clients; adds missing clients by cheapest insertion. */
export function warmRoutes(c: Compiled, plan: { vehicle: Id; jobs: Id[] }[]): number[][] {
  const m = c.model;
  const routes: number[][] = m.vehicles.map(() => []);
  const byId = new Map<string, number>();
  for (let cl = 1; cl <= m.n; cl++) byId.set(String(m.clientId[cl]), cl);
  const vIndex = new Map(m.vehicles.map((v, i) => [String(v.id), i]));
  const seen = new Set<number>();
  for (const r of plan) {
    const vi = vIndex.get(String(r.vehicle));
    if (vi === undefined) continue;
    for (const id of r.jobs) {
      const cl = byId.get(String(id));
      if (cl === undefined || seen.has(cl)) continue;
      seen.add(cl);
      routes[vi]!.push(cl);
    }
  }
  const pen = { cap: 1e6, tw: 1e6 };
  for (let cl = 1; cl <= m.n; cl++) {
    if (seen.has(cl)) continue;
    let best = Number.POSITIVE_INFINITY;
    let br = 0;
    let bp = 0;
    routes.forEach((route, r) => {
      if (m.allowed && m.allowed[cl * m.vehicles.length + r] !== 1) return;
      const base = evalRoute(m, m.vehicles[r]!, pen, route, route.length).penalised;
      for (let p = 0; p <= route.length; p++) {
        route.splice(p, 0, cl);
        const cost = evalRoute(m, m.vehicles[r]!, pen, route, route.length).penalised - base;
        route.splice(p, 1);
        if (cost < best) {
          best = cost;
          br = r;
          bp = p;
        }
      }
    });
    routes[br]!.splice(bp, 0, cl);
  }
  return routes;
}

function isFeasible(m: Model, routes: number[][]): boolean {
  const pen = { cap: 1, tw: 1 };
  return routes.every((r, i) => {
    const ev = evalRoute(m, m.vehicles[i]!, pen, r, r.length);
    return ev.excessLoad <= 1e-9 && ev.timeWarp <= 1e-9 && ev.excessDist <= 1e-9;
  });
}

/** Solves a problem; see SolveOptions. Deterministic for a seed unless a time limit cuts the search short. */
export async function solve(problem: Problem, opts: SolveOptions = {}): Promise<SolveResult> {
  const started = performance.now();
  const c = compile(problem);
  const m = c.model;
  const seed = opts.seed ?? 1;
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  const anytime = opts.timeLimit !== undefined;
  const timeLimitMs = (anytime ? opts.timeLimit! : defaultTimeCap(m.n)) * 1000;
  // anytime: restart the population only after a long stagnation (the time limit is the stop)
  const maxIterNoImprove = opts.maxIterNoImprove ?? (anytime ? 10 * defaultMaxIter(m.n) : defaultMaxIter(m.n));
  const initial = opts.initialRoutes ? warmRoutes(c, opts.initialRoutes) : undefined;
  let best = Number.POSITIVE_INFINITY;
  const progress = (cost: number) => {
    if (cost < best - 1e-9) {
      best = cost;
      opts.onProgress?.({ bestCost: cost, elapsedMs: performance.now() - started });
    }
  };

  let routes: number[][];
  let iterations = 0;
  if (initial && opts.warmStartMode === 'keep' && isFeasible(m, initial)) {
    routes = initial;
  } else if (threads === 1 || m.n < 2) {
    const r = runSearch(c, { seed, timeLimitMs, anytime, maxIterNoImprove, initial }, opts.signal, progress);
    routes = r.routes;
    iterations = r.iterations;
  } else {
    const results = await Promise.all(
      Array.from({ length: threads }, (_, k) =>
        runInWorker({ problem, seed: seed * 7919 + k, timeLimitMs, anytime, maxIterNoImprove, initial }, opts.signal, progress),
      ),
    );
    let bestR = results[0]!;
    for (const r of results) {
      if ((r.feasible && !bestR.feasible) || (r.feasible === bestR.feasible && r.cost < bestR.cost - 1e-9)) bestR = r;
      iterations += r.iterations;
    }
    routes = bestR.routes;
  }
  const removed = repairByRemoval(m, routes);
  const sol = buildSolution(c, routes, removed);
  return { ...sol, feasible: removed.length === 0, elapsedMs: performance.now() - started, iterations };
}

function runInWorker(task: WorkerTask, signal: AbortSignal | undefined, progress: (cost: number) => void): Promise<HgsResult> {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './worker.ts' : './worker.js', import.meta.url);
  // running from TypeScript sources (development, tests): the worker registers tsx's loader first
  const entry = isTs
    ? new URL(
        `data:text/javascript,${encodeURIComponent(
          `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(url.href)});`,
        )}`,
      )
    : url;
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const worker = new Worker(entry, { workerData: { ...task, cancel } });
  const onAbort = () => Atomics.store(flag, 0, 1);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: { type: string; cost?: number; result?: HgsResult }) => {
      if (msg.type === 'progress') progress(msg.cost!);
      else if (msg.type === 'done') {
        signal?.removeEventListener('abort', onAbort);
        resolve(msg.result!);
        void worker.terminate();
      }
    });
    worker.on('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new Error(`solver worker stopped (${code})`));
    });
  });
}
