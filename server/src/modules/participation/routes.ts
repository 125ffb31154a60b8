import { and, desc, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { isValidAfm } from '../forms/index.js';
import { budgetResults, castBallot, createBudget, getBudget, projectProgress, setBudgetStatus, updateProgress } from './budget.service.js';
import {
  addComment,
  answerComment,
  createConsultation,
  getConsultation,
  listArticles,
  listComments,
  phaseOf,
  publishReport,
  reportData,
  type TConsultation,
  takeStance,
  updateConsultation,
  voteComment,
} from './consultation.service.js';
import { athens } from './cursor.js';
import { listRatingComments, rate, ratingSummary } from './evaluation.service.js';
import { addIdea, createIdeaCall, getIdeaCall, listIdeaCalls, listIdeas, supportIdea } from './idea.service.js';
import { moderate, moderationQueue, reportItem } from './moderation.service.js';
import * as M from './participation.model.js';
import { createProposal, getProposal, listProposals, supportProposal, updateProposal } from './proposal.service.js';
import { reportCsv, reportPdf } from './report.export.js';
import { budgets, consultations, residents, surveys } from './schema.js';
import { createSurvey, getSurvey, respond, setSurveyStatus, surveyResults } from './survey.service.js';
import { rateKey } from './verification.js';

const TAG = ['participation'];
const MANAGE = 'perm:participation.manage' as const;
const MODERATE = 'perm:participation.moderate' as const;
/** Writes by citizens: per person (or device), so one abuser cannot crowd out a building sharing an address. */
const limit = (max: number) => ({ rateLimit: { max, timeWindow: 60_000, keyGenerator: rateKey } });

const consultationOut = (c: TConsultation) => ({ ...c, status: phaseOf(c), closesAtLocal: athens(c.closesAt) });
const surveyOut = (s: Awaited<ReturnType<typeof getSurvey>>) => ({
  ...s.survey,
  questions: s.questions.map((q) => ({ ...q, required: q.required === 1 })),
});
const budgetOut = (b: Awaited<ReturnType<typeof getBudget>>) => ({ ...b.budget, projects: b.projects });

export async function participationRoutes(app: App, platform: Platform) {
  const { db } = platform;

  // ---- consultations --------------------------------------------------------------------------
  app.get(
    '/api/participation/consultations',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'Published consultations, newest first', response: { 200: z.array(M.ZConsultation) } },
    },
    async (req) => {
      const staff = can(req.actor, 'participation.manage');
      const rows = await db
        .select()
        .from(consultations)
        .where(eq(consultations.tenantId, req.tenant.id))
        .orderBy(desc(consultations.createdAt))
        .limit(200);
      return rows.filter((c) => staff || c.status !== 'draft').map(consultationOut);
    },
  );
  app.get(
    '/api/participation/consultations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'A consultation with its articles',
        params: M.ZId,
        response: { 200: M.ZConsultationDetail, 404: M.ZError },
      },
    },
    async (req) => {
      const c = await getConsultation(db, req.tenant.id, req.params.id, { staff: can(req.actor, 'participation.manage') });
      return { ...consultationOut(c), articles: await listArticles(db, c.id) };
    },
  );
  app.post(
    '/api/participation/consultations',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Create a consultation from a draft in Markdown or structured text (split into articles)',
        body: M.ZCreateConsultationBody,
        response: { 201: M.ZConsultationDetail },
      },
    },
    async (req, reply) => {
      const c = await createConsultation(db, requestContext(req), req.body);
      return reply.status(201).send({ ...consultationOut(c), articles: await listArticles(db, c.id) });
    },
  );
  app.post(
    '/api/participation/consultations/:id/state',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Publish, close, or move the deadline of a consultation',
        params: M.ZId,
        body: M.ZUpdateConsultationBody,
        response: { 200: M.ZConsultation },
      },
    },
    async (req) => consultationOut(await updateConsultation(db, requestContext(req), req.params.id, req.body)),
  );
  app.get(
    '/api/participation/consultations/:id/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'A page of comments (top-level, of an article, or replies), by cursor',
        params: M.ZId,
        querystring: M.ZCommentQuery,
        response: { 200: M.ZCommentPage },
      },
    },
    async (req) => {
      const c = await getConsultation(db, req.tenant.id, req.params.id);
      return listComments(db, req.tenant.id, c.id, req.query);
    },
  );
  app.post(
    '/api/participation/consultations/:id/comments',
    {
      config: { access: 'device', ...limit(10) },
      schema: {
        tags: TAG,
        summary: 'Comment on the consultation, an article, a passage of it, or reply to a comment',
        params: M.ZId,
        body: M.ZNewCommentBody,
        response: { 201: M.ZComment },
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(db, requestContext(req), req.params.id, req.body)),
  );
  app.post(
    '/api/participation/consultations/:id/stance',
    {
      config: { access: 'device', ...limit(10) },
      schema: {
        tags: TAG,
        summary: 'Support or oppose the draft, once per person',
        params: M.ZId,
        body: z.object({ stance: z.enum(['support', 'oppose']) }),
        response: { 200: M.ZConsultation },
      },
    },
    async (req) => consultationOut(await takeStance(db, requestContext(req), req.params.id, req.body.stance)),
  );
  app.post(
    '/api/participation/comments/:id/vote',
    {
      config: { access: 'device', ...limit(60) },
      schema: {
        tags: TAG,
        summary: 'Up (1), down (−1) or withdraw (0) a vote on a comment',
        params: M.ZId,
        body: z.object({ value: z.union([z.literal(1), z.literal(0), z.literal(-1)]) }),
        response: { 200: M.ZComment },
      },
    },
    async (req) => voteComment(db, requestContext(req), req.params.id, req.body.value),
  );
  app.post(
    '/api/participation/comments/:id/answer',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Answer a comment after closing: accepted, partly or rejected, with the reason',
        params: M.ZId,
        body: z.object({ status: z.enum(['accepted', 'partly', 'rejected']), text: z.string().trim().min(2).max(5000) }),
        response: { 200: M.ZComment },
      },
    },
    async (req) => answerComment(db, requestContext(req), req.params.id, req.body),
  );
  app.post(
    '/api/participation/consultations/:id/report',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Publish the report (every comment answered)',
        params: M.ZId,
        body: z.object({ summary: z.string().trim().max(20000).default('') }),
        response: { 200: M.ZConsultation, 409: M.ZError },
      },
    },
    async (req) => consultationOut(await publishReport(db, requestContext(req), req.params.id, req.body.summary)),
  );
  app.get(
    '/api/participation/consultations/:id/report',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'The published report: every comment with its answer',
        params: M.ZId,
        response: { 200: M.ZConsultationDetail.extend({ comments: z.array(M.ZComment.extend({ hidden: z.boolean() })) }) },
      },
    },
    async (req) => {
      const r = await reportData(db, requestContext(req), req.params.id);
      return {
        ...consultationOut(r.consultation),
        articles: r.articles,
        comments: r.comments.map((c) => ({ ...c, body: c.hiddenAt ? '' : c.body, hidden: Boolean(c.hiddenAt) })),
      };
    },
  );
  app.get(
    '/api/participation/consultations/:id/report.csv',
    { config: { access: 'public' }, schema: { tags: TAG, summary: 'The report as CSV (UTF-8 with BOM)', params: M.ZId } },
    async (req, reply) => {
      const r = await reportData(db, requestContext(req), req.params.id);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="consultation-${r.consultation.id}.csv"`);
      return reportCsv(r, req.lang);
    },
  );
  app.get(
    '/api/participation/consultations/:id/report.pdf',
    { config: { access: 'public' }, schema: { tags: TAG, summary: 'The report as PDF', params: M.ZId } },
    async (req, reply) => {
      const r = await reportData(db, requestContext(req), req.params.id);
      const pdf = await reportPdf(r, req.lang, req.lang === 'el' ? req.tenant.nameEl : req.tenant.nameEn);
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="consultation-${r.consultation.id}.pdf"`);
      return reply.send(pdf);
    },
  );

  // ---- proposals ------------------------------------------------------------------------------
  app.get(
    '/api/participation/proposals',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Proposals, newest first',
        querystring: M.ZPageQuery,
        response: { 200: z.object({ items: z.array(M.ZProposal), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listProposals(db, req.tenant.id, req.query),
  );
  app.get(
    '/api/participation/proposals/:id',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'One proposal', params: M.ZId, response: { 200: M.ZProposal, 404: M.ZError } },
    },
    async (req) => {
      const p = await getProposal(db, req.tenant.id, req.params.id);
      if (p.hiddenAt) throw new AppError('participation.not_found', 404);
      return p;
    },
  );
  app.post(
    '/api/participation/proposals',
    {
      config: { access: 'citizen', ...limit(5) },
      schema: {
        tags: TAG,
        summary: 'File a proposal',
        body: z.object({ title: z.string().trim().min(5).max(300), body: z.string().trim().min(10).max(20000) }),
        response: { 201: M.ZProposal },
      },
    },
    async (req, reply) => reply.status(201).send(await createProposal(db, requestContext(req), req.body)),
  );
  app.post(
    '/api/participation/proposals/:id/support',
    {
      config: { access: 'device', ...limit(30) },
      schema: { tags: TAG, summary: 'Support a proposal, once per person', params: M.ZId, response: { 200: M.ZProposal } },
    },
    async (req) => supportProposal(platform, requestContext(req), req.params.id),
  );
  app.patch(
    '/api/participation/proposals/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Set the threshold or verification, or answer the proposal',
        params: M.ZId,
        body: z.object({
          threshold: z.number().int().min(1).optional(),
          verification: M.ZVerification.optional(),
          answer: z.string().trim().min(2).max(20000).optional(),
        }),
        response: { 200: M.ZProposal },
      },
    },
    async (req) => updateProposal(db, requestContext(req), req.params.id, req.body),
  );

  // ---- surveys --------------------------------------------------------------------------------
  app.get(
    '/api/participation/surveys',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'Open and closed surveys', response: { 200: z.array(M.ZSurvey.omit({ questions: true })) } },
    },
    async (req) => {
      const rows = await db.select().from(surveys).where(eq(surveys.tenantId, req.tenant.id)).orderBy(desc(surveys.createdAt)).limit(200);
      return rows.filter((s) => s.status !== 'draft' || can(req.actor, 'participation.manage'));
    },
  );
  app.get(
    '/api/participation/surveys/:id',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'A survey and its questions', params: M.ZId, response: { 200: M.ZSurvey, 404: M.ZError } },
    },
    async (req) => surveyOut(await getSurvey(db, req.tenant.id, req.params.id, can(req.actor, 'participation.manage'))),
  );
  app.post(
    '/api/participation/surveys',
    {
      config: { access: MANAGE },
      schema: { tags: TAG, summary: 'Create a survey', body: M.ZCreateSurveyBody, response: { 201: M.ZSurvey } },
    },
    async (req, reply) => {
      const s = await createSurvey(db, requestContext(req), req.body);
      return reply.status(201).send(surveyOut(await getSurvey(db, req.tenant.id, s.id, true)));
    },
  );
  app.post(
    '/api/participation/surveys/:id/state',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Open or close a survey',
        params: M.ZId,
        body: z.object({ status: z.enum(['open', 'closed']) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await setSurveyStatus(db, requestContext(req), req.params.id, req.body.status);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/participation/surveys/:id/responses',
    {
      config: { access: 'device', ...limit(10) },
      schema: {
        tags: TAG,
        summary: 'Answer a survey, once per person',
        params: M.ZId,
        body: M.ZSurveyAnswerBody,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await respond(db, requestContext(req), req.params.id, req.body.answers)),
  );
  app.get(
    '/api/participation/surveys/:id/results',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Aggregates for charts: per option, scale histogram and mean',
        params: M.ZId,
        response: { 200: M.ZSurveyResults },
      },
    },
    async (req) => surveyResults(db, req.tenant.id, req.params.id, can(req.actor, 'participation.manage')),
  );

  // ---- participatory budgets ------------------------------------------------------------------
  app.get(
    '/api/participation/budgets',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'Participatory budgets', response: { 200: z.array(M.ZBudget.omit({ projects: true })) } },
    },
    async (req) => {
      const rows = await db.select().from(budgets).where(eq(budgets.tenantId, req.tenant.id)).orderBy(desc(budgets.createdAt)).limit(200);
      return rows.filter((b) => b.status !== 'draft' || can(req.actor, 'participation.manage'));
    },
  );
  app.get(
    '/api/participation/budgets/:id',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'A budget and its projects', params: M.ZId, response: { 200: M.ZBudget, 404: M.ZError } },
    },
    async (req) => budgetOut(await getBudget(db, req.tenant.id, req.params.id, can(req.actor, 'participation.manage'))),
  );
  app.post(
    '/api/participation/budgets',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Create a participatory budget with its projects',
        body: M.ZCreateBudgetBody,
        response: { 201: M.ZBudget },
      },
    },
    async (req, reply) => {
      const b = await createBudget(db, requestContext(req), req.body);
      return reply.status(201).send(budgetOut(await getBudget(db, req.tenant.id, b.id, true)));
    },
  );
  app.post(
    '/api/participation/budgets/:id/state',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Open or close voting',
        params: M.ZId,
        body: z.object({ status: z.enum(['open', 'closed']) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await setBudgetStatus(db, requestContext(req), req.params.id, req.body.status);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/participation/budgets/:id/ballots',
    {
      config: { access: 'device', ...limit(10) },
      schema: {
        tags: TAG,
        summary: 'Vote: projects within the budget, or up to N projects; once per person',
        params: M.ZId,
        body: z.object({ projectIds: z.array(z.uuid()).max(200) }),
        response: { 201: z.object({ ballotId: z.uuid(), projectIds: z.array(z.uuid()) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await castBallot(db, requestContext(req), req.params.id, req.body.projectIds)),
  );
  app.get(
    '/api/participation/budgets/:id/results',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Ranked projects and the winners chosen greedily within the budget',
        params: M.ZId,
        response: { 200: M.ZBudgetResults },
      },
    },
    async (req) => budgetResults(db, req.tenant.id, req.params.id, can(req.actor, 'participation.manage')),
  );
  app.get(
    '/api/participation/projects/:id/progress',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Accountability: milestones and dated updates of a project',
        params: M.ZId,
        response: { 200: M.ZProgress },
      },
    },
    async (req) => projectProgress(db, req.tenant.id, req.params.id),
  );
  app.post(
    '/api/participation/projects/:id/progress',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Report progress: status, percent, milestones, a dated update',
        params: M.ZId,
        body: M.ZProgressBody,
        response: { 200: M.ZProgress },
      },
    },
    async (req) => {
      await updateProgress(db, requestContext(req), req.params.id, req.body);
      return projectProgress(db, req.tenant.id, req.params.id);
    },
  );

  // ---- evaluations ----------------------------------------------------------------------------
  app.post(
    '/api/participation/evaluations',
    {
      config: { access: 'device', ...limit(10) },
      schema: {
        tags: TAG,
        summary: 'Rate a municipal service or action 1–5, once per person',
        body: M.ZRateBody,
        response: { 201: z.object({ id: z.uuid(), rating: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const r = await rate(db, requestContext(req), req.body);
      return reply.status(201).send({ id: r.id, rating: r.rating });
    },
  );
  app.get(
    '/api/participation/evaluations/summary',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Count, mean and histogram of the ratings of a target',
        querystring: M.ZTarget,
        response: { 200: M.ZRatingSummary },
      },
    },
    async (req) => ratingSummary(db, req.tenant.id, req.query.targetKind, req.query.targetRef),
  );
  app.get(
    '/api/participation/evaluations',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Rating comments of a target, newest first',
        querystring: M.ZTarget.extend(M.ZPageQuery.shape),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), rating: z.number().int(), comment: z.string().nullable(), createdAt: z.date() })),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => listRatingComments(db, req.tenant.id, req.query),
  );

  // ---- ideas on the map -----------------------------------------------------------------------
  app.post(
    '/api/participation/idea-calls',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Open a call for needs and ideas',
        body: M.ZCreateIdeaCallBody,
        response: { 201: z.object({ id: z.uuid(), status: z.string() }) },
      },
    },
    async (req, reply) => {
      const c = await createIdeaCall(db, requestContext(req), req.body);
      return reply.status(201).send({ id: c.id, status: c.status });
    },
  );
  app.get(
    '/api/participation/idea-calls',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Published calls for needs and ideas, newest first',
        response: {
          200: z.array(z.object({ id: z.uuid(), title: z.string(), description: z.string(), status: z.string(), closesAt: z.date() })),
        },
      },
    },
    async (req) => listIdeaCalls(db, req.tenant.id),
  );
  app.get(
    '/api/participation/idea-calls/:id/ideas',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'The pins of a call, most supported first',
        params: M.ZId,
        response: {
          200: z.object({
            call: z.object({ id: z.uuid(), title: z.string(), description: z.string(), status: z.string(), closesAt: z.date() }),
            ideas: z.array(M.ZIdea),
          }),
        },
      },
    },
    async (req) => ({
      call: await getIdeaCall(db, req.tenant.id, req.params.id),
      ideas: await listIdeas(db, req.tenant.id, req.params.id),
    }),
  );
  app.post(
    '/api/participation/idea-calls/:id/ideas',
    {
      config: { access: 'device', ...limit(5) },
      schema: {
        tags: TAG,
        summary: 'Pin a need or idea inside the municipality',
        params: M.ZId,
        body: M.ZIdeaBody,
        response: { 201: M.ZIdea },
      },
    },
    async (req, reply) => reply.status(201).send(await addIdea(db, requestContext(req), req.params.id, req.body)),
  );
  app.post(
    '/api/participation/ideas/:id/support',
    {
      config: { access: 'device', ...limit(30) },
      schema: { tags: TAG, summary: 'Support an idea, once per person', params: M.ZId, response: { 200: M.ZIdea } },
    },
    async (req) => supportIdea(db, requestContext(req), req.params.id),
  );

  // ---- reports and moderation -----------------------------------------------------------------
  app.post(
    '/api/participation/:kind/:id/abuse-reports',
    {
      config: { access: 'device', ...limit(20) },
      schema: {
        tags: TAG,
        summary: 'Report a comment, proposal, idea or rating as abusive',
        params: z.object({ kind: M.ZReportable, id: z.uuid() }),
        body: M.ZReportBody,
        response: { 201: z.object({ reportCount: z.number().int(), hidden: z.boolean() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await reportItem(db, requestContext(req), req.params.kind, req.params.id, req.body.reason)),
  );
  app.get(
    '/api/participation/moderation',
    {
      config: { access: MODERATE },
      schema: {
        tags: TAG,
        summary: 'The moderation queue: reported or hidden items',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.array(
            z.object({
              kind: M.ZReportable,
              id: z.uuid(),
              text: z.string(),
              reportCount: z.number().int(),
              hidden: z.boolean(),
              hiddenReason: z.string().nullable(),
              createdAt: z.date(),
              reasons: z.array(z.string()),
            }),
          ),
        },
      },
    },
    async (req) => moderationQueue(db, req.tenant.id, req.query.limit),
  );
  app.post(
    '/api/participation/moderation/:kind/:id',
    {
      config: { access: MODERATE },
      schema: {
        tags: TAG,
        summary: 'Hide or restore an item, with the reason (audited)',
        params: z.object({ kind: M.ZReportable, id: z.uuid() }),
        body: M.ZModerateBody,
        response: { 200: z.object({ id: z.uuid(), hidden: z.boolean() }) },
      },
    },
    async (req) => moderate(db, requestContext(req), req.params.kind, req.params.id, req.body.action, req.body.reason),
  );

  // ---- residency registry ---------------------------------------------------------------------
  app.post(
    '/api/participation/residents',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Confirm a resident, by user (checked by staff) or by ΑΦΜ (from the municipal roll)',
        body: M.ZResidentBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { userId, afm } = req.body;
      if (!userId && !afm) throw new AppError('validation.failed', 400, {}, [{ field: 'userId', code: 'validation.required' }]);
      if (afm && !isValidAfm(afm)) throw new AppError('validation.failed', 400, {}, [{ field: 'afm', code: 'participation.invalid_afm' }]);
      await db.transaction(async (tx) => {
        await tx
          .insert(residents)
          .values({
            tenantId: req.tenant.id,
            userId: userId ?? null,
            afm: afm ?? null,
            source: userId ? 'staff' : 'registry',
            confirmedBy: 'userId' in req.actor ? req.actor.userId : null,
          })
          .onConflictDoNothing();
        await audit(tx, req, { action: 'participation.resident.confirm', entity: 'user', entityId: userId, data: { byAfm: Boolean(afm) } });
      });
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/participation/residents/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags: TAG,
        summary: 'Withdraw a confirmation of residency (by user id, or by the id of the registry row)',
        params: M.ZId,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        await tx
          .delete(residents)
          .where(and(eq(residents.tenantId, req.tenant.id), or(eq(residents.userId, req.params.id), eq(residents.id, req.params.id))));
        await audit(tx, req, { action: 'participation.resident.withdraw', entity: 'user', entityId: req.params.id });
      });
      return reply.status(204).send(null);
    },
  );
}
