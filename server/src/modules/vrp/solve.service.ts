import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { PermanentJobError } from '../../platform/jobs/jobs.js';
import { findProblem } from './problems.service.js';
import { ACTIVE, LIVE_CHANNEL, localCancels, SOLVE_QUEUE } from './runs.service.js';
import { type TProgressPoint, vrpRuns } from './schema.js';
import { startSolverThread, type ThreadOutcome } from './thread.js';

/** A running search writes its progress and heartbeat this often. */
export const FLUSH_MS = 500;
/** A running run whose heartbeat is older than this lost its process. */
export const STALE_MS = 30_000;
/** A run whose process died this many times while solving it is failed rather than tried again. */
export const MAX_RUN_ATTEMPTS = 3;
/** Progress points kept per run (a long anytime search finds many small improvements). */
const MAX_POINTS = 2000;

/**
 * The `vrp.solve` job: claims the run, solves its problem in a worker thread, records every new best
 * cost (with a heartbeat) as it comes and stores the answer with the checker's verdict. A run that a
 * dead process left `running` is taken over once its heartbeat is stale; the job system retakes the
 * job itself when its lock expires, so nothing queued is lost.
 */
export async function solveRun(platform: Platform, runId: string) {
  const { db } = platform;
  const stale = new Date(Date.now() - STALE_MS);
  const [run] = await db
    .update(vrpRuns)
    .set({ status: 'running', attempts: sql`${vrpRuns.attempts} + 1`, startedAt: new Date(), heartbeatAt: new Date(), progress: [] })
    .where(and(eq(vrpRuns.id, runId), or(eq(vrpRuns.status, 'queued'), and(eq(vrpRuns.status, 'running'), lt(vrpRuns.heartbeatAt, stale)))))
    .returning();
  if (!run) {
    const [cur] = await db.select({ status: vrpRuns.status }).from(vrpRuns).where(eq(vrpRuns.id, runId));
    if (!cur || !(ACTIVE as readonly string[]).includes(cur.status)) return; // finished, cancelled or deleted
    throw new Error(`vrp run ${runId} is being solved by another process`); // retried: taken over if that process died
  }
  if (run.attempts > MAX_RUN_ATTEMPTS) {
    return finish(platform, run, { status: 'failed', error: `interrupted ${run.attempts - 1} times while solving` });
  }
  if (run.cancelRequestedAt) return finish(platform, run, { status: 'cancelled', stoppedBy: 'cancelled' });
  const problem = await findProblem(db, run.tenantId, run.problemId);
  if (!problem) throw new PermanentJobError(`vrp problem ${run.problemId} is gone`);
  await platform.database.notify(LIVE_CHANNEL, runId);

  const progress: TProgressPoint[] = [];
  let dirty = false;
  const thread = startSolverThread({ kind: 'solve', problem: problem.problem, ...run.options }, (p) => {
    const point = { ms: p.ms, cost: p.cost };
    if (progress.length >= MAX_POINTS) progress[progress.length - 1] = point;
    else progress.push(point);
    dirty = true;
  });
  localCancels.set(runId, thread.cancel);
  // one write at a time: progress and heartbeat, and whether someone asked (on any process) to cancel
  let flushing: Promise<void> = Promise.resolve();
  let lastBeat = Date.now();
  const flush = () => {
    if (!dirty && Date.now() - lastBeat < 5_000) return flushing;
    flushing = flushing.then(async () => {
      const wasDirty = dirty;
      dirty = false;
      lastBeat = Date.now();
      const [r] = await db
        .update(vrpRuns)
        .set({ progress: [...progress], heartbeatAt: new Date() })
        .where(and(eq(vrpRuns.id, runId), eq(vrpRuns.status, 'running')))
        .returning({ cancelRequestedAt: vrpRuns.cancelRequestedAt });
      if (!r || r.cancelRequestedAt) thread.cancel();
      if (wasDirty) await platform.database.notify(LIVE_CHANNEL, runId);
    });
    flushing = flushing.catch((err) => platform.log.warn({ err, runId }, 'vrp: progress not recorded'));
    return flushing;
  };
  const tick = setInterval(() => void flush(), FLUSH_MS);
  let outcome: ThreadOutcome;
  try {
    outcome = await thread.outcome;
  } catch (e) {
    outcome = { type: 'error', message: e instanceof Error ? e.message : String(e) };
  } finally {
    clearInterval(tick);
    localCancels.delete(runId);
  }
  await flushing;
  const fresh = { ...run, progress };
  if (outcome.type === 'done') {
    return finish(platform, fresh, {
      status: outcome.stoppedBy === 'cancelled' ? 'cancelled' : 'done',
      answer: outcome.answer,
      verdict: outcome.verdict,
      stoppedBy: outcome.stoppedBy,
      cost: typeof outcome.answer.cost === 'number' ? outcome.answer.cost : outcome.verdict.cost,
      elapsedMs: outcome.elapsedMs,
    });
  }
  if (outcome.type === 'invalid') return finish(platform, fresh, { status: 'failed', error: outcome.message, errorField: outcome.field });
  return finish(platform, fresh, { status: 'failed', error: outcome.type === 'error' ? outcome.message : `unexpected ${outcome.type}` });
}

type Finish = Partial<
  Pick<typeof vrpRuns.$inferInsert, 'answer' | 'verdict' | 'stoppedBy' | 'cost' | 'elapsedMs' | 'error' | 'errorField'>
> & {
  status: 'done' | 'failed' | 'cancelled';
};

async function finish(platform: Platform, run: typeof vrpRuns.$inferSelect, f: Finish) {
  await platform.db.transaction(async (tx) => {
    const [done] = await tx
      .update(vrpRuns)
      .set({ ...f, progress: run.progress, finishedAt: new Date(), heartbeatAt: new Date() })
      .where(and(eq(vrpRuns.id, run.id), inArray(vrpRuns.status, [...ACTIVE])))
      .returning({ id: vrpRuns.id });
    if (done) {
      await platform.jobs.emit(tx, run.tenantId, 'vrp.run_finished', {
        runId: run.id,
        problemId: run.problemId,
        status: f.status,
        cost: f.cost ?? null,
      });
    }
  });
  await platform.database.notify(LIVE_CHANNEL, run.id);
}

/**
 * At start: runs left `running` by a process that died (stale heartbeat) go back to `queued`, and
 * their job is queued again (the same dedupe key: nothing happens when the job still exists).
 */
export async function recoverRuns(platform: Platform) {
  const stale = new Date(Date.now() - STALE_MS);
  const back = await platform.db
    .update(vrpRuns)
    .set({ status: 'queued' })
    .where(and(eq(vrpRuns.status, 'running'), lt(vrpRuns.heartbeatAt, stale)))
    .returning({ id: vrpRuns.id, tenantId: vrpRuns.tenantId });
  for (const r of back) {
    await platform.jobs.enqueue(platform.db, {
      queue: SOLVE_QUEUE,
      tenantId: r.tenantId,
      payload: { runId: r.id },
      dedupeKey: `vrp.run:${r.id}`,
    });
  }
  return back.length;
}
