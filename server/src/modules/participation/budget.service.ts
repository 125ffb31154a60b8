import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { budgetBallots, budgetProjects, budgets, budgetVotes, milestones, projectUpdates, type TVerification } from './schema.js';
import { voterFor } from './verification.js';

export type TBudget = typeof budgets.$inferSelect;
export type TProject = typeof budgetProjects.$inferSelect;

const euros = (cents: number) => (cents / 100).toLocaleString('el-GR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export async function createBudget(
  db: Db,
  ctx: ServiceContext,
  input: {
    title: string;
    description?: string;
    totalCents: number;
    mode: 'budget' | 'approve_n';
    maxProjects?: number;
    minSharePercent?: number;
    verification: TVerification;
    closesAt: Date;
    publish?: boolean;
    projects: { title: string; description?: string; costCents: number; lat?: number; lon?: number }[];
  },
) {
  if (input.mode === 'approve_n' && !input.maxProjects) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'maxProjects', code: 'participation.max_projects_required' }]);
  }
  return db.transaction(async (tx) => {
    const [b] = await tx
      .insert(budgets)
      .values({
        tenantId: ctx.tenant.id,
        title: input.title,
        description: input.description ?? '',
        totalCents: input.totalCents,
        mode: input.mode,
        maxProjects: input.maxProjects ?? null,
        minSharePercent: input.mode === 'budget' ? (input.minSharePercent ?? null) : null,
        verification: input.verification,
        closesAt: input.closesAt,
        status: input.publish ? 'open' : 'draft',
      })
      .returning();
    if (!b) throw new Error('budget insert');
    if (input.projects.length) {
      await tx.insert(budgetProjects).values(
        input.projects.map((p, i) => ({
          tenantId: ctx.tenant.id,
          budgetId: b.id,
          position: i + 1,
          ...p,
          description: p.description ?? '',
        })),
      );
    }
    await audit(tx, ctx, {
      action: 'participation.budget.create',
      entity: 'budget',
      entityId: b.id,
      data: { projects: input.projects.length },
    });
    return b;
  });
}

export async function getBudget(db: DbOrTx, tenantId: string, id: string, staff = false) {
  const [b] = await db
    .select()
    .from(budgets)
    .where(and(eq(budgets.tenantId, tenantId), eq(budgets.id, id)));
  if (!b || (!staff && b.status === 'draft')) throw new AppError('participation.not_found', 404);
  const projects = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, b.id)).orderBy(asc(budgetProjects.position));
  return { budget: b, projects };
}

export async function setBudgetStatus(db: Db, ctx: ServiceContext, id: string, status: 'open' | 'closed') {
  return db.transaction(async (tx) => {
    const { budget } = await getBudget(tx, ctx.tenant.id, id, true);
    await tx.update(budgets).set({ status }).where(eq(budgets.id, budget.id));
    await audit(tx, ctx, {
      action: `participation.budget.${status === 'open' ? 'publish' : 'close'}`,
      entity: 'budget',
      entityId: budget.id,
    });
  });
}

/**
 * A ballot: "budget" mode lets the voter pick any projects whose costs add up to at most the
 * budget (the voter solves the knapsack, the server checks the sum); "approve_n" allows up to N.
 */
export async function castBallot(db: Db, ctx: ServiceContext, id: string, projectIds: string[]) {
  const { budget, projects } = await getBudget(db, ctx.tenant.id, id);
  if (budget.status !== 'open' || budget.closesAt.getTime() <= Date.now()) throw new AppError('participation.closed', 409);
  const unique = [...new Set(projectIds)];
  const chosen: TProject[] = [];
  for (const [i, pid] of unique.entries()) {
    const p = projects.find((x) => x.id === pid);
    if (!p) throw new AppError('validation.failed', 400, {}, [{ field: `projectIds.${i}`, code: 'participation.unknown_project' }]);
    chosen.push(p);
  }
  if (budget.mode === 'budget') {
    const sum = chosen.reduce((s, p) => s + p.costCents, 0);
    if (sum > budget.totalCents)
      throw new AppError('participation.over_budget', 400, { sum: euros(sum), total: euros(budget.totalCents) }, [
        { field: 'projectIds', code: 'participation.over_budget', params: { sum: euros(sum), total: euros(budget.totalCents) } },
      ]);
    const least = budget.minSharePercent ? Math.ceil((budget.totalCents * budget.minSharePercent) / 100) : 0;
    if (sum < least)
      throw new AppError('participation.under_min_share', 400, { sum: euros(sum), least: euros(least) }, [
        { field: 'projectIds', code: 'participation.under_min_share', params: { sum: euros(sum), least: euros(least) } },
      ]);
  } else if (chosen.length > (budget.maxProjects ?? 0)) {
    throw new AppError('participation.too_many_projects', 400, { max: budget.maxProjects }, [
      { field: 'projectIds', code: 'participation.too_many_projects', params: { max: budget.maxProjects } },
    ]);
  }
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, budget.verification);
  return db.transaction(async (tx) => {
    const [ballot] = await tx
      .insert(budgetBallots)
      .values({ tenantId: ctx.tenant.id, budgetId: budget.id, voterKey: voter.key })
      .onConflictDoNothing()
      .returning();
    if (!ballot) throw new AppError('participation.already_voted', 409);
    if (chosen.length)
      await tx.insert(budgetVotes).values(chosen.map((p) => ({ ballotId: ballot.id, budgetId: budget.id, projectId: p.id })));
    await tx
      .update(budgets)
      .set({ ballotCount: sql`${budgets.ballotCount} + 1` })
      .where(eq(budgets.id, budget.id));
    return { ballotId: ballot.id, projectIds: chosen.map((p) => p.id) };
  });
}

/** Projects ranked by votes (cheaper first on a tie); winners taken greedily down the ranking while money remains. */
export async function budgetResults(db: DbOrTx, tenantId: string, id: string, staff: boolean) {
  const { budget, projects } = await getBudget(db, tenantId, id, staff);
  const counts = await db
    .select({ projectId: budgetVotes.projectId, n: sql<number>`count(*)::int` })
    .from(budgetVotes)
    .where(eq(budgetVotes.budgetId, budget.id))
    .groupBy(budgetVotes.projectId);
  const ranked = projects
    .map((p) => ({ project: p, votes: counts.find((c) => c.projectId === p.id)?.n ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.project.costCents - b.project.costCents || a.project.position - b.project.position);
  let remaining = budget.totalCents;
  const rows = ranked.map((r, i) => {
    const winner = r.votes > 0 && r.project.costCents <= remaining;
    if (winner) remaining -= r.project.costCents;
    return {
      rank: i + 1,
      projectId: r.project.id,
      title: r.project.title,
      costCents: r.project.costCents,
      votes: r.votes,
      percent: budget.ballotCount ? Math.round((1000 * r.votes) / budget.ballotCount) / 10 : 0,
      winner,
    };
  });
  return {
    budgetId: budget.id,
    ballots: budget.ballotCount,
    totalCents: budget.totalCents,
    allocatedCents: budget.totalCents - remaining,
    projects: rows,
  };
}

/** Accountability: the project's milestones and dated updates, and its overall status and percent. */
export async function projectProgress(db: DbOrTx, tenantId: string, projectId: string) {
  const [p] = await db
    .select()
    .from(budgetProjects)
    .where(and(eq(budgetProjects.tenantId, tenantId), eq(budgetProjects.id, projectId)));
  if (!p) throw new AppError('participation.not_found', 404);
  const ms = await db.select().from(milestones).where(eq(milestones.projectId, p.id)).orderBy(asc(milestones.position));
  const ups = await db.select().from(projectUpdates).where(eq(projectUpdates.projectId, p.id)).orderBy(desc(projectUpdates.createdAt));
  return { project: p, milestones: ms, updates: ups };
}

export async function updateProgress(
  db: Db,
  ctx: ServiceContext,
  projectId: string,
  input: {
    status?: TProject['progressStatus'];
    percent?: number;
    update?: string;
    milestones?: { id?: string; title: string; status: 'pending' | 'in_progress' | 'done'; percent: number; dueDate?: string }[];
  },
) {
  return db.transaction(async (tx) => {
    const { project: p } = await projectProgress(tx, ctx.tenant.id, projectId);
    const percent = input.percent ?? (input.status === 'completed' ? 100 : undefined);
    const status =
      input.status ??
      (percent === 100 ? 'completed' : percent !== undefined && percent > 0 && p.progressStatus === 'planned' ? 'in_progress' : undefined);
    if (percent !== undefined || status) {
      await tx
        .update(budgetProjects)
        .set({ ...(percent !== undefined ? { progressPercent: percent } : {}), ...(status ? { progressStatus: status } : {}) })
        .where(eq(budgetProjects.id, p.id));
    }
    if (input.milestones) {
      const keep = input.milestones.map((m) => m.id).filter((x): x is string => Boolean(x));
      const existing = await tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.projectId, p.id));
      const drop = existing.map((e) => e.id).filter((x) => !keep.includes(x));
      if (drop.length) await tx.delete(milestones).where(inArray(milestones.id, drop));
      for (const [i, m] of input.milestones.entries()) {
        const values = { title: m.title, status: m.status, percent: m.percent, dueDate: m.dueDate ?? null, position: i + 1 };
        if (m.id && existing.some((e) => e.id === m.id)) await tx.update(milestones).set(values).where(eq(milestones.id, m.id));
        else await tx.insert(milestones).values({ ...values, tenantId: ctx.tenant.id, projectId: p.id });
      }
    }
    if (input.update) {
      await tx.insert(projectUpdates).values({
        tenantId: ctx.tenant.id,
        projectId: p.id,
        body: input.update,
        percent: percent ?? null,
        createdBy: 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null,
      });
    }
    await audit(tx, ctx, { action: 'participation.project.progress', entity: 'budget_project', entityId: p.id, data: { status, percent } });
  });
}
