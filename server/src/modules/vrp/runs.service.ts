import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { limitsOf } from './limits.js';
import { findProblem } from './problems.service.js';
import { RUN_STATUSES, type TRunOptions, vrpRuns } from './schema.js';

export const SOLVE_QUEUE = 'vrp.solve';
export const LIVE_CHANNEL = 'dimos_vrp';
export const ACTIVE = ['queued', 'running'] as const;

/** The solver's version goes into every run's inputs: a new solver may plan differently. */
export const SOLVER_VERSION: string = createRequire(import.meta.url)('@dimos/vrp/package.json').version;

export const ZRunBody = z.object({
  /** Seconds: the search stops by then at the latest (the tenant's `maxTimeLimit` caps it). */
  timeLimit: z.number().int().min(1).max(3600).default(30),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /**
   * false (default): stop when the search converges, so the same inputs give the same plan.
   * true: keep improving until the time limit (better plans, not reproducible).
   */
  anytime: z.boolean().default(false),
});
export type TRunBody = z.infer<typeof ZRunBody>;

const ZVerdict = z.object({ ok: z.boolean(), errors: z.array(z.string()), cost: z.number().optional(), distance: z.number().optional() });
export const ZRunSummary = z.object({
  id: z.uuid(),
  problemId: z.uuid(),
  options: z.object({ timeLimit: z.number(), seed: z.number(), anytime: z.boolean() }),
  inputsHash: z.string(),
  solverVersion: z.string(),
  status: z.enum(RUN_STATUSES),
  stoppedBy: z.enum(['converged', 'time_limit', 'cancelled']).nullable(),
  cost: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  error: z.string().nullable(),
  errorField: z.string().nullable(),
  verdict: ZVerdict.nullable(),
  /** The last best cost found, for a progress bar while it runs. */
  bestCost: z.number().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export const ZRun = ZRunSummary.extend({
  progress: z.array(z.object({ ms: z.number(), cost: z.number() })),
  answer: z.record(z.string(), z.unknown()).nullable(),
});

type Row = typeof vrpRuns.$inferSelect;
export function toRunSummary(r: Row) {
  const last = r.progress.at(-1);
  return {
    id: r.id,
    problemId: r.problemId,
    options: r.options,
    inputsHash: r.inputsHash,
    solverVersion: r.solverVersion,
    status: r.status,
    stoppedBy: r.stoppedBy,
    cost: r.cost,
    elapsedMs: r.elapsedMs,
    error: r.error,
    errorField: r.errorField,
    verdict: r.verdict ?? null,
    bestCost: last ? last.cost : null,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
export const toRun = (r: Row) => ({ ...toRunSummary(r), progress: r.progress, answer: r.answer });

/** JSON with object keys sorted, so equal problems hash equally whatever order their keys came in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The exact inputs of a run: the problem, the options and the solver's version. */
export function inputsHash(problem: unknown, options: TRunOptions, solverVersion = SOLVER_VERSION) {
  return createHash('sha256')
    .update(canonicalJson({ problem, options, solver: solverVersion }))
    .digest('hex');
}

/** Queues a solve of a stored problem; refused over the tenant's time limit or number of active runs. */
export async function startRun(platform: Platform, ctx: ServiceContext, problemId: string, body: TRunBody) {
  const limits = limitsOf(ctx.tenant);
  if (body.timeLimit > limits.maxTimeLimit) {
    const params = { max: limits.maxTimeLimit };
    throw new AppError('vrp.time_limit_too_long', 400, params, [{ field: 'timeLimit', code: 'vrp.time_limit_too_long', params }]);
  }
  const tenantId = ctx.tenant.id;
  const createdBy = 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null;
  const row = await platform.db.transaction(async (tx) => {
    // one start at a time per tenant, so two requests cannot both pass the count
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`vrp.runs:${tenantId}`}))`);
    const problem = await findProblem(tx, tenantId, problemId);
    if (!problem) throw new AppError('vrp.problem_not_found', 404);
    const [active] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(vrpRuns)
      .where(and(eq(vrpRuns.tenantId, tenantId), inArray(vrpRuns.status, [...ACTIVE])));
    if ((active?.n ?? 0) >= limits.maxConcurrentRuns) throw new AppError('vrp.too_many_runs', 429, { max: limits.maxConcurrentRuns });
    const options: TRunOptions = { timeLimit: body.timeLimit, seed: body.seed, anytime: body.anytime };
    const [run] = await tx
      .insert(vrpRuns)
      .values({ tenantId, problemId, options, inputsHash: inputsHash(problem.problem, options), solverVersion: SOLVER_VERSION, createdBy })
      .returning();
    await platform.jobs.enqueue(tx, { queue: SOLVE_QUEUE, tenantId, payload: { runId: run!.id }, dedupeKey: `vrp.run:${run!.id}` });
    await audit(tx, ctx, { action: 'vrp.run.start', entity: 'vrp_run', entityId: run!.id, data: { problemId, ...options } });
    return run!;
  });
  return toRunSummary(row);
}

export async function findRun(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(vrpRuns)
    .where(and(eq(vrpRuns.tenantId, tenantId), eq(vrpRuns.id, id)));
  return row ?? null;
}

export async function getRun(db: DbOrTx, ctx: ServiceContext, id: string) {
  const row = await findRun(db, ctx.tenant.id, id);
  if (!row) throw new AppError('vrp.run_not_found', 404);
  return toRun(row);
}

export async function listRuns(db: DbOrTx, ctx: ServiceContext, problemId?: string) {
  const rows = await db
    .select()
    .from(vrpRuns)
    .where(and(eq(vrpRuns.tenantId, ctx.tenant.id), problemId ? eq(vrpRuns.problemId, problemId) : undefined))
    .orderBy(desc(vrpRuns.createdAt))
    .limit(200);
  return rows.map(toRunSummary);
}

/** Process-local handles of running searches, so a cancel answered here stops its thread at once. */
export const localCancels = new Map<string, () => void>();

/**
 * Cancels a run: a queued one at once; a running one is asked to stop (by this process directly,
 * by another at its next heartbeat) and keeps the best plan found so far.
 */
export async function cancelRun(platform: Platform, ctx: ServiceContext, id: string) {
  const row = await platform.db.transaction(async (tx) => {
    const [run] = await tx
      .select()
      .from(vrpRuns)
      .where(and(eq(vrpRuns.tenantId, ctx.tenant.id), eq(vrpRuns.id, id)))
      .for('update');
    if (!run) throw new AppError('vrp.run_not_found', 404);
    if (run.status !== 'queued' && run.status !== 'running') throw new AppError('vrp.run_finished', 409);
    const now = new Date();
    const patch =
      run.status === 'queued'
        ? { status: 'cancelled' as const, stoppedBy: 'cancelled' as const, cancelRequestedAt: now, finishedAt: now }
        : { cancelRequestedAt: now };
    const [after] = await tx.update(vrpRuns).set(patch).where(eq(vrpRuns.id, id)).returning();
    if (run.status === 'queued') {
      await platform.jobs.emit(tx, ctx.tenant.id, 'vrp.run_finished', { runId: id, problemId: run.problemId, status: 'cancelled' });
    }
    await audit(tx, ctx, { action: 'vrp.run.cancel', entity: 'vrp_run', entityId: id, data: { was: run.status } });
    return after!;
  });
  localCancels.get(id)?.();
  await platform.database.notify(LIVE_CHANNEL, id);
  return toRunSummary(row);
}
