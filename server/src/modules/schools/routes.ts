import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import {
  CASE_CHANNELS,
  citizenAnswer,
  citizenReopen,
  citizenView,
  requesterConfirm,
  STATE_CATEGORIES,
  ZCitizenCase,
  ZCitizenReopenBody,
} from '../cases/index.js';
import { reportCsv, reportPdf } from './report.js';
import { ensureRequestTypes, REQUEST_KINDS, ZRequestTypeUnits } from './request-types.js';
import {
  fileRequest,
  listSchoolRequests,
  requestTypes,
  schoolCase,
  syncSubscriptions,
  ZListQuery,
  ZRequestBody,
} from './requests.service.js';
import {
  createSchool,
  deleteSchool,
  getSchoolRow,
  listSchools,
  schoolOfOrg,
  schoolPeople,
  schoolView,
  updateSchool,
  ZSchool,
  ZSchoolBody,
  ZSchoolPatch,
  ZSchoolQuery,
} from './school.service.js';
import { openRequestsMap, schoolStats, yearReport, ZFigures, ZMap, ZStats } from './stats.service.js';

const tags = ['schools'];
const ZId = z.object({ id: z.uuid() });
const ZError = z.object({ code: z.string(), message: z.string() });
const ZLocalized = z.object({ el: z.string(), en: z.string() });

const ZPerson = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  role: z.enum(['principal', 'deputy']),
  disabled: z.boolean(),
  invitationPending: z.boolean(),
});

const ZRequestItem = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  title: z.string(),
  kind: z.enum(REQUEST_KINDS).nullable(),
  caseType: z.object({ key: z.string(), name: ZLocalized }),
  state: z.string(),
  stateName: ZLocalized,
  stateCategory: z.enum(STATE_CATEGORIES),
  channel: z.enum(CASE_CHANNELS),
  unitId: z.uuid().nullable(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  dueDate: z.string().nullable(),
  expectedDate: z
    .string()
    .nullable()
    .describe('When it is expected to be done (history of the type, else the due date); null when finished'),
  overdue: z.boolean(),
  submittedAt: z.date(),
  resolvedAt: z.date().nullable(),
});

const ZRequestType = z.object({
  kind: z.enum(REQUEST_KINDS),
  key: z.string(),
  name: ZLocalized,
  form: z.object({ fields: z.array(z.record(z.string(), z.unknown())) }),
  slaDays: z.number().int().nullable(),
  defaultUnitId: z.uuid().nullable(),
  routing: z.array(z.record(z.string(), z.unknown())),
});

const ZSubmitted = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  unitId: z.uuid().nullable(),
  replayed: z.boolean(),
});

const ZAnswer = z.object({ body: z.string().trim().min(1).max(10_000), fileIds: z.array(z.uuid()).max(20).default([]) });
const ZConfirm = z.object({ comment: z.string().trim().max(2000).optional() });
const ZYear = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const ZReportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const itemOut = (c: Awaited<ReturnType<typeof listSchoolRequests>>[number]) => ({
  id: c.id,
  protocolNumber: c.protocolNumber,
  title: c.title,
  kind: c.kind,
  caseType: { key: c.caseType.key, name: c.caseType.name },
  state: c.state,
  stateName: c.stateName,
  stateCategory: c.stateCategory,
  channel: c.channel,
  unitId: c.unitId,
  priority: c.priority,
  dueDate: c.dueDate,
  expectedDate: c.expectedDate,
  overdue: c.overdue,
  submittedAt: c.submittedAt,
  resolvedAt: c.resolvedAt,
});

/** The school of the signed-in principal or deputy; anyone else is refused. */
async function mySchool(db: DbOrTx, req: FastifyRequest) {
  const a = req.actor;
  if (a.kind !== 'partner') throw new AppError('auth.forbidden', 403);
  const s = await schoolOfOrg(db, req.tenant.id, a.partnerOrgId);
  if (!s) throw new AppError('school.not_linked', 403);
  return s;
}

export async function schoolsRoutes(app: App, platform: Platform) {
  const { db } = platform;

  // ---- registry (staff) -------------------------------------------------------------------
  app.get(
    '/api/schools',
    {
      config: { access: 'perm:schools.read' },
      schema: {
        tags,
        summary: 'The schools registry',
        querystring: ZSchoolQuery,
        response: { 200: z.object({ items: z.array(ZSchool) }) },
      },
    },
    async (req) => ({ items: (await listSchools(db, req.tenant.id, req.query)).map(schoolView) }),
  );
  app.post(
    '/api/schools',
    {
      config: { access: 'perm:schools.manage' },
      schema: {
        tags,
        summary: 'Add a school (its partner organisation is made unless an existing one is given)',
        body: ZSchoolBody,
        response: { 201: ZSchool },
      },
    },
    async (req, reply) => reply.status(201).send(await createSchool(db, requestContext(req), req.body)),
  );
  app.get(
    '/api/schools/:id',
    {
      config: { access: 'perm:schools.read' },
      schema: {
        tags,
        summary: 'One school with its principal and deputies (partner users) and its figures',
        params: ZId,
        response: { 200: ZSchool.extend({ people: z.array(ZPerson), figures: ZFigures }), 404: ZError },
      },
    },
    async (req) => {
      const row = await getSchoolRow(db, req.tenant.id, req.params.id);
      const stats = await schoolStats(db, req.tenant.id);
      const figures = stats.bySchool.find((s) => s.schoolId === row.id)?.figures ?? stats.totals;
      return { ...schoolView(row), people: await schoolPeople(db, req.tenant.id, row), figures };
    },
  );
  app.patch(
    '/api/schools/:id',
    {
      config: { access: 'perm:schools.manage' },
      schema: { tags, summary: 'Edit a school', params: ZId, body: ZSchoolPatch, response: { 200: ZSchool, 404: ZError } },
    },
    async (req) => updateSchool(db, requestContext(req), req.params.id, req.body),
  );
  app.delete(
    '/api/schools/:id',
    {
      config: { access: 'perm:schools.manage' },
      schema: {
        tags,
        summary: 'Remove a school that has no requests (otherwise deactivate it)',
        params: ZId,
        response: { 204: z.null(), 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      await deleteSchool(db, requestContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/schools/:id/requests',
    {
      config: { access: 'perm:schools.read' },
      schema: {
        tags,
        summary: "A school's requests with state, due and expected dates (handle them in the cases screens)",
        params: ZId,
        querystring: ZListQuery,
        response: { 200: z.object({ items: z.array(ZRequestItem) }), 404: ZError },
      },
    },
    async (req) => {
      const row = await getSchoolRow(db, req.tenant.id, req.params.id);
      return { items: (await listSchoolRequests(db, req.tenant.id, row.id, req.query.status)).map(itemOut) };
    },
  );

  app.post(
    '/api/schools/:id/requests',
    {
      config: { access: 'perm:cases.intake' },
      schema: {
        tags,
        summary: 'File a request for a school (it phoned); its principal and deputies follow it as if they had filed it',
        params: ZId,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).loose(),
        body: ZRequestBody,
        response: { 201: ZSubmitted, 200: ZSubmitted, 404: ZError },
      },
    },
    async (req, reply) => {
      const row = await getSchoolRow(db, req.tenant.id, req.params.id);
      const r = await fileRequest(platform, req, row, req.body, req.headers['idempotency-key'] as string | undefined);
      const c = await schoolCase(db, req.tenant.id, row.id, r.caseId);
      return reply
        .status(r.replayed ? 200 : 201)
        .send({ id: c.id, protocolNumber: c.protocolNumber, priority: c.priority, unitId: c.unitId, replayed: r.replayed });
    },
  );

  // ---- request types ----------------------------------------------------------------------
  app.get(
    '/api/schools/request-types',
    {
      config: { access: 'perm:schools.read' },
      schema: {
        tags,
        summary: 'The school request types, their forms and the units they route to',
        response: { 200: z.array(ZRequestType) },
      },
    },
    async (req) => requestTypes(db, req.tenant.id),
  );
  app.put(
    '/api/schools/request-types',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: {
        tags,
        summary: 'Create the school request types (and their workflow) or route them to other units (a new version of each)',
        body: ZRequestTypeUnits,
        response: { 200: z.array(ZRequestType) },
      },
    },
    async (req) => {
      await db.transaction(async (tx) => {
        await ensureRequestTypes(tx, req.tenant.id, req.body, 'userId' in req.actor ? req.actor.userId : undefined);
        await audit(tx, req, { action: 'school.request_types', entity: 'case_type', data: { ...req.body } });
      });
      return requestTypes(db, req.tenant.id);
    },
  );

  // ---- figures, map, reports (staff) ------------------------------------------------------
  app.get(
    '/api/schools/stats',
    {
      config: { access: 'perm:schools.read' },
      schema: {
        tags,
        summary: 'Figures per school, per unit and per kind: open backlog, overdue, average completion time (all years, or one)',
        querystring: ZYear,
        response: { 200: ZStats },
      },
    },
    async (req) => schoolStats(db, req.tenant.id, req.query.year),
  );
  app.get(
    '/api/schools/map',
    {
      config: { access: 'perm:schools.read' },
      schema: { tags, summary: 'Schools with open requests as GeoJSON points', response: { 200: ZMap } },
    },
    async (req) => openRequestsMap(db, req.tenant.id),
  );
  const report = async (tenantId: string, id: string, year: number) => {
    const row = await getSchoolRow(db, tenantId, id);
    return { row, data: await yearReport(db, tenantId, row.id, year) };
  };
  const fileName = (name: string, year: number, ext: string) =>
    `school-${name
      .normalize('NFD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)}-${year}.${ext}`;
  app.get(
    '/api/schools/:id/report.csv',
    {
      config: { access: 'perm:schools.read' },
      schema: { tags, summary: "A school's requests of a year as CSV", params: ZId, querystring: ZReportQuery },
    },
    async (req, reply) => {
      const { row, data } = await report(req.tenant.id, req.params.id, req.query.year);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(row.name, req.query.year, 'csv')}"`)
        .send(reportCsv(data, req.lang));
    },
  );
  app.get(
    '/api/schools/:id/report.pdf',
    {
      config: { access: 'perm:schools.read' },
      schema: { tags, summary: "A school's yearly report as PDF (figures and every request)", params: ZId, querystring: ZReportQuery },
    },
    async (req, reply) => {
      const { row, data } = await report(req.tenant.id, req.params.id, req.query.year);
      const [tenant] = await db.select({ el: tenants.nameEl, en: tenants.nameEn }).from(tenants).where(eq(tenants.id, req.tenant.id));
      const pdf = await reportPdf(data, {
        lang: req.lang,
        municipality: (req.lang === 'en' ? tenant?.en : tenant?.el) ?? '',
        school: row.name,
        year: req.query.year,
        generatedAt: new Date(),
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(row.name, req.query.year, 'pdf')}"`)
        .send(Buffer.from(pdf));
    },
  );

  // ---- the principal's view (partner users of the school) --------------------------------
  app.get(
    '/api/school',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: 'My school (principal or deputy), its people and figures',
        response: { 200: ZSchool.extend({ people: z.array(ZPerson), figures: ZFigures }), 403: ZError },
      },
    },
    async (req) => {
      const row = await mySchool(db, req);
      // a deputy invited after a request was filed starts hearing of it from here on
      await db.transaction(async (tx) => syncSubscriptions(tx, req.tenant.id, row.id));
      const stats = await schoolStats(db, req.tenant.id);
      const figures = stats.bySchool.find((s) => s.schoolId === row.id)?.figures ?? stats.totals;
      return { ...schoolView(row), people: await schoolPeople(db, req.tenant.id, row), figures };
    },
  );
  app.get(
    '/api/school/request-types',
    {
      config: { access: 'partner' },
      schema: { tags, summary: 'What my school can ask for, with each form', response: { 200: z.array(ZRequestType) } },
    },
    async (req) => {
      await mySchool(db, req);
      return requestTypes(db, req.tenant.id);
    },
  );
  app.get(
    '/api/school/requests',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: "Every request of my school with its state and expected date (a deputy's too)",
        querystring: ZListQuery,
        response: { 200: z.object({ items: z.array(ZRequestItem) }) },
      },
    },
    async (req) => {
      const row = await mySchool(db, req);
      return { items: (await listSchoolRequests(db, req.tenant.id, row.id, req.query.status)).map(itemOut) };
    },
  );
  app.post(
    '/api/school/requests',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: 'File a request of my school (routed to the responsible unit; a safety risk makes it urgent)',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).loose(),
        body: ZRequestBody,
        response: { 201: ZSubmitted, 200: ZSubmitted },
      },
    },
    async (req, reply) => {
      const row = await mySchool(db, req);
      const r = await fileRequest(platform, req, row, req.body, req.headers['idempotency-key'] as string | undefined);
      const c = await schoolCase(db, req.tenant.id, row.id, r.caseId);
      return reply
        .status(r.replayed ? 200 : 201)
        .send({ id: c.id, protocolNumber: c.protocolNumber, priority: c.priority, unitId: c.unitId, replayed: r.replayed });
    },
  );
  app.get(
    '/api/school/requests/:id',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: 'One request of my school: public timeline, expected completion',
        params: ZId,
        response: { 200: ZCitizenCase, 404: ZError },
      },
    },
    async (req) => {
      const row = await mySchool(db, req);
      return citizenView(db, await schoolCase(db, req.tenant.id, row.id, req.params.id));
    },
  );
  app.post(
    '/api/school/requests/:id/answer',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: 'Answer the municipality’s request for more information',
        params: ZId,
        body: ZAnswer,
        response: { 200: ZCitizenCase, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      const row = await mySchool(db, req);
      const c = await schoolCase(db, req.tenant.id, row.id, req.params.id);
      return citizenView(db, await citizenAnswer(platform, req.actor, req.tenant.id, c.id, req.body));
    },
  );
  app.post(
    '/api/school/requests/:id/confirm',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: 'Confirm that the work was done (the request closes)',
        params: ZId,
        body: ZConfirm,
        response: { 200: ZCitizenCase, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      const row = await mySchool(db, req);
      const c = await schoolCase(db, req.tenant.id, row.id, req.params.id);
      return citizenView(db, await requesterConfirm(platform, req, c.id, req.body));
    },
  );
  app.post(
    '/api/school/requests/:id/reopen',
    {
      config: { access: 'partner' },
      schema: {
        tags,
        summary: 'Say the work was not done: the request goes back to work, with what is still wrong',
        params: ZId,
        body: ZCitizenReopenBody,
        response: { 200: ZCitizenCase, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      const row = await mySchool(db, req);
      const c = await schoolCase(db, req.tenant.id, row.id, req.params.id);
      return citizenView(db, await citizenReopen(platform, requestContext(req), c.id, req.body));
    },
  );
}
