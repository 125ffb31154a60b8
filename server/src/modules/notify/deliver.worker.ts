import { and, eq, inArray, sql } from 'drizzle-orm';
import { athensMinuteOfDay } from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/context.js';
import type { BatchOutcome, Job } from '../../platform/jobs/jobs.js';
import { outboundMessages } from '../../platform/messaging/messaging.schema.js';
import { brandedEmail, smtpTransport } from './email.js';
import { PushGoneError, sendPush, vapidKeys } from './push.js';
import { notifyDeliveries, notifyMessages, notifyPreferences, notifyPushSubscriptions } from './schema.js';
import { DELIVER_QUEUE } from './send.service.js';
import { callbackSig, loadTenantInfo, providerConfig, type TTenantInfo } from './settings.js';
import {
  countSegments,
  makeSmsProvider,
  type SmsProvider,
  SmsProviderError,
  type SmsProviderName,
  type SmsResult,
  smsCost,
  TokenBucket,
} from './sms.js';

/**
 * The delivery engine. Each delivery has its own job (dedupe key = delivery id). A worker
 * that takes one `notify.deliver` job also claims up to BATCH-1 more due ones in the same
 * round trip and works them together: one query marks the batch 'sending' (with our client
 * reference) BEFORE any provider is called, providers are called concurrently behind per-
 * provider token buckets, and one query records the outcomes. A delivery found 'sending'
 * when its job is taken again belonged to a worker that died mid-call: it is not sent again
 * (at most once), and a later delivery receipt matched by the client reference still counts.
 */

export const BATCH = 250;
const CONCURRENCY = 64;
const EXTRA_LOCK_SECONDS = 180;

export type TOutcome = BatchOutcome;

type TClaimed = { jobId: string; tenantId: string; deliveryId: string; attempts: number; maxAttempts: number };

const buckets = new Map<string, TokenBucket>();
function bucket(key: string, rate: number) {
  let b = buckets.get(key);
  if (!b) {
    b = new TokenBucket(rate);
    buckets.set(key, b);
  }
  return b;
}

const providers = new Map<string, SmsProvider>();
function smsProvider(t: TTenantInfo, name: SmsProviderName) {
  const cfg = providerConfig(t.settings, name);
  const key = `${t.id}:${name}:${JSON.stringify(cfg)}`;
  let p = providers.get(key);
  if (!p) {
    const made = makeSmsProvider(name, cfg);
    if (!made) return null;
    p = made;
    providers.set(key, p);
  }
  return p;
}

/** Test hook: simulates the process dying right after the provider accepted a message. */
export const crashHook: { afterProviderCall?: (deliveryId: string) => void } = {};

/** Europe/Athens wall-clock minutes of the day. */
export function athensMinutes(d: Date) {
  return athensMinuteOfDay(d);
}
const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When quiet hours hold now, the moment they end; otherwise null. Windows may span midnight. */
export function quietUntil(now: Date, start: string | null, end: string | null): Date | null {
  if (!start || !end) return null;
  const n = athensMinutes(now);
  const s = toMin(start);
  const e = toMin(end);
  if (s === e) return null;
  const inside = s < e ? n >= s && n < e : n >= s || n < e;
  if (!inside) return null;
  const mins = (e - n + 1440) % 1440;
  return new Date(now.getTime() + mins * 60_000 - now.getSeconds() * 1000 - now.getMilliseconds());
}

/** The `notify.deliver` handler: works its own job and a batch of others claimed alongside. */
export function deliverHandler(platform: Platform) {
  return async (job: Job) => {
    const own: TClaimed = {
      jobId: job.id,
      tenantId: job.tenantId as string,
      deliveryId: String(job.payload.deliveryId),
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
    };
    const extra = await claimMore(platform, BATCH - 1);
    const all = [own, ...extra];
    let outcomes: Map<string, TOutcome>;
    try {
      outcomes = await processBatch(platform, all);
    } catch (err) {
      // Release the extra claims so they are retried soon rather than after the lock expires.
      await recordOutcomes(
        platform,
        extra,
        new Map(extra.map((c) => [c.jobId, { kind: 'retry', error: (err as Error).message } as TOutcome])),
      );
      throw err;
    }
    await recordOutcomes(platform, all, outcomes);
  };
}

async function claimMore(platform: Platform, n: number): Promise<TClaimed[]> {
  const claimed = await platform.jobs.claimBatch(DELIVER_QUEUE, n, EXTRA_LOCK_SECONDS);
  return claimed.map((j) => ({
    jobId: j.id,
    tenantId: j.tenantId as string,
    deliveryId: String(j.payload.deliveryId),
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
  }));
}

/** Writes each job's outcome through the platform (the handler's own job too; see `settleBatch`). */
async function recordOutcomes(platform: Platform, claimed: TClaimed[], outcomes: Map<string, TOutcome>) {
  await platform.jobs.settleBatch(
    claimed.map((c) => ({ id: c.jobId, attempts: c.attempts, maxAttempts: c.maxAttempts })),
    outcomes,
    2000,
  );
}

type TWork = {
  c: TClaimed;
  d: typeof notifyDeliveries.$inferSelect;
  m: typeof notifyMessages.$inferSelect;
  quietStart: string | null;
  quietEnd: string | null;
};
type TResult =
  | { ok: true; provider: string; providerMessageId: string; segments?: number; cost?: number }
  | { ok: false; permanent: boolean; error: string; provider?: string };

async function processBatch(platform: Platform, claimed: TClaimed[]): Promise<Map<string, TOutcome>> {
  const out = new Map<string, TOutcome>();
  const ids = claimed.map((c) => c.deliveryId);
  const found = await platform.db
    .select({
      d: notifyDeliveries,
      m: notifyMessages,
      quietStart: notifyPreferences.quietStart,
      quietEnd: notifyPreferences.quietEnd,
    })
    .from(notifyDeliveries)
    .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
    .leftJoin(
      notifyPreferences,
      and(
        eq(notifyPreferences.tenantId, notifyDeliveries.tenantId),
        sql`coalesce(${notifyPreferences.userId}, ${notifyPreferences.deviceId}) = coalesce(${notifyDeliveries.userId}, ${notifyDeliveries.deviceId})`,
      ),
    )
    .where(inArray(notifyDeliveries.id, ids));
  const byId = new Map(found.map((f) => [f.d.id, f]));
  const now = new Date();
  const work: TWork[] = [];
  const interrupted: string[] = [];
  for (const c of claimed) {
    const f = byId.get(c.deliveryId);
    if (!f) {
      out.set(c.jobId, { kind: 'dead', error: 'delivery not found' });
      continue;
    }
    if (f.d.status === 'sending') {
      interrupted.push(f.d.id);
      out.set(c.jobId, { kind: 'done' });
      continue;
    }
    if (f.d.status !== 'queued') {
      out.set(c.jobId, { kind: 'done' });
      continue;
    }
    const until = f.d.ignoreQuietHours ? null : quietUntil(now, f.quietStart, f.quietEnd);
    if (until) {
      out.set(c.jobId, { kind: 'later', at: until });
      continue;
    }
    work.push({ c, d: f.d, m: f.m, quietStart: f.quietStart, quietEnd: f.quietEnd });
  }
  if (interrupted.length) {
    await platform.db
      .update(notifyDeliveries)
      .set({ status: 'failed', error: 'interrupted while handing to the provider; not repeated to avoid a duplicate' })
      .where(and(inArray(notifyDeliveries.id, interrupted), eq(notifyDeliveries.status, 'sending')));
  }
  if (!work.length) return out;

  // Mark 'sending' with our client reference BEFORE any provider call; only rows we flipped are sent.
  const flipped = await platform.db
    .update(notifyDeliveries)
    .set({ status: 'sending', clientRef: sql`${notifyDeliveries.id}::text`, attempts: sql`${notifyDeliveries.attempts} + 1` })
    .where(
      and(
        inArray(
          notifyDeliveries.id,
          work.map((w) => w.d.id),
        ),
        eq(notifyDeliveries.status, 'queued'),
      ),
    )
    .returning({ id: notifyDeliveries.id });
  const mine = new Set(flipped.map((f) => f.id));
  const tenantsInfo = new Map<string, TTenantInfo>();
  for (const w of work) {
    if (!tenantsInfo.has(w.d.tenantId)) tenantsInfo.set(w.d.tenantId, await loadTenantInfo(platform.db, w.d.tenantId));
  }
  const pushSubIds = work.filter((w) => w.d.channel === 'push' && w.d.address).map((w) => w.d.address as string);
  const subs = pushSubIds.length
    ? await platform.db.select().from(notifyPushSubscriptions).where(inArray(notifyPushSubscriptions.id, pushSubIds))
    : [];
  const subById = new Map(subs.map((s) => [s.id, s]));

  const results = new Map<string, TResult>();
  const queue = work.filter((w) => mine.has(w.d.id));
  for (const w of work) if (!mine.has(w.d.id)) out.set(w.c.jobId, { kind: 'done' });
  // Work units: a broadcast's e-mails and SMS of one message and language go out in bulk
  // requests (each recipient still its own delivery and outcome); everything else one by one.
  const units = planUnits(platform, tenantsInfo, queue, subById);
  let next = 0;
  const runOne = async () => {
    while (next < units.length) {
      const unit = units[next++] as TUnit;
      let r: Map<string, TResult>;
      try {
        r = await unit.run();
      } catch (err) {
        const error = (err as Error).message;
        r = new Map(unit.works.map((w) => [w.d.id, { ok: false, permanent: false, error } as TResult]));
      }
      for (const w of unit.works) {
        crashHook.afterProviderCall?.(w.d.id);
        results.set(w.d.id, r.get(w.d.id) ?? { ok: false, permanent: false, error: 'no result' });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, units.length) }, runOne));

  const sent: { id: string; provider: string; pmid: string; segments: number | null; cost: number | null }[] = [];
  const failed: { id: string; error: string; provider: string | null }[] = [];
  const retry: { id: string; error: string; provider: string | null }[] = [];
  for (const w of queue) {
    const r = results.get(w.d.id) as TResult;
    if (r.ok) {
      sent.push({ id: w.d.id, provider: r.provider, pmid: r.providerMessageId, segments: r.segments ?? null, cost: r.cost ?? null });
      out.set(w.c.jobId, { kind: 'done' });
    } else if (r.permanent || w.c.attempts >= w.c.maxAttempts) {
      failed.push({ id: w.d.id, error: r.error, provider: r.provider ?? null });
      out.set(w.c.jobId, { kind: 'done' });
    } else {
      retry.push({ id: w.d.id, error: r.error, provider: r.provider ?? null });
      out.set(w.c.jobId, { kind: 'retry', error: r.error });
    }
  }
  if (sent.length) {
    const values = sql.join(
      sent.map((s) => sql`(${s.id}::uuid, ${s.provider}, ${s.pmid}, ${s.segments}::int, ${s.cost}::numeric)`),
      sql`, `,
    );
    // Only 'sending' rows: a receipt that raced ahead (delivered) must not be overwritten.
    await platform.db.execute(sql`update notify_deliveries d set status = 'sent', provider = v.provider, provider_message_id = v.pmid,
      segments = v.segments, cost = v.cost, sent_at = now(), error = null
      from (values ${values}) as v(id, provider, pmid, segments, cost) where d.id = v.id and d.status = 'sending'`);
  }
  for (const [list, status] of [
    [failed, 'failed'],
    [retry, 'queued'],
  ] as const) {
    for (const f of list) {
      await platform.db
        .update(notifyDeliveries)
        .set({ status, error: f.error.slice(0, 500), provider: f.provider })
        .where(and(eq(notifyDeliveries.id, f.id), eq(notifyDeliveries.status, 'sending')));
    }
  }
  return out;
}

type TUnit = { works: TWork[]; run: () => Promise<Map<string, TResult>> };

const EMAIL_RECIPIENTS_PER_MESSAGE = 100;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type TSubs = Map<string, typeof notifyPushSubscriptions.$inferSelect>;

function planUnits(platform: Platform, tenants: Map<string, TTenantInfo>, queue: TWork[], subs: TSubs): TUnit[] {
  const groups = new Map<string, TWork[]>();
  const units: TUnit[] = [];
  for (const w of queue) {
    const bulk = (w.d.channel === 'email' && platform.cfg.SMTP_URL) || w.d.channel === 'sms';
    if (!bulk || !w.d.address) {
      units.push({ works: [w], run: async () => sendSingle(platform, tenants, w, subs) });
      continue;
    }
    const key = `${w.d.tenantId}|${w.d.messageId}|${w.d.lang}|${w.d.channel}`;
    const g = groups.get(key);
    if (g) g.push(w);
    else groups.set(key, [w]);
  }
  for (const group of groups.values()) {
    const first = group[0] as TWork;
    const t = tenants.get(first.d.tenantId) as TTenantInfo;
    if (group.length === 1) {
      units.push({ works: group, run: async () => sendSingle(platform, tenants, first, subs) });
    } else if (first.d.channel === 'email') {
      for (const part of chunks(group, EMAIL_RECIPIENTS_PER_MESSAGE))
        units.push({ works: part, run: () => sendEmailBulk(platform, t, part) });
    } else {
      const primary = smsProvider(t, t.settings.sms.primary as SmsProviderName);
      if (primary?.sendMany) {
        for (const part of chunks(group, primary.maxRecipients ?? 100))
          units.push({ works: part, run: () => sendSmsBulk(platform, t, part) });
      } else {
        for (const w of group) units.push({ works: [w], run: async () => sendSingle(platform, tenants, w, subs) });
      }
    }
  }
  return units;
}

async function sendSingle(platform: Platform, tenants: Map<string, TTenantInfo>, w: TWork, subs: TSubs): Promise<Map<string, TResult>> {
  const r = await sendOne(platform, tenants.get(w.d.tenantId) as TTenantInfo, w, subs);
  return new Map([[w.d.id, r]]);
}

/** One SMTP transaction for many recipients of the same broadcast: envelope recipients only (Bcc), none sees the others. */
async function sendEmailBulk(platform: Platform, t: TTenantInfo, works: TWork[]): Promise<Map<string, TResult>> {
  const first = works[0] as TWork;
  const lang = first.d.lang;
  for (const _ of works) await bucket(`email:${t.id}`, t.settings.email.ratePerSecond ?? 200).take();
  const mail = brandedEmail(t, lang, {
    subject: lang === 'en' ? first.m.subjectEn : first.m.subjectEl,
    text: lang === 'en' ? first.m.textEn : first.m.textEl,
    html: lang === 'en' ? first.m.htmlEn : first.m.htmlEl,
    url: first.m.url,
  });
  const messageId = `<${first.m.id}.${first.d.id}@dimos.notify>`;
  const info = await smtpTransport(platform.cfg.SMTP_URL as string).sendMail({
    from: platform.cfg.MAIL_FROM,
    bcc: works.map((w) => w.d.address as string),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
  });
  const accepted = new Set(
    ((info.accepted ?? []) as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address).toLowerCase()),
  );
  const out = new Map<string, TResult>();
  for (const w of works) {
    out.set(
      w.d.id,
      accepted.has((w.d.address as string).toLowerCase())
        ? { ok: true, provider: 'smtp', providerMessageId: String(info.messageId ?? messageId) }
        : { ok: false, permanent: true, error: 'recipient refused by the SMTP server', provider: 'smtp' },
    );
  }
  return out;
}

/**
 * A broadcast's SMS of one text through the primary provider's bulk request; when that request
 * fails, each delivery goes the single way through the secondary provider (failover).
 */
async function sendSmsBulk(platform: Platform, t: TTenantInfo, works: TWork[]): Promise<Map<string, TResult>> {
  const s = t.settings.sms;
  const name = s.primary as SmsProviderName;
  const provider = smsProvider(t, name) as SmsProvider;
  const cfg = providerConfig(t.settings, name);
  const first = works[0] as TWork;
  const text = first.d.lang === 'en' ? first.m.textEn : first.m.textEl;
  const { segments, cost, encoding } = smsCost(text, cfg.pricePerSegment ?? 0);
  for (const _ of works) await bucket(`sms:${name}:${t.id}`, cfg.ratePerSecond ?? 30).take();
  const out = new Map<string, TResult>();
  let answers: Map<string, SmsResult | SmsProviderError>;
  try {
    const list = works.map((w) => ({
      to: w.d.address as string,
      text,
      senderId: s.senderId,
      unicode: encoding === 'ucs2',
      clientRef: w.d.id,
      // Receipts carry each recipient's reference in their (signed) body.
      callbackUrl: webhookUrl(platform, t, name),
    }));
    answers = (await provider.sendMany?.(list)) ?? new Map();
  } catch (err) {
    const error = `${name}: ${(err as Error).message}`;
    const permanent = err instanceof SmsProviderError && err.permanent;
    const secondary = s.secondary && s.secondary !== name ? (s.secondary as SmsProviderName) : null;
    for (const w of works) {
      out.set(w.d.id, secondary ? await sendSms(platform, t, w, [secondary]) : { ok: false, permanent, error, provider: name });
    }
    return out;
  }
  for (const w of works) {
    const a = answers.get(w.d.id);
    out.set(
      w.d.id,
      a && !(a instanceof Error)
        ? { ok: true, provider: name, providerMessageId: a.providerMessageId, segments, cost }
        : { ok: false, permanent: false, error: `${name}: ${a?.message ?? 'no answer'}`, provider: name },
    );
  }
  return out;
}

/** The receipt URL given to the provider; with `ref`, signed per delivery (Yuboto, Routee), else the provider signs its receipts (Apifon). */
function webhookUrl(platform: Platform, t: TTenantInfo, provider: string, ref?: string) {
  const base =
    t.settings.callbackBaseUrl ?? (platform.cfg.PUBLIC_URL ? `${platform.cfg.PUBLIC_URL.replace(/\/$/, '')}/t/${t.slug}` : undefined);
  if (!base) return undefined;
  if (ref === undefined) return `${base}/api/notify/webhooks/${provider}`;
  const secret = providerConfig(t.settings, provider as SmsProviderName).webhookSecret;
  const sig = secret ? `&sig=${callbackSig(secret, provider, ref)}` : '';
  return `${base}/api/notify/webhooks/${provider}?ref=${ref}${sig}`;
}

async function sendOne(
  platform: Platform,
  t: TTenantInfo,
  w: TWork,
  subs: Map<string, typeof notifyPushSubscriptions.$inferSelect>,
): Promise<TResult> {
  const lang = w.d.lang;
  const subject = lang === 'en' ? w.m.subjectEn : w.m.subjectEl;
  const text = lang === 'en' ? w.m.textEn : w.m.textEl;
  switch (w.d.channel) {
    case 'push': {
      const s = w.d.address ? subs.get(w.d.address) : undefined;
      if (!s) return { ok: false, permanent: true, error: 'push subscription gone', provider: 'webpush' };
      await bucket(`push:${t.id}`, t.settings.push.ratePerSecond ?? 2000).take();
      const vapid = await cachedVapid(platform, t.id);
      const subject0 = t.settings.push.subject ?? (t.contacts.email ? `mailto:${t.contacts.email}` : 'mailto:no-reply@dimos.invalid');
      try {
        const r = await sendPush(
          vapid,
          subject0,
          s,
          { title: subject, body: text, url: w.m.url, category: w.m.category, messageId: w.m.id, deliveryId: w.d.id },
          { urgent: w.m.category === 'civil_protection' },
        );
        return { ok: true, provider: 'webpush', providerMessageId: r.providerMessageId };
      } catch (err) {
        if (err instanceof PushGoneError) {
          await platform.db.delete(notifyPushSubscriptions).where(eq(notifyPushSubscriptions.id, s.id));
          return { ok: false, permanent: true, error: err.message, provider: 'webpush' };
        }
        return { ok: false, permanent: false, error: (err as Error).message, provider: 'webpush' };
      }
    }
    case 'email': {
      if (!w.d.address) return { ok: false, permanent: true, error: 'no address' };
      await bucket(`email:${t.id}`, t.settings.email.ratePerSecond ?? 200).take();
      const mail = brandedEmail(t, lang, { subject, text, html: lang === 'en' ? w.m.htmlEn : w.m.htmlEl, url: w.m.url });
      const url = platform.cfg.SMTP_URL;
      if (!url) {
        await platform.db.insert(outboundMessages).values({
          tenantId: t.id,
          channel: 'email',
          recipient: w.d.address,
          subject: mail.subject,
          body: mail.text,
          provider: 'outbox',
          status: 'sent',
          sentAt: new Date(),
          meta: { deliveryId: w.d.id },
        });
        return { ok: true, provider: 'outbox', providerMessageId: w.d.id };
      }
      const messageId = `<${w.d.id}@dimos.notify>`;
      const info = await smtpTransport(url).sendMail({
        from: platform.cfg.MAIL_FROM,
        to: w.d.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
      });
      return { ok: true, provider: 'smtp', providerMessageId: String(info.messageId ?? messageId) };
    }
    case 'sms': {
      const s = t.settings.sms;
      return sendSms(platform, t, w, [s.primary, ...(s.secondary && s.secondary !== s.primary ? [s.secondary] : [])] as SmsProviderName[]);
    }
    default:
      return { ok: true, provider: 'inapp', providerMessageId: w.d.id };
  }
}

/** One SMS through the providers in order: the next one is tried when one fails (failover). */
async function sendSms(platform: Platform, t: TTenantInfo, w: TWork, order: SmsProviderName[]): Promise<TResult> {
  if (!w.d.address) return { ok: false, permanent: true, error: 'no number' };
  const s = t.settings.sms;
  const text = w.d.lang === 'en' ? w.m.textEn : w.m.textEl;
  const seg = countSegments(text);
  let last: TResult = { ok: false, permanent: false, error: 'no provider' };
  for (const name of order) {
    const cfg = providerConfig(t.settings, name);
    const { segments, cost } = smsCost(text, cfg.pricePerSegment ?? 0);
    if (name === 'outbox') {
      await platform.db.insert(outboundMessages).values({
        tenantId: t.id,
        channel: 'sms',
        recipient: w.d.address,
        body: text,
        provider: 'outbox',
        status: 'sent',
        sentAt: new Date(),
        meta: { deliveryId: w.d.id, segments },
      });
      return { ok: true, provider: 'outbox', providerMessageId: w.d.id, segments, cost };
    }
    const p = smsProvider(t, name);
    if (!p) continue;
    await bucket(`sms:${name}:${t.id}`, cfg.ratePerSecond ?? 30).take();
    try {
      const r = await p.send({
        to: w.d.address,
        text,
        senderId: s.senderId,
        unicode: seg.encoding === 'ucs2',
        clientRef: w.d.id,
        callbackUrl: webhookUrl(platform, t, name, w.d.id),
      });
      return { ok: true, provider: name, providerMessageId: r.providerMessageId, segments, cost };
    } catch (err) {
      // Try the next provider (failover); the last error decides between retry and give up.
      last = {
        ok: false,
        permanent: err instanceof SmsProviderError && err.permanent,
        error: `${name}: ${(err as Error).message}`,
        provider: name,
      };
    }
  }
  return last;
}

const vapidCache = new Map<string, { v: Awaited<ReturnType<typeof vapidKeys>>; until: number }>();
async function cachedVapid(platform: Platform, tenantId: string) {
  const hit = vapidCache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.v;
  const v = await vapidKeys(platform.db, tenantId);
  vapidCache.set(tenantId, { v, until: Date.now() + 60_000 });
  return v;
}
