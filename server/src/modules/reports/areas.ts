import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { isReportType } from './categories.js';
import { reportAreas, type TGeometry } from './schema.js';

/** The municipality's boundary, districts and neighbours: bounding boxes first, then the exact polygon test. */

export type TAreaRow = typeof reportAreas.$inferSelect;

export function bboxOf(g: TGeometry): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [lon, lat] = c as [number, number];
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
  if (!Number.isFinite(minLon)) throw new AppError('validation.failed', 400, {}, [{ field: 'geometry', code: 'validation.invalid' }]);
  return [minLon, minLat, maxLon, maxLat];
}

export function contains(a: Pick<TAreaRow, 'geometry' | 'minLon' | 'minLat' | 'maxLon' | 'maxLat'>, lon: number, lat: number) {
  if (lon < a.minLon || lon > a.maxLon || lat < a.minLat || lat > a.maxLat) return false;
  try {
    return booleanPointInPolygon([lon, lat], a.geometry as never);
  } catch {
    return false;
  }
}

/** Areas change rarely and are read on every submission and map build: a short per-tenant cache. */
const cache = new Map<string, { at: number; rows: TAreaRow[] }>();
const TTL_MS = 60_000;

export function forgetAreas(tenantId: string) {
  cache.delete(tenantId);
}

export async function areasOf(db: DbOrTx, tenantId: string): Promise<TAreaRow[]> {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  const rows = await db.select().from(reportAreas).where(eq(reportAreas.tenantId, tenantId));
  cache.set(tenantId, { at: Date.now(), rows });
  return rows;
}

export async function saveArea(
  db: DbOrTx,
  tenantId: string,
  a: { kind: TAreaRow['kind']; key: string; nameEl: string; nameEn: string; geometry: TGeometry },
) {
  const [minLon, minLat, maxLon, maxLat] = bboxOf(a.geometry);
  const [row] = await db
    .insert(reportAreas)
    .values({ tenantId, ...a, minLon, minLat, maxLon, maxLat })
    .onConflictDoUpdate({
      target: [reportAreas.tenantId, reportAreas.kind, reportAreas.key],
      set: { nameEl: a.nameEl, nameEn: a.nameEn, geometry: a.geometry, minLon, minLat, maxLon, maxLat },
    })
    .returning();
  forgetAreas(tenantId);
  if (!row) throw new Error('area upsert');
  return row;
}

export async function deleteArea(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .delete(reportAreas)
    .where(and(eq(reportAreas.tenantId, tenantId), eq(reportAreas.id, id)))
    .returning();
  forgetAreas(tenantId);
  if (!row) throw new AppError('reports.area_not_found', 404);
  return row;
}

/** The district a point falls in, if any. */
export function districtAt(areas: TAreaRow[], lon: number, lat: number) {
  return areas.find((a) => a.kind === 'district' && contains(a, lon, lat)) ?? null;
}

/**
 * Is the point inside the municipality? The `boundary` areas decide; without any, the tenant's own
 * boundary column; without that either, everything is inside. Outside: the neighbour that holds it.
 */
export async function boundaryCheck(db: DbOrTx, tenantId: string, lon: number, lat: number) {
  const areas = await areasOf(db, tenantId);
  let boundaries = areas.filter((a) => a.kind === 'boundary');
  if (!boundaries.length) {
    const [t] = await db.select({ boundary: tenants.boundary }).from(tenants).where(eq(tenants.id, tenantId));
    if (t?.boundary) {
      const g = t.boundary as TGeometry;
      const [minLon, minLat, maxLon, maxLat] = bboxOf(g);
      boundaries = [{ geometry: g, minLon, minLat, maxLon, maxLat } as TAreaRow];
    }
  }
  if (!boundaries.length || boundaries.some((b) => contains(b, lon, lat))) return { inside: true as const };
  const neighbour = areas.find((a) => a.kind === 'neighbour' && contains(a, lon, lat)) ?? null;
  return { inside: false as const, neighbour };
}

/** Refuses a street-problem report outside the municipality (every channel: registered with the case engine). */
export async function refuseOutside(
  db: DbOrTx,
  req: FastifyRequest,
  input: { caseTypeId: string; location: { lat: number; lon: number } | null },
) {
  if (!input.location) return;
  if (!(await isReportType(db, req.tenant.id, input.caseTypeId))) return;
  const r = await boundaryCheck(db, req.tenant.id, input.location.lon, input.location.lat);
  if (r.inside) return;
  if (r.neighbour) {
    const municipality = req.lang === 'en' ? r.neighbour.nameEn : r.neighbour.nameEl;
    throw new AppError('validation.failed', 400, {}, [{ field: 'location', code: 'reports.outside_boundary', params: { municipality } }]);
  }
  throw new AppError('validation.failed', 400, {}, [{ field: 'location', code: 'reports.outside_boundary_unknown' }]);
}
