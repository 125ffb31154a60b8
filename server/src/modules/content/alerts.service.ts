import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { scheduleApprovedBroadcast } from '../notify/index.js';
import { userIdOf } from './access.js';
import { ALERT_CATEGORIES, ALERT_SEVERITIES, contentAlerts } from './schema.js';

/** Urgent alerts (civil protection first): shown as a banner on the citizen home and the kiosk while active. */

export type TAlert = typeof contentAlerts.$inferSelect;

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const ZAlertBody = z.object({
  category: z.enum(ALERT_CATEGORIES),
  severity: z.enum(ALERT_SEVERITIES),
  titleEl: z.string().trim().min(1).max(200),
  titleEn: optText(200),
  textEl: z.string().trim().min(1).max(2000),
  textEn: optText(2000),
  areaEl: z.string().trim().min(1).max(300),
  areaEn: optText(300),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  push: z.boolean().default(false),
});
export type TAlertBody = z.infer<typeof ZAlertBody>;

function check(body: TAlertBody) {
  if (body.endsAt <= body.startsAt)
    throw new AppError('validation.failed', 400, {}, [{ field: 'endsAt', code: 'content.ends_before_start' }]);
}

const SEVERITY_RANK = sql`case ${contentAlerts.severity} when 'extreme' then 4 when 'severe' then 3 when 'warning' then 2 else 1 end`;

/** Active now: started and not yet ended; the most severe first, civil protection before others. */
export async function activeAlerts(db: DbOrTx, tenantId: string, now = new Date()) {
  return db
    .select()
    .from(contentAlerts)
    .where(and(eq(contentAlerts.tenantId, tenantId), lte(contentAlerts.startsAt, now), gt(contentAlerts.endsAt, now)))
    .orderBy(desc(SEVERITY_RANK), desc(sql`${contentAlerts.category} = 'civil_protection'`), desc(contentAlerts.startsAt));
}

export async function listAlerts(db: DbOrTx, tenantId: string, limit: number) {
  return db.select().from(contentAlerts).where(eq(contentAlerts.tenantId, tenantId)).orderBy(desc(contentAlerts.startsAt)).limit(limit);
}

async function pushOnce(tx: Tx, alert: TAlert, by: string) {
  if (!alert.push || alert.pushedAt || alert.endsAt.getTime() <= Date.now()) return alert;
  await scheduleApprovedBroadcast(tx, {
    tenantId: alert.tenantId,
    category: alert.category,
    titleEl: alert.titleEl,
    titleEn: alert.titleEn ?? alert.titleEl,
    textEl: `${alert.textEl} (${alert.areaEl})`.slice(0, 2000),
    textEn: `${alert.textEn ?? alert.textEl} (${alert.areaEn ?? alert.areaEl})`.slice(0, 2000),
    channels: ['push', 'inapp', 'sms'].filter((c) => c !== 'sms' || alert.category === 'civil_protection') as ('push' | 'inapp' | 'sms')[],
    // A future alert goes out when it starts.
    sendAt: alert.startsAt.getTime() > Date.now() ? alert.startsAt : undefined,
    createdBy: by,
  });
  const [row] = await tx.update(contentAlerts).set({ pushedAt: new Date() }).where(eq(contentAlerts.id, alert.id)).returning();
  return row as TAlert;
}

export async function createAlert(platform: Platform, ctx: ServiceContext, body: TAlertBody) {
  check(body);
  const by = userIdOf(ctx) as string;
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contentAlerts)
      .values({ tenantId: ctx.tenant.id, ...body, createdBy: by })
      .returning();
    const alert = await pushOnce(tx, row as TAlert, by);
    await audit(tx, ctx, {
      action: 'content.alert.create',
      entity: 'content_alert',
      entityId: alert.id,
      data: { category: alert.category, severity: alert.severity, push: alert.push },
    });
    return alert;
  });
}

async function lockAlert(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(contentAlerts)
    .where(and(eq(contentAlerts.tenantId, tenantId), eq(contentAlerts.id, id)))
    .for('update');
  if (!row) throw new AppError('content.alert_not_found', 404);
  return row;
}

export async function updateAlert(platform: Platform, ctx: ServiceContext, id: string, body: TAlertBody) {
  check(body);
  const by = userIdOf(ctx) as string;
  return platform.db.transaction(async (tx) => {
    await lockAlert(tx, ctx.tenant.id, id);
    const [row] = await tx
      .update(contentAlerts)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(contentAlerts.id, id))
      .returning();
    const alert = await pushOnce(tx, row as TAlert, by);
    await audit(tx, ctx, { action: 'content.alert.update', entity: 'content_alert', entityId: id });
    return alert;
  });
}

/** Ends an alert now (the banner disappears). */
export async function endAlert(platform: Platform, ctx: ServiceContext, id: string) {
  return platform.db.transaction(async (tx) => {
    const cur = await lockAlert(tx, ctx.tenant.id, id);
    const now = new Date();
    const [row] = await tx
      .update(contentAlerts)
      .set({ endsAt: cur.endsAt < now ? cur.endsAt : now, startsAt: cur.startsAt < now ? cur.startsAt : now, updatedAt: now })
      .where(eq(contentAlerts.id, id))
      .returning();
    await audit(tx, ctx, { action: 'content.alert.end', entity: 'content_alert', entityId: id });
    return row as TAlert;
  });
}
