import { Worker } from 'node:worker_threads';

/** What the solver thread is asked to do (`solver.worker.ts`). */
export type ThreadTask =
  | { kind: 'validate'; problem: Record<string, unknown> }
  | { kind: 'solve'; problem: Record<string, unknown>; seed: number; timeLimit: number; anytime: boolean; cancel?: SharedArrayBuffer };

export type ThreadVerdict = { ok: boolean; errors: string[]; cost: number; distance: number };

/** What it answers. */
export type WorkerMessage =
  | { type: 'valid' }
  | { type: 'invalid'; field: string; message: string }
  | { type: 'progress'; cost: number; ms: number }
  | {
      type: 'done';
      answer: Record<string, unknown>;
      verdict: ThreadVerdict;
      stoppedBy: 'converged' | 'time_limit' | 'cancelled';
      elapsedMs: number;
    }
  | { type: 'error'; message: string };

export type ThreadOutcome = Exclude<WorkerMessage, { type: 'progress' }>;

/**
 * The worker's entry. The server runs from TypeScript (tsx, vitest) or from esbuild's per-file
 * output in dist/ (`npm start`); solver.worker.ts is compiled beside this file either way. Both load
 * @dimos/vrp, which ships TypeScript sources, so the thread registers tsx's loader before importing
 * the worker: the compiler lives in the solver thread only, never in the serving thread.
 */
function entry(): URL {
  const here = import.meta.url;
  const worker = new URL(here.endsWith('.ts') ? './solver.worker.ts' : './solver.worker.js', here);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export type SolverThread = {
  /** Settles with the thread's answer; rejects only when the thread itself dies. */
  outcome: Promise<ThreadOutcome>;
  /** Asks the search to stop; it answers with the best plan found so far. */
  cancel(): void;
  /** Stops the thread at once (shutdown). */
  terminate(): Promise<number>;
};

/** Starts one solver thread for `task`; `onProgress` receives every new best cost. */
export function startSolverThread(task: ThreadTask, onProgress?: (p: { cost: number; ms: number }) => void): SolverThread {
  const cancelBuf = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelBuf);
  const worker = new Worker(entry(), {
    workerData: task.kind === 'solve' ? { ...task, cancel: cancelBuf } : task,
    // the thread's own heap, bounded so one large problem cannot take the server down with it
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  const outcome = new Promise<ThreadOutcome>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') return onProgress?.(m);
      settled = true;
      resolve(m);
      void worker.terminate();
    });
    worker.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`solver thread stopped (${code})`));
      settled = true;
    });
  });
  return {
    outcome,
    cancel: () => Atomics.store(flag, 0, 1),
    terminate: () => worker.terminate(),
  };
}
