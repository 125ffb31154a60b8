import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import type { Actor } from '../../platform/access/access.js';
import type { TConfig } from '../../platform/config/config.js';
import { publicOrigin } from '../../platform/config/public-url.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { areasOf, contains, type TAreaRow } from './areas.js';
import { categoriesOf } from './categories.js';
import { listPoints, rowsFor, type TMapPoint } from './map.service.js';
import { distanceM } from './public.service.js';
import { reportAlerts } from './schema.js';

/** Area alerts: new reports around a point or in a district, by push/e-mail (notify) and RSS. */

export type TAlertRow = typeof reportAlerts.$inferSelect;

function owner(actor: Actor) {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  const deviceId = 'deviceId' in actor ? actor.deviceId : undefined;
  if (userId) return { userId, deviceId: null };
  if (deviceId) return { userId: null, deviceId };
  throw new AppError('auth.required', 401);
}

export async function createAlert(
  db: DbOrTx,
  req: FastifyRequest,
  body:
    | { kind: 'point'; lat: number; lon: number; radiusM: number; label?: string }
    | { kind: 'district'; district: string; label?: string },
) {
  const tenantId = req.tenant.id;
  const who = owner(req.actor);
  let values: Partial<typeof reportAlerts.$inferInsert>;
  if (body.kind === 'district') {
    const area = (await areasOf(db, tenantId)).find((a) => a.kind === 'district' && a.key === body.district);
    if (!area) throw new AppError('validation.failed', 400, {}, [{ field: 'district', code: 'reports.area_not_found' }]);
    values = { kind: 'district', areaId: area.id, label: body.label ?? area.nameEl };
  } else {
    values = { kind: 'point', lat: body.lat, lon: body.lon, radiusM: body.radiusM, label: body.label ?? null };
  }
  const [row] = await db
    .insert(reportAlerts)
    .values({ tenantId, ...who, ...values, kind: values.kind as 'point', token: randomBytes(18).toString('base64url') })
    .returning();
  if (!row) throw new Error('alert insert');
  return row;
}

async function ownerCond(db: DbOrTx, tenantId: string, actor: Actor) {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  const devices = await deviceIdsOf(db, tenantId, actor);
  const conds = [userId ? eq(reportAlerts.userId, userId) : undefined, ...devices.map((d) => eq(reportAlerts.deviceId, d))].filter(Boolean);
  return conds.length ? or(...conds) : sql`false`;
}

export async function myAlerts(db: DbOrTx, req: FastifyRequest) {
  return db
    .select()
    .from(reportAlerts)
    .where(and(eq(reportAlerts.tenantId, req.tenant.id), await ownerCond(db, req.tenant.id, req.actor)))
    .orderBy(desc(reportAlerts.createdAt));
}

export async function deleteAlert(db: DbOrTx, req: FastifyRequest, id: string) {
  const [row] = await db
    .delete(reportAlerts)
    .where(and(eq(reportAlerts.tenantId, req.tenant.id), eq(reportAlerts.id, id), await ownerCond(db, req.tenant.id, req.actor)))
    .returning({ id: reportAlerts.id });
  if (!row) throw new AppError('reports.alert_not_found', 404);
}

/** Does an alert cover a point? */
export function alertCovers(a: TAlertRow, areas: TAreaRow[], lon: number, lat: number) {
  if (a.kind === 'point') return a.lat != null && a.lon != null && distanceM(a.lat, a.lon, lat, lon) <= (a.radiusM ?? 0);
  const area = areas.find((x) => x.id === a.areaId);
  return Boolean(area && contains(area, lon, lat));
}

/** The alerts a new report at (lon, lat) sets off. Point alerts are prefiltered by a generous box in SQL. */
export async function alertsFor(db: DbOrTx, tenantId: string, lon: number, lat: number) {
  const areas = await areasOf(db, tenantId);
  const districtIds = areas.filter((a) => a.kind === 'district' && contains(a, lon, lat)).map((a) => a.id);
  const dLat = 5000 / 111_320;
  const rows = await db
    .select()
    .from(reportAlerts)
    .where(
      and(
        eq(reportAlerts.tenantId, tenantId),
        or(
          and(eq(reportAlerts.kind, 'point'), sql`abs(${reportAlerts.lat} - ${lat}) <= ${dLat}`),
          districtIds.length ? and(eq(reportAlerts.kind, 'district'), inArray(reportAlerts.areaId, districtIds)) : undefined,
        ),
      ),
    );
  return rows.filter((a) => alertCovers(a, areas, lon, lat));
}

/** RSS 2.0 of the newest public reports in an area (an alert's, or a district's). */
export async function rssFor(
  db: DbOrTx,
  cfg: TConfig,
  req: FastifyRequest,
  area: { title: string; covers: (p: TMapPoint) => boolean; self: string },
) {
  const tenantId = req.tenant.id;
  const { page } = await listPoints(db, tenantId, {}, 0, 100_000);
  const newest = page.filter(area.covers).slice(0, 50);
  const rows = await rowsFor(
    db,
    tenantId,
    newest.map((p) => p.id),
  );
  const cats = await categoriesOf(db, tenantId);
  const [tenant] = await db.select({ nameEl: tenants.nameEl, nameEn: tenants.nameEn }).from(tenants).where(eq(tenants.id, tenantId));
  const base = publicOrigin(cfg, req.tenant);
  const feed = new Feed({
    title: `${req.lang === 'en' ? tenant?.nameEn : tenant?.nameEl}: ${area.title}`,
    id: `${base}${area.self}`,
    link: `${base}/reports`,
    language: req.lang,
    copyright: '',
    generator: 'Dimos',
    feedLinks: { rss: `${base}${area.self}` },
  });
  for (const p of newest) {
    const r = rows.find((x) => x.c.id === p.id);
    if (!r) continue;
    const cat = cats.find((c) => c.key === p.category);
    feed.addItem({
      title: r.m?.publicTitle ?? r.c.title,
      id: p.id,
      link: `${base}/reports/${p.id}`,
      date: new Date(p.ts),
      description: `${cat ? (req.lang === 'en' ? cat.name.en : cat.name.el) : ''} · ${t(req.lang, `reports.status.${p.status}`)}`,
      category: cat ? [{ name: req.lang === 'en' ? cat.name.en : cat.name.el }] : [],
    });
  }
  return feed.rss2();
}
