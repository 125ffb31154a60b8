import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { files } from '../../platform/files/files.schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { answerFileIds, renderAnswers } from '../forms/index.js';
import { ZCaseDetail, ZCaseListQuery, ZCaseSummary, ZCitizenCase, ZIntakeCaseBody, ZLocalized, ZSubmitCaseBody } from './case.model.js';
import { linksOf, loadContexts, type TCaseRow, timelineOf, toSummary } from './case.service.js';
import { ZCaseTypeBody, ZCaseTypeSnapshot, ZCaseTypeUpdateBody, ZWorkflowBody } from './case-type.model.js';
import { createCaseType, getCaseType, listCaseTypes, listVersions, type TCaseTypeView, updateCaseType } from './case-type.service.js';
import { citizenReopen, rateCase, ZCitizenReopenBody, ZRatingBody } from './citizen.service.js';
import {
  assignCase,
  caseForStaff,
  citizenAnswer,
  linkCases,
  mergeCase,
  noteOnCase,
  reopenCase,
  replyToCase,
  requestInfo,
  rolesAllow,
  transitionCase,
  updateCaseMeta,
} from './handle.service.js';
import { caseSavedViews, cases, caseTypeVersions } from './schema.js';
import { listCases } from './search.service.js';
import { submitCase } from './submit.service.js';
import { citizenView, findByTracking, myCase, myCases } from './track.service.js';
import { loadUnitTree, type UnitTree } from './units.js';
import { createWorkflow, getWorkflow, listWorkflows, updateWorkflow, workflowDiagram } from './workflow.service.js';

const ZId = z.object({ id: z.uuid() });
const ZError = z.object({ code: z.string(), message: z.string() });

const ZCaseTypeOut = z.object({
  id: z.uuid(),
  key: z.string(),
  group: z.string(),
  icon: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  versionId: z.uuid(),
  snapshot: ZCaseTypeSnapshot,
});
const caseTypeOut = (t: TCaseTypeView) => ({
  id: t.id,
  key: t.key,
  group: t.group,
  icon: t.icon,
  active: t.active,
  version: t.version,
  versionId: t.versionId,
  snapshot: t.snapshot,
});

const ZWorkflowState = z.object({
  key: z.string(),
  nameEl: z.string(),
  nameEn: z.string(),
  category: z.string(),
  initial: z.boolean(),
  current: z.boolean(),
});
const ZDiagram = z.object({
  id: z.uuid(),
  key: z.string(),
  nameEl: z.string(),
  nameEn: z.string(),
  revision: z.number().int(),
  nodes: z.array(ZWorkflowState),
  edges: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      source: z.string(),
      target: z.string(),
      from: z.string(),
      to: z.string(),
      nameEl: z.string(),
      nameEn: z.string(),
      roles: z.array(z.string()),
      commentRequired: z.boolean(),
      citizenVisible: z.boolean(),
      messageEl: z.string().optional(),
      messageEn: z.string().optional(),
    }),
  ),
  current: z.string().nullable(),
});

const ZSubmitted = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  protocolStatus: z.enum(['assigned', 'pending']),
  trackingCode: z.string(),
  state: z.string(),
  stateName: ZLocalized,
  dueDate: z.string().nullable(),
  replayed: z.boolean(),
});

const ZIdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).loose();

/** The submission rendered with the form of the type version it was filed under (labels, choices, people, file names). */
async function answersOf(db: DbOrTx, c: TCaseRow) {
  const data = (c.data ?? {}) as Record<string, unknown>;
  if (!Object.keys(data).length) return [];
  const [v] = await db
    .select({ snapshot: caseTypeVersions.snapshot })
    .from(caseTypeVersions)
    .where(eq(caseTypeVersions.id, c.caseTypeVersionId));
  const form = v?.snapshot.form ?? { fields: [] };
  const ids = answerFileIds(form, data).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const named = ids.length
    ? await db
        .select({ id: files.id, name: files.originalName, mime: files.mime })
        .from(files)
        .where(and(eq(files.tenantId, c.tenantId), inArray(files.id, ids)))
    : [];
  return renderAnswers(form, data, new Map(named.map((f) => [f.id, { name: f.name, mime: f.mime }])));
}

async function staffDetail(db: DbOrTx, req: FastifyRequest, c: TCaseRow, tree: UnitTree) {
  const ctx = (await loadContexts(db, [c]))(c);
  const timeline = await timelineOf(db, c, false);
  return {
    ...toSummary(c, ctx),
    description: c.description,
    data: c.data,
    answers: await answersOf(db, c),
    fileIds: c.fileIds,
    contact: c.contact,
    trackingCode: c.trackingCode,
    citizenUserId: c.citizenUserId,
    timeline,
    links: await linksOf(db, c),
    transitions: ctx.workflow.definition.transitions
      .filter((t) => t.from === c.state)
      .map((t) => ({
        key: t.key,
        to: t.to,
        name: { el: t.nameEl, en: t.nameEn },
        commentRequired: t.commentRequired,
        allowed: rolesAllow(req.actor, t.roles, c.unitId, tree),
      })),
  };
}

async function submittedOut(db: DbOrTx, tenantId: string, r: { caseId: string; replayed: boolean }) {
  const [c] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, r.caseId)));
  if (!c) throw new AppError('case.not_found', 404);
  const ctx = (await loadContexts(db, [c]))(c);
  const s = toSummary(c, ctx);
  return {
    id: c.id,
    protocolNumber: c.protocolNumber,
    protocolStatus: c.protocolStatus,
    trackingCode: c.trackingCode,
    state: c.state,
    stateName: s.stateName,
    dueDate: c.dueDate,
    replayed: r.replayed,
  };
}

export async function casesRoutes(app: App, platform: Platform) {
  const { db } = platform;

  // ---- case types ---------------------------------------------------------------------------
  app.get(
    '/api/case-types',
    {
      config: { access: 'public' },
      schema: {
        tags: ['case-types'],
        summary: 'Case types citizens can file (active and public)',
        response: { 200: z.array(ZCaseTypeOut) },
      },
    },
    async (req) => (await listCaseTypes(db, req.tenant.id, { publicOnly: true })).map(caseTypeOut),
  );
  app.get(
    '/api/case-types/:key',
    {
      config: { access: 'public' },
      schema: {
        tags: ['case-types'],
        summary: 'One case type, its current version',
        params: z.object({ key: z.string().max(100) }),
        response: { 200: ZCaseTypeOut, 404: ZError },
      },
    },
    async (req) => {
      const t = await getCaseType(db, req.tenant.id, req.params.key);
      if (!t.active || !t.snapshot.public) throw new AppError('case_type.not_found', 404);
      return caseTypeOut(t);
    },
  );
  app.get(
    '/api/admin/case-types',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: { tags: ['case-types'], summary: 'All case types, inactive and private included', response: { 200: z.array(ZCaseTypeOut) } },
    },
    async (req) => (await listCaseTypes(db, req.tenant.id, { publicOnly: false })).map(caseTypeOut),
  );
  app.post(
    '/api/admin/case-types',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: { tags: ['case-types'], summary: 'Create a case type (version 1)', body: ZCaseTypeBody, response: { 201: ZCaseTypeOut } },
    },
    async (req, reply) => {
      const t = await db.transaction(async (tx) => {
        const created = await createCaseType(tx, req.tenant.id, req.body, 'userId' in req.actor ? req.actor.userId : undefined);
        await audit(tx, req, { action: 'case_type.create', entity: 'case_type', entityId: created.id, data: { key: created.key } });
        return created;
      });
      return reply.status(201).send(caseTypeOut(t));
    },
  );
  app.put(
    '/api/admin/case-types/:id',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: {
        tags: ['case-types'],
        summary: 'Edit a case type: makes a new version; filed cases keep theirs',
        params: ZId,
        body: ZCaseTypeUpdateBody,
        response: { 200: ZCaseTypeOut },
      },
    },
    async (req) => {
      const t = await db.transaction(async (tx) => {
        const updated = await updateCaseType(
          tx,
          req.tenant.id,
          req.params.id,
          req.body,
          'userId' in req.actor ? req.actor.userId : undefined,
        );
        await audit(tx, req, { action: 'case_type.update', entity: 'case_type', entityId: updated.id, data: { version: updated.version } });
        return updated;
      });
      return caseTypeOut(t);
    },
  );
  app.get(
    '/api/admin/case-types/:id/versions',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: {
        tags: ['case-types'],
        summary: 'Every version of a case type, newest first',
        params: ZId,
        response: { 200: z.array(z.object({ id: z.uuid(), version: z.number().int(), snapshot: ZCaseTypeSnapshot, createdAt: z.date() })) },
      },
    },
    async (req) => {
      await getCaseType(db, req.tenant.id, req.params.id);
      return (await listVersions(db, req.tenant.id, req.params.id)).map((v) => ({
        id: v.id,
        version: v.version,
        snapshot: v.snapshot,
        createdAt: v.createdAt,
      }));
    },
  );

  // ---- workflows ----------------------------------------------------------------------------
  app.get(
    '/api/workflows',
    {
      config: { access: 'staff' },
      schema: { tags: ['workflows'], summary: 'Workflows as diagrams', response: { 200: z.array(ZDiagram) } },
    },
    async (req) => (await listWorkflows(db, req.tenant.id)).map((w) => workflowDiagram(w)),
  );
  app.get(
    '/api/workflows/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['workflows'],
        summary: 'One workflow as a diagram (id or key)',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: ZDiagram },
      },
    },
    async (req) => workflowDiagram(await getWorkflow(db, req.tenant.id, req.params.id)),
  );
  app.post(
    '/api/admin/workflows',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: { tags: ['workflows'], summary: 'Create a workflow', body: ZWorkflowBody, response: { 201: ZDiagram } },
    },
    async (req, reply) => {
      const w = await db.transaction(async (tx) => {
        const row = await createWorkflow(tx, req.tenant.id, req.body);
        await audit(tx, req, { action: 'workflow.create', entity: 'workflow', entityId: row.id, data: { key: row.key } });
        return row;
      });
      return reply.status(201).send(workflowDiagram(w));
    },
  );
  app.put(
    '/api/admin/workflows/:id',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: {
        tags: ['workflows'],
        summary: 'Edit a workflow (validated: one initial state, all reachable)',
        params: ZId,
        body: ZWorkflowBody.omit({ key: true }),
        response: { 200: ZDiagram },
      },
    },
    async (req) => {
      const w = await db.transaction(async (tx) => {
        const inUse = await tx
          .selectDistinct({ state: cases.state })
          .from(cases)
          .where(and(eq(cases.tenantId, req.tenant.id), eq(cases.workflowId, req.params.id)));
        const row = await updateWorkflow(
          tx,
          req.tenant.id,
          req.params.id,
          req.body,
          inUse.map((s) => s.state),
        );
        await audit(tx, req, { action: 'workflow.update', entity: 'workflow', entityId: row.id, data: { revision: row.revision } });
        return row;
      });
      return workflowDiagram(w);
    },
  );
  app.get(
    '/api/cases/:id/workflow',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags: ['workflows'],
        summary: "A case's workflow as a diagram with its current state",
        params: ZId,
        response: { 200: ZDiagram },
      },
    },
    async (req) => {
      const { c } = await caseForStaff(db, req, req.params.id, 'cases.read');
      return workflowDiagram(await getWorkflow(db, req.tenant.id, c.workflowId), c.state);
    },
  );

  // ---- submission ---------------------------------------------------------------------------
  app.post(
    '/api/cases',
    {
      config: { access: 'device' },
      schema: {
        tags: ['cases'],
        summary: 'File a case (citizen app, web, kiosk, API). Send an Idempotency-Key header so a retry returns the same case.',
        headers: ZIdempotencyHeaders,
        body: ZSubmitCaseBody,
        response: { 201: ZSubmitted, 200: ZSubmitted },
      },
    },
    async (req, reply) => {
      const r = await submitCase(platform, req, req.body, {
        intake: false,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      return reply.status(r.replayed ? 200 : 201).send(await submittedOut(db, req.tenant.id, r));
    },
  );
  app.post(
    '/api/cases/intake',
    {
      config: { access: 'perm:cases.intake' },
      schema: {
        tags: ['cases'],
        summary: 'Staff file a case for a citizen (phone, counter)',
        headers: ZIdempotencyHeaders,
        body: ZIntakeCaseBody,
        response: { 201: ZSubmitted, 200: ZSubmitted },
      },
    },
    async (req, reply) => {
      const r = await submitCase(platform, req, req.body, {
        intake: true,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      return reply.status(r.replayed ? 200 : 201).send(await submittedOut(db, req.tenant.id, r));
    },
  );

  // ---- staff lists and handling -------------------------------------------------------------
  app.get(
    '/api/cases',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Cases of my units: filters, Greek text search, sorting, cursor pages, counts per state category',
        querystring: ZCaseListQuery,
        response: {
          200: z.object({
            items: z.array(ZCaseSummary),
            nextCursor: z.string().nullable(),
            counts: z
              .record(z.string(), z.number().int())
              .nullable()
              .describe('Per state category; null with a text search (q), where counting every match is too slow'),
            total: z.number().int().describe('With q: counted up to 100 (then capped is true)'),
            capped: z.boolean().describe('true when total is a lower bound (text search with more than 100 matches)'),
          }),
        },
      },
    },
    async (req) => listCases(db, req, req.query, platform.database),
  );
  app.get(
    '/api/cases/:id',
    {
      config: { access: 'perm:cases.read' },
      schema: { tags: ['cases'], summary: 'A case with its full timeline', params: ZId, response: { 200: ZCaseDetail, 404: ZError } },
    },
    async (req) => {
      const { c, tree } = await caseForStaff(db, req, req.params.id, 'cases.read');
      return staffDetail(db, req, c, tree);
    },
  );

  const verb = <B extends z.ZodType>(
    path: string,
    summary: string,
    perm: string,
    body: B,
    run: (ctx: { platform: Platform; req: FastifyRequest }, id: string, body: z.infer<B>) => Promise<TCaseRow>,
  ) =>
    app.post(
      `/api/cases/:id/${path}`,
      {
        config: { access: `perm:${perm}` },
        schema: { tags: ['cases'], summary, params: ZId, body, response: { 200: ZCaseDetail } },
      },
      async (req) => {
        const row = await run({ platform, req }, req.params.id, req.body as z.infer<B>);
        // answer with the case as written, even when the verb moved it out of the actor's units
        return staffDetail(db, req, row, await loadUnitTree(db, req.tenant.id));
      },
    );

  verb(
    'assign',
    'Assign to a unit and/or a person',
    'cases.assign',
    z.object({ unitId: z.uuid().nullable().optional(), assigneeId: z.uuid().nullable().optional() }),
    assignCase,
  );
  verb(
    'transition',
    'Take a workflow transition (roles and required comment checked)',
    'cases.handle',
    z.object({ transition: z.string().min(1).max(100), comment: z.string().max(5000).optional() }),
    transitionCase,
  );
  verb(
    'reply',
    'Reply in public (the citizen sees it), with attachments',
    'cases.handle',
    z.object({ body: z.string().min(1).max(10_000), fileIds: z.array(z.uuid()).max(20).default([]) }),
    replyToCase,
  );
  verb('notes', 'Add an internal note', 'cases.handle', z.object({ body: z.string().min(1).max(10_000) }), noteOnCase);
  verb(
    'request-info',
    'Ask the citizen for more information',
    'cases.handle',
    z.object({ message: z.string().min(1).max(5000) }),
    requestInfo,
  );
  verb(
    'merge',
    'Merge this duplicate into another case (followers carry over)',
    'cases.handle',
    z.object({ targetId: z.uuid() }),
    mergeCase,
  );
  verb('links', 'Link a related case', 'cases.handle', z.object({ relatedId: z.uuid() }), linkCases);
  verb('reopen', 'Reopen a closed case', 'cases.handle', z.object({ comment: z.string().max(5000).optional() }), reopenCase);
  app.patch(
    '/api/cases/:id',
    {
      config: { access: 'perm:cases.handle' },
      schema: {
        tags: ['cases'],
        summary: 'Set priority and tags',
        params: ZId,
        body: z.object({
          priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
          tags: z.array(z.string().min(1).max(50)).max(30).optional(),
        }),
        response: { 200: ZCaseDetail },
      },
    },
    async (req) => {
      const row = await updateCaseMeta({ platform, req }, req.params.id, req.body);
      const { c, tree } = await caseForStaff(db, req, row.id, 'cases.read');
      return staffDetail(db, req, c, tree);
    },
  );

  // ---- saved views --------------------------------------------------------------------------
  const ZView = z.object({ id: z.uuid(), name: z.string(), filters: z.record(z.string(), z.unknown()), createdAt: z.date() });
  const me = (req: FastifyRequest) => ('userId' in req.actor ? (req.actor.userId as string) : '');
  app.get(
    '/api/case-views',
    {
      config: { access: 'perm:cases.read' },
      schema: { tags: ['cases'], summary: 'My saved case lists', response: { 200: z.array(ZView) } },
    },
    async (req) =>
      db
        .select({ id: caseSavedViews.id, name: caseSavedViews.name, filters: caseSavedViews.filters, createdAt: caseSavedViews.createdAt })
        .from(caseSavedViews)
        .where(and(eq(caseSavedViews.tenantId, req.tenant.id), eq(caseSavedViews.userId, me(req))))
        .orderBy(caseSavedViews.name),
  );
  app.post(
    '/api/case-views',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Save a case list',
        body: z.object({ name: z.string().min(1).max(100), filters: ZCaseListQuery.omit({ cursor: true }).partial() }),
        response: { 201: ZView },
      },
    },
    async (req, reply) => {
      const [row] = await db
        .insert(caseSavedViews)
        .values({ tenantId: req.tenant.id, userId: me(req), name: req.body.name, filters: req.body.filters as Record<string, unknown> })
        .returning();
      if (!row) throw new Error('saved view insert failed');
      return reply.status(201).send({ id: row.id, name: row.name, filters: row.filters, createdAt: row.createdAt });
    },
  );
  app.delete(
    '/api/case-views/:id',
    {
      config: { access: 'perm:cases.read' },
      schema: { tags: ['cases'], summary: 'Delete a saved case list', params: ZId, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const gone = await db
        .delete(caseSavedViews)
        .where(and(eq(caseSavedViews.tenantId, req.tenant.id), eq(caseSavedViews.userId, me(req)), eq(caseSavedViews.id, req.params.id)))
        .returning({ id: caseSavedViews.id });
      if (!gone.length) throw new AppError('case_view.not_found', 404);
      return reply.status(204).send(null);
    },
  );

  // ---- tracking (citizens) ------------------------------------------------------------------
  const ZTrackQuery = z.object({ code: z.string().min(8).max(8), protocol: z.string().max(50).optional() });
  const ZAnswer = z.object({ body: z.string().min(1).max(10_000), fileIds: z.array(z.uuid()).max(20).default([]) });
  app.get(
    '/api/track',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['tracking'],
        summary: 'A case by protocol number and tracking code: state, public timeline, expected completion',
        querystring: ZTrackQuery,
        response: { 200: ZCitizenCase, 404: ZError },
      },
    },
    async (req) => citizenView(db, await findByTracking(db, req.tenant.id, req.query.code, req.query.protocol)),
  );
  app.post(
    '/api/track/answer',
    {
      config: { access: 'device', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['tracking'],
        summary: 'Answer a request for information, by protocol number and tracking code',
        body: ZAnswer.extend(ZTrackQuery.shape),
        response: { 200: ZCitizenCase },
      },
    },
    async (req) => {
      const c = await findByTracking(db, req.tenant.id, req.body.code, req.body.protocol);
      const row = await citizenAnswer(platform, req.actor, req.tenant.id, c.id, req.body);
      return citizenView(db, row);
    },
  );
  app.post(
    '/api/track/reopen',
    {
      config: { access: 'device', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['tracking'],
        summary: '"Not fixed": reopen a resolved case, by protocol number and tracking code',
        body: ZCitizenReopenBody.extend(ZTrackQuery.shape),
        response: { 200: ZCitizenCase },
      },
    },
    async (req) => {
      const c = await findByTracking(db, req.tenant.id, req.body.code, req.body.protocol);
      return citizenView(db, await citizenReopen(platform, requestContext(req), c.id, req.body));
    },
  );
  app.post(
    '/api/track/rating',
    {
      config: { access: 'device', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['tracking'],
        summary: 'Rate the service of a finished case (1–5 and a comment, once), by protocol number and tracking code',
        body: ZRatingBody.extend(ZTrackQuery.shape),
        response: { 200: ZCitizenCase },
      },
    },
    async (req) => {
      const c = await findByTracking(db, req.tenant.id, req.body.code, req.body.protocol);
      return citizenView(db, await rateCase(platform, requestContext(req), c.id, req.body));
    },
  );
  const ZMine = ZCitizenCase.pick({
    id: true,
    protocolNumber: true,
    protocolStatus: true,
    trackingCode: true,
    title: true,
    caseType: true,
    state: true,
    stateName: true,
    stateCategory: true,
    submittedAt: true,
    dueDate: true,
  });
  app.get(
    '/api/my/cases',
    {
      config: { access: 'device' },
      schema: {
        tags: ['tracking'],
        summary: 'My cases: from this device, my other devices, my account, or followed',
        response: { 200: z.array(ZMine) },
      },
    },
    async (req) => myCases(db, req.tenant.id, req.actor, platform.database),
  );
  app.get(
    '/api/my/cases/:id',
    {
      config: { access: 'device' },
      schema: { tags: ['tracking'], summary: 'One of my cases', params: ZId, response: { 200: ZCitizenCase, 404: ZError } },
    },
    async (req) => citizenView(db, await myCase(db, req.tenant.id, req.actor, req.params.id)),
  );
  app.post(
    '/api/my/cases/:id/answer',
    {
      config: { access: 'device' },
      schema: {
        tags: ['tracking'],
        summary: 'Answer a request for information on one of my cases',
        params: ZId,
        body: ZAnswer,
        response: { 200: ZCitizenCase },
      },
    },
    async (req) => {
      const c = await myCase(db, req.tenant.id, req.actor, req.params.id);
      const row = await citizenAnswer(platform, req.actor, req.tenant.id, c.id, req.body);
      return citizenView(db, row);
    },
  );
  app.post(
    '/api/my/cases/:id/reopen',
    {
      config: { access: 'device' },
      schema: {
        tags: ['tracking'],
        summary: '"Not fixed": reopen one of my resolved cases, saying what is still wrong',
        params: ZId,
        body: ZCitizenReopenBody,
        response: { 200: ZCitizenCase },
      },
    },
    async (req) => {
      const c = await myCase(db, req.tenant.id, req.actor, req.params.id);
      return citizenView(db, await citizenReopen(platform, requestContext(req), c.id, req.body));
    },
  );
  app.post(
    '/api/my/cases/:id/rating',
    {
      config: { access: 'device' },
      schema: {
        tags: ['tracking'],
        summary: 'Rate the service of one of my finished cases (1–5 and a comment, once per case)',
        params: ZId,
        body: ZRatingBody,
        response: { 200: ZCitizenCase },
      },
    },
    async (req) => {
      const c = await myCase(db, req.tenant.id, req.actor, req.params.id);
      return citizenView(db, await rateCase(platform, requestContext(req), c.id, req.body));
    },
  );
}
