import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { sameHash } from '../../platform/identity/tokens.js';
import { requestContext } from '../../platform/service-context.js';
import {
  approveBroadcast,
  broadcastFigures,
  cancelBroadcast,
  createBroadcast,
  getBroadcast,
  listBroadcasts,
  type TBroadcastRow,
  ZBroadcastBody,
} from './broadcast.service.js';
import {
  deletePushSubscription,
  getPreferences,
  inbox,
  listSubscriptions,
  markRead,
  recipientOf,
  savePushSubscription,
  subscribe,
  unsubscribe,
  updatePreferences,
  ZPreferences,
  ZPreferencesPatch,
  ZPushSubscriptionBody,
  ZSubscriptionBody,
} from './prefs.service.js';
import { vapidKeys } from './push.js';
import { CATEGORIES, notifyDeliveries, notifyTemplates } from './schema.js';
import { callbackSig, loadTenantInfo, providerConfig } from './settings.js';
import { apifonSignature } from './sms.js';
import { DEFAULT_TEMPLATES, seedTemplates } from './templates.js';

const tags = ['notify'];
const ZOk = z.object({ ok: z.literal(true) });
const ZId = z.object({ id: z.uuid() });

const ZBroadcastOut = z.object({
  id: z.uuid(),
  category: z.enum(CATEGORIES),
  titleEl: z.string(),
  titleEn: z.string(),
  textEl: z.string(),
  textEn: z.string(),
  audience: z.record(z.string(), z.unknown()),
  channels: z.array(z.string()),
  sendAt: z.string().nullable(),
  status: z.string(),
  createdBy: z.uuid(),
  approvedBy: z.uuid().nullable(),
  recipients: z.number().int().nullable(),
  createdAt: z.string(),
  figures: z
    .record(
      z.string(),
      z.object({
        queued: z.number(),
        sending: z.number(),
        sent: z.number(),
        delivered: z.number(),
        failed: z.number(),
        cancelled: z.number(),
      }),
    )
    .optional(),
});
const broadcastOut = (b: TBroadcastRow, figures?: Awaited<ReturnType<typeof broadcastFigures>>) => ({
  id: b.id,
  category: b.category,
  titleEl: b.titleEl,
  titleEn: b.titleEn,
  textEl: b.textEl,
  textEn: b.textEn,
  audience: b.audience,
  channels: b.channels,
  sendAt: b.sendAt ? b.sendAt.toISOString() : null,
  status: b.status,
  createdBy: b.createdBy,
  approvedBy: b.approvedBy,
  recipients: b.recipients,
  createdAt: b.createdAt.toISOString(),
  ...(figures ? { figures } : {}),
});

const ZTemplate = z.object({
  key: z.string(),
  lang: z.enum(['el', 'en']),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});

export async function notifyRoutes(app: App, platform: Platform) {
  const { db } = platform;

  app.get(
    '/api/notify/push/key',
    {
      config: { access: 'device' },
      schema: { tags, summary: 'The VAPID public key for PushManager.subscribe', response: { 200: z.object({ publicKey: z.string() }) } },
    },
    async (req) => ({ publicKey: (await vapidKeys(db, req.tenant.id)).publicKey }),
  );

  app.post(
    '/api/notify/push/subscriptions',
    {
      config: { access: 'device' },
      schema: { tags, summary: 'Registers this browser for Web Push', body: ZPushSubscriptionBody, response: { 200: ZId } },
    },
    async (req) => savePushSubscription(db, req.tenant.id, recipientOf(req.actor), req.actor, req.body),
  );

  app.delete(
    '/api/notify/push/subscriptions',
    {
      config: { access: 'device' },
      schema: { tags, summary: 'Unsubscribes this browser from Web Push', body: z.object({ endpoint: z.url() }), response: { 200: ZOk } },
    },
    async (req) => {
      await deletePushSubscription(db, req.tenant.id, recipientOf(req.actor), req.actor, req.body.endpoint);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/notify/preferences',
    { config: { access: 'device' }, schema: { tags, summary: 'My notification preferences', response: { 200: ZPreferences } } },
    async (req) => getPreferences(db, req.tenant.id, recipientOf(req.actor)),
  );

  app.put(
    '/api/notify/preferences',
    {
      config: { access: 'device' },
      schema: {
        tags,
        summary: 'Changes my channels, topics, quiet hours (Europe/Athens), language or location',
        body: ZPreferencesPatch,
        response: { 200: ZPreferences },
      },
    },
    async (req) => db.transaction((tx) => updatePreferences(tx, req.tenant.id, recipientOf(req.actor), req.body)),
  );

  const ZSubOut = z.object({ id: z.uuid(), kind: z.string(), refId: z.string(), createdAt: z.string() });
  app.get(
    '/api/notify/subscriptions',
    { config: { access: 'device' }, schema: { tags, summary: 'What I follow', response: { 200: z.object({ items: z.array(ZSubOut) }) } } },
    async (req) => ({
      items: (await listSubscriptions(db, req.tenant.id, recipientOf(req.actor))).map((s) => ({
        id: s.id,
        kind: s.kind,
        refId: s.refId,
        createdAt: s.createdAt.toISOString(),
      })),
    }),
  );
  app.post(
    '/api/notify/subscriptions',
    {
      config: { access: 'device' },
      schema: { tags, summary: 'Follows a thing: a school, a zone, a case', body: ZSubscriptionBody, response: { 200: ZSubOut } },
    },
    async (req) => {
      const s = await subscribe(db, req.tenant.id, recipientOf(req.actor), req.body);
      return { id: s.id, kind: s.kind, refId: s.refId, createdAt: s.createdAt.toISOString() };
    },
  );
  app.delete(
    '/api/notify/subscriptions',
    {
      config: { access: 'device' },
      schema: { tags, summary: 'Stops following a thing', body: z.object({ kind: z.string(), refId: z.string() }), response: { 200: ZOk } },
    },
    async (req) => {
      await unsubscribe(db, req.tenant.id, recipientOf(req.actor), req.body.kind, req.body.refId);
      return { ok: true as const };
    },
  );

  const ZInboxItem = z.object({
    id: z.uuid(),
    category: z.string(),
    title: z.string(),
    text: z.string(),
    url: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  });
  app.get(
    '/api/notify/inbox',
    {
      config: { access: 'device' },
      schema: {
        tags,
        summary: 'My in-app messages, newest first',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          before: z.coerce.date().optional(),
          unread: z.coerce.boolean().optional(),
        }),
        response: { 200: z.object({ items: z.array(ZInboxItem), unread: z.number().int(), nextBefore: z.string().nullable() }) },
      },
    },
    async (req) => inbox(db, req.tenant.id, req.actor, req.query),
  );
  app.post(
    '/api/notify/inbox/:id/read',
    { config: { access: 'device' }, schema: { tags, summary: 'Marks one message read', params: ZId, response: { 200: ZOk } } },
    async (req) => {
      await markRead(db, req.tenant.id, req.actor, req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/notify/inbox/read-all',
    {
      config: { access: 'device' },
      schema: { tags, summary: 'Marks every message read', response: { 200: z.object({ marked: z.number().int() }) } },
    },
    async (req) => ({ marked: await markRead(db, req.tenant.id, req.actor, null) }),
  );

  // Templates (administrators).
  app.get(
    '/api/notify/templates',
    {
      config: { access: 'perm:notify.templates' },
      schema: { tags, summary: 'Message templates (el/en)', response: { 200: z.object({ items: z.array(ZTemplate) }) } },
    },
    async (req) => {
      await seedTemplates(db, req.tenant.id);
      const list = await db
        .select()
        .from(notifyTemplates)
        .where(eq(notifyTemplates.tenantId, req.tenant.id))
        .orderBy(notifyTemplates.key, notifyTemplates.lang);
      return { items: list.map((t) => ({ key: t.key, lang: t.lang, subject: t.subject, text: t.text, html: t.html })) };
    },
  );
  app.put(
    '/api/notify/templates/:key/:lang',
    {
      config: { access: 'perm:notify.templates' },
      schema: {
        tags,
        summary: 'Edits a template; {{placeholders}} are filled from the event, HTML-escaped in the HTML body',
        params: z.object({ key: z.string().max(100), lang: z.enum(['el', 'en']) }),
        body: z.object({
          subject: z.string().trim().min(1).max(300),
          text: z.string().trim().min(1).max(5000),
          html: z.string().max(20000).nullable().optional(),
        }),
        response: { 200: ZTemplate },
      },
    },
    async (req) => {
      const { key, lang } = req.params;
      if (!DEFAULT_TEMPLATES[key]) throw new AppError('notify.template_not_found', 404);
      return db.transaction(async (tx) => {
        await seedTemplates(tx, req.tenant.id);
        const [t] = await tx
          .update(notifyTemplates)
          .set({ subject: req.body.subject, text: req.body.text, html: req.body.html ?? null, updatedAt: new Date() })
          .where(and(eq(notifyTemplates.tenantId, req.tenant.id), eq(notifyTemplates.key, key), eq(notifyTemplates.lang, lang)))
          .returning();
        if (!t) throw new AppError('notify.template_not_found', 404);
        await audit(tx, req, { action: 'notify.template.update', entity: 'notify_template', entityId: t.id, data: { key, lang } });
        return { key: t.key, lang: t.lang, subject: t.subject, text: t.text, html: t.html };
      });
    },
  );

  // Broadcasts (staff).
  app.post(
    '/api/notify/broadcasts',
    {
      config: { access: 'perm:broadcasts.send' },
      schema: {
        tags,
        summary: 'Creates a broadcast; civil protection goes out at once, others wait for approval',
        body: ZBroadcastBody,
        response: { 201: ZBroadcastOut },
      },
    },
    async (req, reply) => reply.status(201).send(broadcastOut(await createBroadcast(platform, requestContext(req), req.body))),
  );
  app.get(
    '/api/notify/broadcasts',
    {
      config: { access: 'perm:broadcasts.send' },
      schema: {
        tags,
        summary: 'Broadcasts, newest first',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(ZBroadcastOut) }) },
      },
    },
    async (req) => ({
      items: (await listBroadcasts(platform, req.tenant.id, req.query.limit, req.query.offset)).map((b) => broadcastOut(b)),
    }),
  );
  app.get(
    '/api/notify/broadcasts/:id',
    {
      config: { access: 'perm:broadcasts.send' },
      schema: { tags, summary: 'A broadcast with live delivery figures per channel', params: ZId, response: { 200: ZBroadcastOut } },
    },
    async (req) => {
      const b = await getBroadcast(platform, req.tenant.id, req.params.id);
      return broadcastOut(b, await broadcastFigures(platform, b));
    },
  );
  app.post(
    '/api/notify/broadcasts/:id/approve',
    {
      config: { access: 'perm:broadcasts.approve' },
      schema: { tags, summary: 'Approves a broadcast (another person than its author)', params: ZId, response: { 200: ZBroadcastOut } },
    },
    async (req) => broadcastOut(await approveBroadcast(platform, requestContext(req), req.params.id)),
  );
  app.post(
    '/api/notify/broadcasts/:id/cancel',
    {
      config: { access: 'perm:broadcasts.send' },
      schema: { tags, summary: 'Cancels a broadcast that has not gone out', params: ZId, response: { 200: ZBroadcastOut } },
    },
    async (req) => broadcastOut(await cancelBroadcast(platform, requestContext(req), req.params.id)),
  );

  // Delivery receipts from SMS providers: the raw body is kept for Apifon's HMAC.
  await app.register(async (hooksApp) => {
    const hooks = hooksApp as unknown as App;
    hooks.removeContentTypeParser('application/json');
    hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      (req as unknown as { rawBody: string }).rawBody = body as string;
      try {
        done(null, body ? JSON.parse(body as string) : {});
      } catch {
        done(new AppError('validation.failed', 400), undefined);
      }
    });
    hooks.post(
      '/api/notify/webhooks/:provider',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Delivery receipt from an SMS provider (signed; see the module README)',
          params: z.object({ provider: z.enum(['apifon', 'yuboto', 'routee']) }),
          querystring: z.object({ ref: z.string().max(100).optional(), sig: z.string().max(200).optional() }),
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ ok: z.literal(true), updated: z.number().int() }) },
        },
      },
      async (req) => {
        const { provider } = req.params;
        const t = await loadTenantInfo(db, req.tenant.id);
        const cfg = providerConfig(t.settings, provider);
        const raw = (req as unknown as { rawBody?: string }).rawBody ?? '';
        if (provider === 'apifon') {
          const auth = String(req.headers.authorization ?? '');
          const date = String(req.headers['x-apifonws-date'] ?? '');
          const m = auth.match(/^ApifonWS ([^:]+):(.+)$/);
          const path = new URL(req.originalUrl ?? req.url, 'http://x').pathname;
          const want = apifonSignature(cfg.secret ?? '', 'POST', path, raw, date);
          if (!m || !cfg.secret || m[1] !== cfg.token || !sameHash(m[2] as string, want))
            throw new AppError('notify.webhook_unauthorized', 401);
        } else {
          const ref = req.query.ref ?? '';
          if (!cfg.webhookSecret || !req.query.sig || !sameHash(req.query.sig, callbackSig(cfg.webhookSecret, provider, ref))) {
            throw new AppError('notify.webhook_unauthorized', 401);
          }
        }
        const r = parseReceipt(provider, req.body);
        const ref = req.query.ref ?? r.ref;
        if (!r.status) return { ok: true as const, updated: 0 };
        const match = or(
          ref && /^[0-9a-f-]{36}$/.test(ref) ? eq(notifyDeliveries.id, ref) : undefined,
          r.messageId ? and(eq(notifyDeliveries.provider, provider), eq(notifyDeliveries.providerMessageId, r.messageId)) : undefined,
        );
        if (!match) return { ok: true as const, updated: 0 };
        const set =
          r.status === 'delivered'
            ? { status: 'delivered' as const, deliveredAt: new Date(), error: null }
            : { status: 'failed' as const, error: `receipt: ${r.raw}`.slice(0, 500) };
        const res = await db
          .update(notifyDeliveries)
          .set({ ...set, ...(r.messageId ? { providerMessageId: r.messageId } : {}) })
          .where(and(eq(notifyDeliveries.tenantId, req.tenant.id), eq(notifyDeliveries.channel, 'sms'), match))
          .returning({ id: notifyDeliveries.id });
        return { ok: true as const, updated: res.length };
      },
    );
  });
}

/** Provider receipt bodies to (message id, our ref, delivered|failed|null while in transit). */
function parseReceipt(
  provider: string,
  b: Record<string, unknown>,
): { messageId?: string; ref?: string; status: 'delivered' | 'failed' | null; raw: string } {
  const norm = (s: unknown) => String(s ?? '').toLowerCase();
  let state = '';
  let messageId: string | undefined;
  let ref: string | undefined;
  if (provider === 'apifon') {
    messageId = b.message_id ? String(b.message_id) : undefined;
    ref = b.custom_id ? String(b.custom_id) : b.reference_id ? String(b.reference_id) : undefined;
    state = norm((b.status as { text?: string } | undefined)?.text ?? b.status);
  } else if (provider === 'yuboto') {
    messageId = b.id ? String(b.id) : undefined;
    ref = b.option1 ? String(b.option1) : undefined;
    state = norm(b.status);
  } else {
    messageId = b.messageId ? String(b.messageId) : b.trackingId ? String(b.trackingId) : undefined;
    state = norm((b.status as { name?: string } | undefined)?.name ?? b.status);
  }
  const status = state === 'delivered' ? 'delivered' : ['failed', 'undelivered', 'expired', 'rejected'].includes(state) ? 'failed' : null;
  return { messageId, ref, status, raw: state };
}
