import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicOrigin } from '../../platform/config/public-url.js';
import type { Platform } from '../../platform/context.js';
import { ChangeCache } from '../../platform/db/change-cache.js';
import { toFileView, ZFileView } from '../../platform/files/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { holds, requirePerm } from './access.js';
import { activeAlerts, createAlert, endAlert, listAlerts, type TAlert, updateAlert, ZAlertBody } from './alerts.service.js';
import {
  archiveItem,
  createCategory,
  createItem,
  getItem,
  listCategories,
  listEvents,
  listForEditor,
  listInternal,
  listNews,
  publishItem,
  type TItem,
  updateItem,
  ZCategoryBody,
  ZItemBody,
} from './content.service.js';
import {
  createMeeting,
  getMeeting,
  listMeetings,
  type TAgendaItem,
  type TMeeting,
  updateMeeting,
  ZMeetingBody,
} from './council.service.js';
import { eventsIcs, newsAtom, newsRss, type TLang } from './feeds.js';
import { ALERT_CATEGORIES, ALERT_SEVERITIES, CONTENT_KINDS, CONTENT_STATUSES, MEETING_STATUSES } from './schema.js';

const TAG = ['content'];
const COUNCIL = ['council'];
const ZError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string().optional() })).optional(),
});
const ZId = z.object({ id: z.uuid() });
const ZPage = { limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) };

const ZItem = z.object({
  id: z.uuid(),
  kind: z.enum(CONTENT_KINDS),
  status: z.enum(CONTENT_STATUSES),
  categoryId: z.uuid().nullable(),
  titleEl: z.string(),
  titleEn: z.string().nullable(),
  summaryEl: z.string(),
  summaryEn: z.string().nullable(),
  bodyEl: z.string(),
  bodyEn: z.string().nullable(),
  imageFileId: z.uuid().nullable(),
  imageUrl: z.string().nullable(),
  thumbUrl: z.string().nullable(),
  imageAltEl: z.string().nullable(),
  imageAltEn: z.string().nullable(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  placeEl: z.string().nullable(),
  placeEn: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  organiser: z.string().nullable(),
  push: z.boolean(),
  pushedAt: z.date().nullable(),
  publishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  updatedAt: z.date(),
});
const itemOut = (i: TItem): z.infer<typeof ZItem> => ({
  id: i.id,
  kind: i.kind,
  status: i.status,
  categoryId: i.categoryId,
  titleEl: i.titleEl,
  titleEn: i.titleEn,
  summaryEl: i.summaryEl,
  summaryEn: i.summaryEn,
  bodyEl: i.bodyEl,
  bodyEn: i.bodyEn,
  imageFileId: i.imageFileId,
  imageUrl: i.imageFileId ? `/api/files/${i.imageFileId}` : null,
  thumbUrl: i.imageFileId ? `/api/files/${i.imageFileId}/thumb` : null,
  imageAltEl: i.imageAltEl,
  imageAltEn: i.imageAltEn,
  startsAt: i.startsAt,
  endsAt: i.endsAt,
  placeEl: i.placeEl,
  placeEn: i.placeEn,
  lat: i.lat,
  lon: i.lon,
  organiser: i.organiser,
  push: i.push,
  pushedAt: i.pushedAt,
  publishAt: i.publishAt,
  publishedAt: i.publishedAt,
  updatedAt: i.updatedAt,
});
const ZItemPage = z.object({ items: z.array(ZItem), total: z.number().int() });
const ZCategory = z.object({ id: z.uuid(), slug: z.string(), nameEl: z.string(), nameEn: z.string() });

const ZAlert = z.object({
  id: z.uuid(),
  category: z.enum(ALERT_CATEGORIES),
  severity: z.enum(ALERT_SEVERITIES),
  titleEl: z.string(),
  titleEn: z.string().nullable(),
  textEl: z.string(),
  textEn: z.string().nullable(),
  areaEl: z.string(),
  areaEn: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  push: z.boolean(),
  pushedAt: z.date().nullable(),
});
const alertOut = (a: TAlert): z.infer<typeof ZAlert> => ({
  id: a.id,
  category: a.category,
  severity: a.severity,
  titleEl: a.titleEl,
  titleEn: a.titleEn,
  textEl: a.textEl,
  textEn: a.textEn,
  areaEl: a.areaEl,
  areaEn: a.areaEn,
  startsAt: a.startsAt,
  endsAt: a.endsAt,
  push: a.push,
  pushedAt: a.pushedAt,
});

const ZMeeting = z.object({
  id: z.uuid(),
  titleEl: z.string(),
  titleEn: z.string().nullable(),
  startsAt: z.date(),
  placeEl: z.string(),
  placeEn: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  documents: z.array(z.uuid()),
});
const meetingOut = (m: TMeeting): z.infer<typeof ZMeeting> => ({
  id: m.id,
  titleEl: m.titleEl,
  titleEn: m.titleEn,
  startsAt: m.startsAt,
  placeEl: m.placeEl,
  placeEn: m.placeEn,
  status: m.status,
  documents: m.documents,
});
const ZAgendaItem = z.object({
  id: z.uuid(),
  position: z.number().int(),
  titleEl: z.string(),
  titleEn: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionEl: z.string().nullable(),
  decisionEn: z.string().nullable(),
  ada: z.string().nullable(),
  /** The decision on Diavgeia, when it has an ΑΔΑ. */
  diavgeiaUrl: z.string().nullable(),
});
const agendaOut = (a: TAgendaItem): z.infer<typeof ZAgendaItem> => ({
  id: a.id,
  position: a.position,
  titleEl: a.titleEl,
  titleEn: a.titleEn,
  decisionNumber: a.decisionNumber,
  decisionEl: a.decisionEl,
  decisionEn: a.decisionEn,
  ada: a.ada,
  diavgeiaUrl: a.ada ? `https://diavgeia.gov.gr/decision/view/${encodeURIComponent(a.ada)}` : null,
});
const ZMeetingDetail = z.object({ meeting: ZMeeting, agenda: z.array(ZAgendaItem), documents: z.array(ZFileView) });

// links in feeds: the tenant's configured address, never the request's Host
const baseUrl = (platform: Platform, req: FastifyRequest) => publicOrigin(platform.cfg, req.tenant);
const ZFeedQuery = z.object({ lang: z.enum(['el', 'en']).optional() });

export async function contentRoutes(app: App, platform: Platform) {
  const { db } = platform;
  /**
   * Pages of the public news list as their JSON answers, per tenant, category and page, dropped in
   * every process when an item or a category changes (publishing, scheduled publishing by its job,
   * archiving: the database announces it, migration 0025) and at the latest after 10 s.
   */
  const newsPages = new ChangeCache<string>(platform.database, ['content_items', 'content_categories'], { maxEntries: 1000 });

  async function categoryMap(tenantId: string) {
    return new Map((await listCategories(db, tenantId)).map((c) => [c.id, c]));
  }
  async function categoryIdOf(tenantId: string, slug?: string) {
    if (!slug) return undefined;
    const c = (await listCategories(db, tenantId)).find((x) => x.slug === slug);
    // An unknown category has no items: answer an empty page, not everything.
    return c?.id ?? '00000000-0000-0000-0000-000000000000';
  }

  // ---- public: news, events, one item, categories -------------------------------------------
  app.get(
    '/api/content/categories',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'Content categories', response: { 200: z.array(ZCategory) } },
    },
    async (req) => (await listCategories(db, req.tenant.id)).map(({ id, slug, nameEl, nameEn }) => ({ id, slug, nameEl, nameEn })),
  );

  app.get(
    '/api/content/news',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Published news and announcements, newest first',
        querystring: z.object({ category: z.string().max(60).optional(), ...ZPage }),
        response: { 200: ZItemPage },
      },
    },
    async (req, reply) => {
      const { category, limit, offset } = req.query;
      // the public home page of every visitor asks for it: kept as its JSON answer until an item or category changes
      const json = await newsPages.get(`${req.tenant.id}|${category ?? ''}|${limit}|${offset}`, async () => {
        const categoryId = await categoryIdOf(req.tenant.id, category);
        const page = await listNews(db, req.tenant.id, { categoryId, limit, offset });
        return JSON.stringify(z.encode(ZItemPage, { items: page.items.map(itemOut), total: page.total }));
      });
      // a string is sent as it is (it was checked against the schema when made)
      return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof ZItemPage>);
    },
  );

  app.get(
    '/api/content/events',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Published events that have not ended (by `from`, default now), soonest first',
        querystring: z.object({ from: z.coerce.date().optional(), category: z.string().max(60).optional(), ...ZPage }),
        response: { 200: ZItemPage },
      },
    },
    async (req) => {
      const categoryId = await categoryIdOf(req.tenant.id, req.query.category);
      const page = await listEvents(db, req.tenant.id, {
        from: req.query.from ?? new Date(),
        categoryId,
        limit: req.query.limit,
        offset: req.query.offset,
      });
      return { items: page.items.map(itemOut), total: page.total };
    },
  );

  app.get(
    '/api/content/items/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'One published news item, announcement or event (internal announcements: staff only)',
        params: ZId,
        response: { 200: ZItem, 404: ZError },
      },
    },
    async (req) => {
      const it = await getItem(db, req.tenant.id, req.params.id);
      if (it?.status !== 'published' || (it.kind === 'internal' && req.actor.kind !== 'staff')) {
        throw new AppError('content.not_found', 404);
      }
      return itemOut(it);
    },
  );

  app.get(
    '/api/content/internal',
    {
      config: { access: 'staff' },
      schema: {
        tags: TAG,
        summary: 'Internal announcements for staff and council members, newest first',
        querystring: z.object({ limit: ZPage.limit }),
        response: { 200: z.array(ZItem) },
      },
    },
    async (req) => (await listInternal(db, req.tenant.id, req.query.limit)).map(itemOut),
  );

  // ---- feeds ----------------------------------------------------------------------------------
  const feedCtx = async (req: FastifyRequest, lang: TLang) => ({
    base: baseUrl(platform, req),
    lang,
    tenantName: lang === 'en' ? req.tenant.nameEn : req.tenant.nameEl,
    categories: await categoryMap(req.tenant.id),
  });
  for (const [path, type, render] of [
    ['/api/content/feeds/news.rss', 'application/rss+xml; charset=utf-8', newsRss],
    ['/api/content/feeds/news.atom', 'application/atom+xml; charset=utf-8', newsAtom],
  ] as const) {
    app.get(
      path,
      {
        config: { access: 'public' },
        schema: {
          tags: TAG,
          summary: `News feed (${path.endsWith('rss') ? 'RSS 2.0' : 'Atom 1.0'}) in one language (default: the request's)`,
          querystring: ZFeedQuery,
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.lang;
        const { items } = await listNews(db, req.tenant.id, { limit: 50, offset: 0 });
        reply.header('cache-control', 'public, max-age=300');
        return reply.type(type).send(render(items, await feedCtx(req, lang)));
      },
    );
  }
  app.get(
    '/api/content/feeds/events.ics',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Coming events as an iCalendar (RFC 5545) feed to subscribe to',
        querystring: ZFeedQuery,
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? req.lang;
      // Events of the last 30 days stay in the feed, so a subscribed calendar does not lose them at once.
      const { items } = await listEvents(db, req.tenant.id, { from: new Date(Date.now() - 30 * 86400_000), limit: 100, offset: 0 });
      reply.header('cache-control', 'public, max-age=300');
      reply.header('content-disposition', 'inline; filename="events.ics"');
      return reply.type('text/calendar; charset=utf-8').send(eventsIcs(items, await feedCtx(req, lang)));
    },
  );

  // ---- the editor (press office) --------------------------------------------------------------
  app.get(
    '/api/content/permissions',
    {
      config: { access: 'staff' },
      schema: {
        tags: TAG,
        summary: 'What the signed-in staff member may do here (for the editor screens)',
        response: { 200: z.object({ publish: z.boolean(), alerts: z.boolean(), council: z.boolean() }) },
      },
    },
    async (req) => ({
      publish: await holds(db, requestContext(req), 'content.publish'),
      alerts: await holds(db, requestContext(req), 'content.alerts'),
      council: await holds(db, requestContext(req), 'council.manage'),
    }),
  );

  app.get(
    '/api/content/admin/items',
    {
      config: { access: 'perm:content.publish' },
      schema: {
        tags: TAG,
        summary: 'Every item (drafts, scheduled, published, archived), last changed first',
        querystring: z.object({ status: z.enum(CONTENT_STATUSES).optional(), kind: z.enum(CONTENT_KINDS).optional(), ...ZPage }),
        response: { 200: ZItemPage, 403: ZError },
      },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      const page = await listForEditor(db, req.tenant.id, req.query);
      return { items: page.items.map(itemOut), total: page.total };
    },
  );

  app.get(
    '/api/content/admin/items/:id',
    {
      config: { access: 'perm:content.publish' },
      schema: { tags: TAG, summary: 'One item, whatever its status', params: ZId, response: { 200: ZItem, 404: ZError } },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      const it = await getItem(db, req.tenant.id, req.params.id);
      if (!it) throw new AppError('content.not_found', 404);
      return itemOut(it);
    },
  );

  app.post(
    '/api/content/admin/items',
    {
      config: { access: 'perm:content.publish' },
      schema: {
        tags: TAG,
        summary: 'Create an item: a draft, scheduled for `publishAt`, or published now (`action`)',
        body: ZItemBody,
        response: { 201: ZItem, 400: ZError },
      },
    },
    async (req, reply) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      return reply.code(201).send(itemOut(await createItem(platform, requestContext(req), req.body)));
    },
  );

  app.put(
    '/api/content/admin/items/:id',
    {
      config: { access: 'perm:content.publish' },
      schema: {
        tags: TAG,
        summary: 'Replace an item; `action` draft (unpublishes), schedule or publish',
        params: ZId,
        body: ZItemBody,
        response: { 200: ZItem, 400: ZError, 404: ZError },
      },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      return itemOut(await updateItem(platform, requestContext(req), req.params.id, req.body));
    },
  );

  app.post(
    '/api/content/admin/items/:id/publish',
    {
      config: { access: 'perm:content.publish' },
      schema: { tags: TAG, summary: 'Publish now', params: ZId, response: { 200: ZItem, 404: ZError, 409: ZError } },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      return itemOut(await publishItem(platform, requestContext(req), req.params.id));
    },
  );

  app.post(
    '/api/content/admin/items/:id/archive',
    {
      config: { access: 'perm:content.publish' },
      schema: { tags: TAG, summary: 'Take an item down (archived)', params: ZId, response: { 200: ZItem, 404: ZError } },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      return itemOut(await archiveItem(platform, requestContext(req), req.params.id));
    },
  );

  app.post(
    '/api/content/admin/categories',
    {
      config: { access: 'perm:content.publish' },
      schema: { tags: TAG, summary: 'Add a category', body: ZCategoryBody, response: { 201: ZCategory, 400: ZError } },
    },
    async (req, reply) => {
      await requirePerm(db, requestContext(req), 'content.publish');
      const c = await createCategory(platform, requestContext(req), req.body);
      return reply.code(201).send({ id: c.id, slug: c.slug, nameEl: c.nameEl, nameEn: c.nameEn });
    },
  );

  // ---- urgent alerts -------------------------------------------------------------------------
  app.get(
    '/api/alerts/active',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Alerts in force now (banner on the citizen home and the kiosk), most severe first',
        response: { 200: z.array(ZAlert) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=30');
      return (await activeAlerts(db, req.tenant.id)).map(alertOut);
    },
  );

  app.get(
    '/api/alerts',
    {
      config: { access: 'perm:content.alerts' },
      schema: {
        tags: TAG,
        summary: 'Every alert, latest start first',
        querystring: z.object({ limit: ZPage.limit }),
        response: { 200: z.array(ZAlert) },
      },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.alerts');
      return (await listAlerts(db, req.tenant.id, req.query.limit)).map(alertOut);
    },
  );

  app.post(
    '/api/alerts',
    {
      config: { access: 'perm:content.alerts' },
      schema: {
        tags: TAG,
        summary: 'Issue an alert (optionally pushed to followers of its topic)',
        body: ZAlertBody,
        response: { 201: ZAlert, 400: ZError },
      },
    },
    async (req, reply) => {
      await requirePerm(db, requestContext(req), 'content.alerts');
      return reply.code(201).send(alertOut(await createAlert(platform, requestContext(req), req.body)));
    },
  );

  app.put(
    '/api/alerts/:id',
    {
      config: { access: 'perm:content.alerts' },
      schema: { tags: TAG, summary: 'Change an alert', params: ZId, body: ZAlertBody, response: { 200: ZAlert, 400: ZError, 404: ZError } },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.alerts');
      return alertOut(await updateAlert(platform, requestContext(req), req.params.id, req.body));
    },
  );

  app.post(
    '/api/alerts/:id/end',
    {
      config: { access: 'perm:content.alerts' },
      schema: { tags: TAG, summary: 'End an alert now', params: ZId, response: { 200: ZAlert, 404: ZError } },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'content.alerts');
      return alertOut(await endAlert(platform, requestContext(req), req.params.id));
    },
  );

  // ---- the council's meetings ----------------------------------------------------------------
  app.get(
    '/api/council/meetings',
    {
      config: { access: 'public' },
      schema: {
        tags: COUNCIL,
        summary: 'Council meetings: coming ones soonest first, or past ones latest first',
        querystring: z.object({ scope: z.enum(['upcoming', 'past']).default('upcoming'), ...ZPage }),
        response: { 200: z.array(ZMeeting.extend({ agendaCount: z.number().int() })) },
      },
    },
    async (req) => (await listMeetings(db, req.tenant.id, req.query)).map((m) => ({ ...meetingOut(m), agendaCount: m.agendaCount })),
  );

  app.get(
    '/api/council/meetings/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: COUNCIL,
        summary: 'A meeting with its agenda, decisions (ΑΔΑ) and documents',
        params: ZId,
        response: { 200: ZMeetingDetail, 404: ZError },
      },
    },
    async (req) => {
      const d = await getMeeting(db, req.tenant.id, req.params.id);
      return { meeting: meetingOut(d.meeting), agenda: d.agenda.map(agendaOut), documents: d.documents.map(toFileView) };
    },
  );

  app.post(
    '/api/council/meetings',
    {
      config: { access: 'perm:council.manage' },
      schema: {
        tags: COUNCIL,
        summary: 'Schedule a meeting with its agenda (decisions and ΑΔΑ may come later)',
        body: ZMeetingBody,
        response: { 201: ZMeetingDetail, 400: ZError },
      },
    },
    async (req, reply) => {
      await requirePerm(db, requestContext(req), 'council.manage');
      const m = await createMeeting(platform, requestContext(req), req.body);
      const d = await getMeeting(db, req.tenant.id, m.id);
      return reply
        .code(201)
        .send({ meeting: meetingOut(d.meeting), agenda: d.agenda.map(agendaOut), documents: d.documents.map(toFileView) });
    },
  );

  app.put(
    '/api/council/meetings/:id',
    {
      config: { access: 'perm:council.manage' },
      schema: {
        tags: COUNCIL,
        summary: 'Replace a meeting and its agenda (record decisions and their ΑΔΑ)',
        params: ZId,
        body: ZMeetingBody,
        response: { 200: ZMeetingDetail, 400: ZError, 404: ZError },
      },
    },
    async (req) => {
      await requirePerm(db, requestContext(req), 'council.manage');
      await updateMeeting(platform, requestContext(req), req.params.id, req.body);
      const d = await getMeeting(db, req.tenant.id, req.params.id);
      return { meeting: meetingOut(d.meeting), agenda: d.agenda.map(agendaOut), documents: d.documents.map(toFileView) };
    },
  );
}
