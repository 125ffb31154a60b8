import { and, asc, count, desc, eq, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { users } from '../../platform/identity/identity.schema.js';
import { isValidAfm, normalizeAfm } from '../forms/index.js';
import { getBudget } from './budget.service.js';
import * as M from './participation.model.js';
import { budgetProjects, evaluations, ideaCalls, ideas, residents } from './schema.js';

const TAG = ['participation'];
const MANAGE = 'perm:participation.manage' as const;

const ZResident = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  afm: z.string().nullable(),
  name: z.string().nullable(),
  source: z.enum(['staff', 'registry']),
  createdAt: z.date(),
});
const ZIdeaCallStaff = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  verification: M.ZVerification,
  closesAt: z.date(),
  ideaCount: z.number().int(),
});

/**
 * Staff routes added for the staff screens: projects of a budget after its creation, the state
 * of idea calls (drafts included), the residents registry (list, import an ΑΦΜ list) and a
 * summary of the ratings per target.
 */
export async function participationStaffRoutes(app: App, platform: Platform) {
  const { db } = platform;

  // ---- budget projects --------------------------------------------------------------------------
  /** Projects change only before voting ends; costs and the set of projects only before the first ballot. */
  async function editableBudget(tenantId: string, budgetId: string, changesBallot: boolean) {
    const { budget } = await getBudget(db, tenantId, budgetId, true);
    if (budget.status === 'closed') throw new AppError('participation.invalid_state', 409);
    if (changesBallot && budget.ballotCount > 0) throw new AppError('participation.ballots_cast', 409);
    return budget;
  }
  async function projectOf(tenantId: string, projectId: string) {
    const [p] = await db
      .select()
      .from(budgetProjects)
      .where(and(eq(budgetProjects.tenantId, tenantId), eq(budgetProjects.id, projectId)));
    if (!p) throw new AppError('participation.not_found', 404);
    return p;
  }

  app.post(
    '/api/participation/budgets/:id/projects',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Add a project to a budget (before the first ballot)',
        params: M.ZId,
        body: M.ZProjectIn,
        response: { 201: M.ZProject, 409: M.ZError },
      },
    },
    async (req, reply) => {
      const budget = await editableBudget(req.tenant.id, req.params.id, true);
      const row = await db.transaction(async (tx) => {
        const [last] = await tx
          .select({ n: max(budgetProjects.position) })
          .from(budgetProjects)
          .where(eq(budgetProjects.budgetId, budget.id));
        const [p] = await tx
          .insert(budgetProjects)
          .values({
            tenantId: req.tenant.id,
            budgetId: budget.id,
            position: (last?.n ?? 0) + 1,
            ...req.body,
            description: req.body.description ?? '',
          })
          .returning();
        await audit(tx, req, { action: 'participation.project.create', entity: 'budget_project', entityId: p?.id });
        return p as typeof budgetProjects.$inferSelect;
      });
      return reply.status(201).send(row);
    },
  );
  app.patch(
    '/api/participation/projects/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Edit a project (its cost only before the first ballot)',
        params: M.ZId,
        body: M.ZProjectIn.partial(),
        response: { 200: M.ZProject, 409: M.ZError },
      },
    },
    async (req) => {
      const p = await projectOf(req.tenant.id, req.params.id);
      const costChanges = req.body.costCents !== undefined && req.body.costCents !== p.costCents;
      await editableBudget(req.tenant.id, p.budgetId, costChanges);
      return db.transaction(async (tx) => {
        const [row] = await tx.update(budgetProjects).set(req.body).where(eq(budgetProjects.id, p.id)).returning();
        await audit(tx, req, { action: 'participation.project.update', entity: 'budget_project', entityId: p.id, data: req.body });
        return row as typeof budgetProjects.$inferSelect;
      });
    },
  );
  app.delete(
    '/api/participation/projects/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Remove a project (before the first ballot)',
        params: M.ZId,
        response: { 204: z.null(), 409: M.ZError },
      },
    },
    async (req, reply) => {
      const p = await projectOf(req.tenant.id, req.params.id);
      await editableBudget(req.tenant.id, p.budgetId, true);
      await db.transaction(async (tx) => {
        await tx.delete(budgetProjects).where(eq(budgetProjects.id, p.id));
        await audit(tx, req, { action: 'participation.project.delete', entity: 'budget_project', entityId: p.id });
      });
      return reply.status(204).send(null);
    },
  );

  // ---- idea calls -------------------------------------------------------------------------------
  app.get(
    '/api/participation/idea-calls/manage',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Every idea call, drafts included, with its number of ideas',
        response: { 200: z.array(ZIdeaCallStaff) },
      },
    },
    async (req) => {
      const rows = await db
        .select({
          id: ideaCalls.id,
          title: ideaCalls.title,
          description: ideaCalls.description,
          status: ideaCalls.status,
          verification: ideaCalls.verification,
          closesAt: ideaCalls.closesAt,
          ideaCount: sql<number>`(select count(*)::int from ${ideas} where ${ideas.callId} = ${ideaCalls.id})`,
        })
        .from(ideaCalls)
        .where(eq(ideaCalls.tenantId, req.tenant.id))
        .orderBy(desc(ideaCalls.createdAt), desc(ideaCalls.id))
        .limit(200);
      return rows.map((r) => ({ ...r, ideaCount: Number(r.ideaCount) }));
    },
  );
  app.post(
    '/api/participation/idea-calls/:id/state',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Open or close a call for needs and ideas',
        params: M.ZId,
        body: z.object({ status: z.enum(['open', 'closed']) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        const [c] = await tx
          .update(ideaCalls)
          .set({ status: req.body.status })
          .where(and(eq(ideaCalls.tenantId, req.tenant.id), eq(ideaCalls.id, req.params.id)))
          .returning({ id: ideaCalls.id });
        if (!c) throw new AppError('participation.not_found', 404);
        await audit(tx, req, {
          action: `participation.idea_call.${req.body.status === 'open' ? 'publish' : 'close'}`,
          entity: 'idea_call',
          entityId: c.id,
        });
      });
      return reply.status(204).send(null);
    },
  );

  // ---- residents --------------------------------------------------------------------------------
  app.get(
    '/api/participation/residents',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Confirmed residents, newest first (by user or by ΑΦΜ)',
        querystring: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(ZResident) }) },
      },
    },
    async (req) => {
      const where = [eq(residents.tenantId, req.tenant.id)];
      const q = req.query.q?.replace(/[%_\\]/g, '');
      if (q) {
        where.push(
          sql`(${residents.afm} like ${`${q}%`} or ${users.afm} like ${`${q}%`} or (coalesce(${users.givenName},'') || ' ' || coalesce(${users.familyName},'')) ilike ${`%${q}%`})`,
        );
      }
      const [total] = await db.select({ n: count() }).from(residents).where(eq(residents.tenantId, req.tenant.id));
      const rows = await db
        .select({ r: residents, given: users.givenName, family: users.familyName, userAfm: users.afm })
        .from(residents)
        .leftJoin(users, eq(users.id, residents.userId))
        .where(and(...where))
        .orderBy(desc(residents.createdAt), asc(residents.id))
        .limit(req.query.limit);
      return {
        total: Number(total?.n ?? 0),
        items: rows.map(({ r, given, family, userAfm }) => ({
          id: r.id,
          userId: r.userId,
          afm: r.afm ?? userAfm ?? null,
          name: r.userId ? [given, family].filter(Boolean).join(' ') || null : null,
          source: r.source,
          createdAt: r.createdAt,
        })),
      };
    },
  );
  app.post(
    '/api/participation/residents/import',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Import a municipal roll: a list of ΑΦΜ (all valid, or nothing is imported)',
        body: z.object({ afms: z.array(z.string().max(40)).min(1).max(20000) }),
        response: { 200: z.object({ added: z.number().int(), existing: z.number().int() }) },
      },
    },
    async (req) => {
      const bad = req.body.afms
        .map((a, i) => ({ i, a, ok: isValidAfm(a) }))
        .filter((x) => !x.ok)
        .slice(0, 50);
      if (bad.length) {
        throw new AppError(
          'validation.failed',
          400,
          {},
          bad.map((b) => ({
            field: `afms.${b.i}`,
            code: 'participation.invalid_afm_line',
            params: { line: b.i + 1, value: b.a.slice(0, 20) },
          })),
        );
      }
      const afms = [...new Set(req.body.afms.map((a) => normalizeAfm(a) as string))];
      const actor = 'userId' in req.actor ? (req.actor.userId ?? null) : null;
      return db.transaction(async (tx) => {
        let added = 0;
        for (let i = 0; i < afms.length; i += 1000) {
          const chunk = afms.slice(i, i + 1000);
          const ins = await tx
            .insert(residents)
            .values(chunk.map((afm) => ({ tenantId: req.tenant.id, afm, source: 'registry' as const, confirmedBy: actor })))
            .onConflictDoNothing()
            .returning({ id: residents.id });
          added += ins.length;
        }
        await audit(tx, req, {
          action: 'participation.resident.import',
          entity: 'tenant',
          entityId: req.tenant.id,
          data: { added, listed: afms.length },
        });
        return { added, existing: afms.length - added };
      });
    },
  );

  // ---- evaluations --------------------------------------------------------------------------------
  app.get(
    '/api/participation/evaluations/targets',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Ratings per target: count, mean, histogram, comments and hidden ratings',
        response: {
          200: z.array(M.ZRatingSummary.extend({ comments: z.number().int(), hidden: z.number().int(), lastAt: z.date().nullable() })),
        },
      },
    },
    async (req) => {
      const rows = await db
        .select({
          targetKind: evaluations.targetKind,
          targetRef: evaluations.targetRef,
          rating: evaluations.rating,
          n: sql<number>`count(*) filter (where ${evaluations.hiddenAt} is null)::int`,
          hidden: sql<number>`count(*) filter (where ${evaluations.hiddenAt} is not null)::int`,
          comments: sql<number>`count(${evaluations.comment}) filter (where ${evaluations.hiddenAt} is null)::int`,
          lastAt: sql<string | null>`max(${evaluations.createdAt})::text`,
        })
        .from(evaluations)
        .where(eq(evaluations.tenantId, req.tenant.id))
        .groupBy(evaluations.targetKind, evaluations.targetRef, evaluations.rating);
      const byTarget = new Map<string, typeof rows>();
      for (const r of rows) {
        const k = `${r.targetKind}\u0000${r.targetRef}`;
        byTarget.set(k, [...(byTarget.get(k) ?? []), r]);
      }
      return [...byTarget.values()]
        .map((rs) => {
          const n = rs.reduce((s, r) => s + Number(r.n), 0);
          const sum = rs.reduce((s, r) => s + r.rating * Number(r.n), 0);
          const last = rs
            .map((r) => r.lastAt)
            .filter((x): x is string => Boolean(x))
            .sort()
            .pop();
          return {
            targetKind: rs[0]?.targetKind ?? '',
            targetRef: rs[0]?.targetRef ?? '',
            count: n,
            mean: n ? Math.round((100 * sum) / n) / 100 : null,
            histogram: [1, 2, 3, 4, 5].map((v) => ({ rating: v, count: Number(rs.find((r) => r.rating === v)?.n ?? 0) })),
            comments: rs.reduce((s, r) => s + Number(r.comments), 0),
            hidden: rs.reduce((s, r) => s + Number(r.hidden), 0),
            lastAt: last ? new Date(last) : null,
          };
        })
        .sort((a, b) => a.targetKind.localeCompare(b.targetKind) || a.targetRef.localeCompare(b.targetRef));
    },
  );
}
