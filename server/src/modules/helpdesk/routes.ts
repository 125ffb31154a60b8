import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { CASE_CHANNELS, canOnUnit, caseForStaff, loadUnitTree, STATE_CATEGORIES, ZCaseListQuery, ZLocalized } from '../cases/index.js';
import { runBulk } from './bulk.service.js';
import { monthlyReportPdf, toCsv, toXlsx } from './export.service.js';
import { colleagues, inboxCounts } from './inbox.service.js';
import type { LiveHub, LiveMessage } from './live.js';
import { findPeople, personCases } from './people.service.js';
import { dashboard, exportRows, heatmap } from './stats.service.js';
import { createTemplate, deleteTemplate, listTemplates, PLACEHOLDERS, renderTemplate, updateTemplate } from './templates.service.js';
import { createView, deleteView, listViews, updateView } from './views.service.js';

const ZId = z.object({ id: z.uuid() });
const ZError = z.object({ code: z.string(), message: z.string() });
const tags = ['helpdesk'];

const ZViewFilters = ZCaseListQuery.omit({ cursor: true, limit: true }).partial();
const ZView = z.object({
  id: z.uuid(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  unitId: z.uuid().nullable(),
  mine: z.boolean(),
  createdAt: z.date(),
});
const ZViewBody = z.object({
  name: z.string().trim().min(1).max(100),
  filters: ZViewFilters,
  unitId: z.uuid().nullable().optional().describe('Share with this unit; null or absent keeps it private'),
});

const ZTemplate = z.object({
  id: z.uuid(),
  unitId: z.uuid().nullable(),
  name: z.string(),
  bodyEl: z.string(),
  bodyEn: z.string(),
  updatedAt: z.date(),
});
const ZTemplateBody = z.object({
  unitId: z.uuid().nullable().describe('The unit; null for every unit of the municipality'),
  name: z.string().trim().min(1).max(100),
  bodyEl: z.string().trim().min(1).max(10_000),
  bodyEn: z.string().trim().min(1).max(10_000),
});

const ZStatsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: z.uuid().optional(),
  interval: z.enum(['day', 'week', 'month']).optional(),
});

const ZBulkBody = z.object({
  caseIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate case ids'),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), unitId: z.uuid().nullable().optional(), assigneeId: z.uuid().nullable().optional() }),
    z.object({ kind: z.literal('transition'), transition: z.string().min(1).max(100), comment: z.string().max(5000).optional() }),
    z.object({
      kind: z.literal('tag'),
      add: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
      remove: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
    }),
  ]),
});

const ZDashboard = z.object({
  period: z.object({ from: z.string(), to: z.string(), interval: z.enum(['day', 'week', 'month']) }),
  volume: z.object({
    total: z.number().int(),
    series: z.array(z.object({ period: z.string(), channel: z.string(), n: z.number().int() })),
    byType: z.array(z.object({ key: z.string(), name: ZLocalized, n: z.number().int() })),
    byUnit: z.array(z.object({ unitId: z.uuid().nullable(), name: ZLocalized.nullable(), n: z.number().int() })),
    byChannel: z.array(z.object({ channel: z.string(), n: z.number().int() })),
  }),
  backlog: z.object({ open: z.number().int(), overdue: z.number().int(), byCategory: z.record(z.string(), z.number().int()) }),
  resolution: z.object({ n: z.number().int(), medianHours: z.number().nullable(), p80Hours: z.number().nullable() }),
  sla: z.object({ resolvedWithDue: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() }),
  satisfaction: z.object({ available: z.boolean(), n: z.number().int(), average: z.number().nullable() }),
});

export async function helpdeskRoutes(app: App, platform: Platform, hub: LiveHub) {
  const { db } = platform;

  // ---- live updates -------------------------------------------------------------------------
  app.get(
    '/api/helpdesk/stream',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary:
          'Server-Sent Events: one `case` event per change to a case the caller can read (submitted, assigned, transitioned, replied, …). Data: {type, caseId, unitId, at}. The server ends a stream after `ttl` seconds (default 600); EventSource reconnects by itself.',
        querystring: z.object({ ttl: z.coerce.number().int().min(1).max(3600).optional() }),
      },
    },
    async (req, reply) => {
      const tree = await loadUnitTree(db, req.tenant.id);
      const actor = req.actor;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 5000\n: connected\n\n');
      const send = (m: LiveMessage) => res.write(`event: case\ndata: ${JSON.stringify(m)}\n\n`);
      const remove = hub.add({
        tenantId: req.tenant.id,
        actor,
        // the unit tree is read once per connection; a reconnect picks up a reorganisation
        canSee: (unitId) => canOnUnit(actor, 'cases.read', unitId, tree),
        send,
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      // A bounded lifetime keeps long-lived connections from piling up behind proxies; under
      // NODE_ENV=test it is short, so tests that call every route (test/security) see it end.
      const ttlMs = (req.query.ttl ?? (platform.cfg.NODE_ENV === 'test' ? 2 : 600)) * 1000;
      const end = setTimeout(() => res.end(), ttlMs);
      const close = () => {
        clearInterval(ping);
        clearTimeout(end);
        remove();
      };
      res.on('finish', close);
      req.raw.on('close', close);
      res.on('error', close);
    },
  );

  // ---- inbox --------------------------------------------------------------------------------
  app.get(
    '/api/helpdesk/inbox',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary: 'Counts of open cases: mine, and per unit (open, overdue, due soon, unassigned)',
        response: {
          200: z.object({
            today: z.string(),
            dueSoonDays: z.number().int(),
            mine: z.object({ open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() }),
            units: z.array(
              z.object({
                unitId: z.uuid().nullable(),
                open: z.number().int(),
                overdue: z.number().int(),
                dueSoon: z.number().int(),
                unassigned: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => inboxCounts(db, requestContext(req)),
  );
  app.get(
    '/api/helpdesk/staff',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary: 'Staff who handle cases (heads and employees) with their units, for assignment',
        response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), units: z.array(z.uuid()) })) },
      },
    },
    async (req) => colleagues(db, requestContext(req)),
  );

  // ---- saved views --------------------------------------------------------------------------
  app.get(
    '/api/helpdesk/views',
    {
      config: { access: 'perm:cases.read' },
      schema: { tags, summary: 'My saved inboxes and those shared with my units', response: { 200: z.array(ZView) } },
    },
    async (req) => listViews(db, requestContext(req)),
  );
  app.post(
    '/api/helpdesk/views',
    {
      config: { access: 'perm:cases.read' },
      schema: { tags, summary: 'Save an inbox (filters), privately or shared with a unit', body: ZViewBody, response: { 201: ZView } },
    },
    async (req, reply) => reply.status(201).send(await createView(db, requestContext(req), req.body)),
  );
  app.put(
    '/api/helpdesk/views/:id',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary: 'Change one of my saved inboxes',
        params: ZId,
        body: ZViewBody.partial(),
        response: { 200: ZView, 404: ZError },
      },
    },
    async (req) => updateView(db, requestContext(req), req.params.id, req.body),
  );
  app.delete(
    '/api/helpdesk/views/:id',
    {
      config: { access: 'perm:cases.read' },
      schema: { tags, summary: 'Delete one of my saved inboxes', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await deleteView(db, requestContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- reply templates ----------------------------------------------------------------------
  app.get(
    '/api/helpdesk/templates',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary: `Reply templates of my units and the municipality-wide ones. Placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: z.array(ZTemplate) },
      },
    },
    async (req) => listTemplates(db, requestContext(req), req.query.unitId),
  );
  app.post(
    '/api/helpdesk/templates',
    {
      config: { access: 'perm:helpdesk.templates' },
      schema: { tags, summary: 'Create a reply template for a unit', body: ZTemplateBody, response: { 201: ZTemplate } },
    },
    async (req, reply) => reply.status(201).send(await createTemplate(db, requestContext(req), req.body)),
  );
  app.put(
    '/api/helpdesk/templates/:id',
    {
      config: { access: 'perm:helpdesk.templates' },
      schema: {
        tags,
        summary: 'Change a reply template',
        params: ZId,
        body: ZTemplateBody.partial(),
        response: { 200: ZTemplate, 404: ZError },
      },
    },
    async (req) => updateTemplate(db, requestContext(req), req.params.id, req.body),
  );
  app.delete(
    '/api/helpdesk/templates/:id',
    {
      config: { access: 'perm:helpdesk.templates' },
      schema: { tags, summary: 'Delete a reply template', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await deleteTemplate(db, requestContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/helpdesk/templates/:id/render',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary: 'A template filled in for a case, in the language asked',
        params: ZId,
        body: z.object({ caseId: z.uuid(), lang: z.enum(['el', 'en']).optional() }),
        response: { 200: z.object({ body: z.string(), lang: z.enum(['el', 'en']) }), 404: ZError },
      },
    },
    async (req) => {
      const { c } = await caseForStaff(db, req, req.body.caseId, 'cases.read');
      return renderTemplate(db, requestContext(req), req.params.id, c, req.body.lang ?? req.lang);
    },
  );

  // ---- call centre: callers and their history ------------------------------------------------
  app.get(
    '/api/helpdesk/people',
    {
      config: { access: 'perm:cases.intake' },
      schema: {
        tags,
        summary: 'Find a caller by phone, name, e-mail or ΑΦΜ: citizens with an account, and contacts of earlier cases',
        querystring: z.object({ q: z.string().max(100) }),
        response: {
          200: z.array(
            z.object({
              kind: z.enum(['citizen', 'contact']),
              userId: z.uuid().nullable(),
              name: z.string().nullable(),
              phone: z.string().nullable(),
              email: z.string().nullable(),
              afm: z.string().nullable(),
              caseCount: z.number().int(),
            }),
          ),
        },
      },
    },
    async (req) => findPeople(db, requestContext(req), req.query.q),
  );
  app.get(
    '/api/helpdesk/people/cases',
    {
      config: { access: 'perm:cases.intake' },
      schema: {
        tags,
        summary: "A caller's cases in summary, by account or by contact phone (canOpen: whether I may open the case)",
        querystring: z.object({ userId: z.uuid().optional(), phone: z.string().max(40).optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              protocolNumber: z.string().nullable(),
              title: z.string(),
              caseType: z.object({ id: z.uuid(), key: z.string(), version: z.number().int(), name: ZLocalized }),
              state: z.string(),
              stateName: ZLocalized,
              stateCategory: z.enum(STATE_CATEGORIES),
              channel: z.enum(CASE_CHANNELS),
              unitId: z.uuid().nullable(),
              submittedAt: z.date(),
              dueDate: z.string().nullable(),
              overdue: z.boolean(),
              canOpen: z.boolean(),
            }),
          ),
        },
      },
    },
    async (req) => personCases(db, requestContext(req), req.query),
  );

  // ---- bulk actions -------------------------------------------------------------------------
  app.post(
    '/api/helpdesk/bulk',
    {
      config: { access: 'perm:cases.read' },
      schema: {
        tags,
        summary: 'Assign, transition or tag many cases; each case is done (and audited) on its own, failures reported per case',
        body: ZBulkBody,
        response: {
          200: z.object({
            done: z.number().int(),
            failed: z.number().int(),
            results: z.array(z.object({ caseId: z.uuid(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })),
          }),
        },
      },
    },
    async (req) => runBulk(platform, req, req.body.caseIds, req.body.action),
  );

  // ---- dashboard ----------------------------------------------------------------------------
  app.get(
    '/api/helpdesk/stats',
    {
      config: { access: 'perm:helpdesk.stats' },
      schema: {
        tags,
        summary: 'Volume by type, unit and channel over time; backlog; resolution median and p80; SLA compliance; satisfaction',
        querystring: ZStatsQuery,
        response: { 200: ZDashboard },
      },
    },
    async (req) => dashboard(db, requestContext(req), req.query),
  );
  app.get(
    '/api/helpdesk/stats/heatmap',
    {
      config: { access: 'perm:helpdesk.stats' },
      schema: {
        tags,
        summary: 'Located cases counted on a grid (cell in degrees; each cell by its south-west corner)',
        querystring: ZStatsQuery.extend({ cell: z.coerce.number().min(0.0005).max(1).optional() }),
        response: {
          200: z.object({
            period: ZDashboard.shape.period,
            cell: z.number(),
            cells: z.array(z.object({ lat: z.number(), lon: z.number(), n: z.number().int() })),
          }),
        },
      },
    },
    async (req) => heatmap(db, requestContext(req), req.query),
  );
  app.get(
    '/api/helpdesk/stats/export',
    {
      config: { access: 'perm:helpdesk.stats' },
      schema: {
        tags,
        summary: 'The cases of the period as CSV or XLSX (XLSX adds a summary sheet)',
        querystring: ZStatsQuery.extend({ format: z.enum(['csv', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      const lang = req.lang;
      const data = await exportRows(db, requestContext(req), req.query, lang);
      const name = `cases-${req.query.from ?? ''}-${req.query.to ?? ''}`.replace(/-+$/, '');
      if (req.query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(toCsv(data, lang));
      }
      const stats = await dashboard(db, requestContext(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await toXlsx(data, stats, lang));
    },
  );
  app.get(
    '/api/helpdesk/stats/report',
    {
      config: { access: 'perm:helpdesk.stats' },
      schema: {
        tags,
        summary: 'The monthly report as a printable PDF',
        querystring: z.object({
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          unitId: z.uuid().optional(),
        }),
      },
    },
    async (req, reply) => {
      const [y, m] = req.query.month.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const from = `${req.query.month}-01`;
      const to = `${req.query.month}-${String(last).padStart(2, '0')}`;
      const stats = await dashboard(db, requestContext(req), { from, to, unitId: req.query.unitId, interval: 'day' });
      const [tenant] = await db.select().from(tenants).where(eq(tenants.id, req.tenant.id));
      if (!tenant) throw new AppError('tenant.not_found', 404);
      const pdf = await monthlyReportPdf(stats, req.lang, req.lang === 'en' ? tenant.nameEn : tenant.nameEl, req.query.month);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="report-${req.query.month}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );
}
