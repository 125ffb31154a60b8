import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { limitsOf, sizeOf } from './limits.js';
import { vrpProblems } from './schema.js';
import { startSolverThread } from './thread.js';

/** A problem in @dimos/vrp's JSON format; its fields are checked by the package itself (in a solver thread). */
export const ZProblemJson = z.looseObject({
  vehicles: z.array(z.looseObject({})).min(1),
  jobs: z.array(z.looseObject({})),
});

export const ZProblemBody = z.object({
  name: z.string().trim().min(1).max(200),
  problem: ZProblemJson,
});
export type TProblemBody = z.infer<typeof ZProblemBody>;

export const ZProblemSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  jobCount: z.number().int(),
  vehicleCount: z.number().int(),
  createdAt: z.date(),
});
export const ZProblem = ZProblemSummary.extend({ problem: z.record(z.string(), z.unknown()) });

type Row = typeof vrpProblems.$inferSelect;
const summary = (r: Row) => ({ id: r.id, name: r.name, jobCount: r.jobCount, vehicleCount: r.vehicleCount, createdAt: r.createdAt });

/**
 * Refuses a problem over the municipality's size limits, then lets the package's own validation
 * (run in a solver thread: the serving thread never loads the solver) name the first bad field.
 */
export async function checkProblem(ctx: ServiceContext, problem: Record<string, unknown> & { jobs: unknown[]; vehicles: unknown[] }) {
  const limits = limitsOf(ctx.tenant);
  const size = sizeOf(problem);
  if (size.jobs > limits.maxJobs) {
    const params = { count: size.jobs, max: limits.maxJobs };
    throw new AppError('vrp.too_many_jobs', 400, params, [{ field: 'problem.jobs', code: 'vrp.too_many_jobs', params }]);
  }
  if (size.vehicles > limits.maxVehicles) {
    const params = { count: size.vehicles, max: limits.maxVehicles };
    throw new AppError('vrp.too_many_vehicles', 400, params, [{ field: 'problem.vehicles', code: 'vrp.too_many_vehicles', params }]);
  }
  const verdict = await startSolverThread({ kind: 'validate', problem }).outcome;
  if (verdict.type === 'invalid') {
    const field = verdict.field ? `problem.${verdict.field}` : 'problem';
    const params = { field, detail: verdict.message };
    throw new AppError('vrp.problem_invalid', 400, params, [{ field, code: 'vrp.problem_invalid', params }]);
  }
  if (verdict.type !== 'valid') throw new Error(`vrp: validation thread answered ${verdict.type}`);
  return size;
}

/** Stores a problem for later solving. */
export async function storeProblem(db: DbOrTx, ctx: ServiceContext, body: TProblemBody) {
  const size = await checkProblem(ctx, body.problem);
  const createdBy = 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(vrpProblems)
      .values({
        tenantId: ctx.tenant.id,
        name: body.name,
        problem: body.problem,
        jobCount: size.jobs,
        vehicleCount: size.vehicles,
        createdBy,
      })
      .returning();
    await audit(tx, ctx, { action: 'vrp.problem.create', entity: 'vrp_problem', entityId: row!.id, data: { name: body.name, ...size } });
    return { ...summary(row!), problem: row!.problem };
  });
}

export async function listProblems(db: DbOrTx, ctx: ServiceContext) {
  const rows = await db
    .select()
    .from(vrpProblems)
    .where(eq(vrpProblems.tenantId, ctx.tenant.id))
    .orderBy(desc(vrpProblems.createdAt))
    .limit(200);
  return rows.map(summary);
}

export async function findProblem(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(vrpProblems)
    .where(and(eq(vrpProblems.tenantId, tenantId), eq(vrpProblems.id, id)));
  return row ?? null;
}

export async function getProblem(db: DbOrTx, ctx: ServiceContext, id: string) {
  const row = await findProblem(db, ctx.tenant.id, id);
  if (!row) throw new AppError('vrp.problem_not_found', 404);
  return { ...summary(row), problem: row.problem };
}
