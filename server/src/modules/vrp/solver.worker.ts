/**
 * The solver's worker thread: validates or solves one problem with @dimos/vrp and reports back.
 * Started by `thread.ts` (never imported by the serving thread: the package runs from its TypeScript
 * sources, which only this thread loads, through tsx's loader). The search runs synchronously here;
 * cancellation and the time limit reach it through a shared flag and a deadline it polls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSolution, type Problem, ProblemError, solve, validateProblem } from '@dimos/vrp';
import type { ThreadTask, WorkerMessage } from './thread.js';

const task = workerData as ThreadTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function main() {
  const problem = task.problem as unknown as Problem;
  try {
    validateProblem(problem);
  } catch (e) {
    if (e instanceof ProblemError) return post({ type: 'invalid', field: e.field, message: e.message });
    throw e;
  }
  if (task.kind === 'validate') return post({ type: 'valid' });

  const flag = new Int32Array(task.cancel!);
  const started = performance.now();
  const deadline = started + task.timeLimit * 1000;
  let timedOut = false;
  // what the search polls: a cancel from the serving thread, or (converging mode) the time limit
  const signal = {
    get aborted() {
      if (Atomics.load(flag, 0) === 1) return true;
      if (!task.anytime && performance.now() >= deadline) timedOut = true;
      return timedOut;
    },
  } as unknown as AbortSignal;
  const result = await solve(problem, {
    seed: task.seed,
    threads: 1,
    signal,
    ...(task.anytime ? { timeLimit: task.timeLimit } : {}),
    onProgress: (p) => post({ type: 'progress', cost: p.bestCost, ms: Math.round(p.elapsedMs) }),
  });
  const cancelled = Atomics.load(flag, 0) === 1;
  const { elapsedMs, ...answer } = result;
  const verdict = checkSolution(problem, result);
  post({
    type: 'done',
    answer: answer as unknown as Record<string, unknown>,
    verdict: { ok: verdict.ok, errors: verdict.errors.slice(0, 50), cost: verdict.cost, distance: verdict.distance },
    stoppedBy: cancelled ? 'cancelled' : timedOut || task.anytime ? 'time_limit' : 'converged',
    elapsedMs: Math.round(elapsedMs),
  });
}

main().catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
