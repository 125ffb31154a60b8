import { and, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import { unitsWith } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { csvFromCells } from '../../platform/export/index.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { requireUnit } from './access.js';
import { apptBookings, apptServices, apptSlots } from './schema.js';
import { bookingWindow } from './slots.service.js';

export type TServiceStats = {
  serviceId: string;
  nameEl: string;
  nameEn: string;
  bookings: number;
  places: number;
  taken: number;
  utilisation: number;
  daysToFirstFree: number | null;
  served: number;
  noShows: number;
  noShowRate: number | null;
  avgServiceMin: number | null;
  walkIns: number;
};

const dayMs = 86_400_000;

/** The statistics of one unit, or of every unit the caller manages. */
export async function statsFor(platform: Platform, ctx: ServiceContext, q: { from: string; to: string; unitId?: string }) {
  let unitIds: string[] | null = null;
  if (q.unitId) {
    await requireUnit(platform, ctx, 'appointments.manage', q.unitId);
    unitIds = [q.unitId];
  } else {
    unitIds = unitsWith(ctx.actor, 'appointments.manage');
  }
  return serviceStats(platform.db, ctx.tenant.id, { from: q.from, to: q.to, unitIds });
}

/** Per service in [from, to]: bookings, utilisation of the places offered, no-shows, service time, and today's wait for a free time. */
export async function serviceStats(db: DbOrTx, tenantId: string, q: { from: string; to: string; unitIds: string[] | null }) {
  const services = await db
    .select()
    .from(apptServices)
    .where(
      and(
        eq(apptServices.tenantId, tenantId),
        q.unitIds ? inArray(apptServices.unitId, q.unitIds.length ? q.unitIds : ['00000000-0000-0000-0000-000000000000']) : undefined,
      ),
    );
  const out: TServiceStats[] = [];
  for (const s of services) {
    const [cap] = await db
      .select({
        places: sql<number>`coalesce(sum(${apptSlots.capOnline} + ${apptSlots.capPhone} + ${apptSlots.capCounter}), 0)::int`,
        taken: sql<number>`coalesce(sum(${apptSlots.takenOnline} + ${apptSlots.takenPhone} + ${apptSlots.takenCounter}), 0)::int`,
      })
      .from(apptSlots)
      .where(and(eq(apptSlots.serviceId, s.id), gte(apptSlots.date, q.from), lte(apptSlots.date, q.to)));
    const [b] = await db
      .select({
        bookings: sql<number>`count(*) filter (where ${apptBookings.kind} = 'appointment' and ${apptBookings.status} in ('booked','checked_in','serving','served','no_show'))::int`,
        served: sql<number>`count(*) filter (where ${apptBookings.status} = 'served')::int`,
        noShows: sql<number>`count(*) filter (where ${apptBookings.status} = 'no_show')::int`,
        walkIns: sql<number>`count(*) filter (where ${apptBookings.kind} = 'walk_in')::int`,
        avgSec: sql<number | null>`avg(extract(epoch from (${apptBookings.serviceEndedAt} - ${apptBookings.serviceStartedAt})))`,
      })
      .from(apptBookings)
      .where(and(eq(apptBookings.serviceId, s.id), gte(apptBookings.date, q.from), lte(apptBookings.date, q.to)));
    const { earliest } = bookingWindow(s);
    const [first] = await db
      .select({ at: sql<Date | null>`min(${apptSlots.startsAt})` })
      .from(apptSlots)
      .where(and(eq(apptSlots.serviceId, s.id), gt(apptSlots.startsAt, earliest), sql`${apptSlots.takenOnline} < ${apptSlots.capOnline}`));
    const places = Number(cap?.places ?? 0);
    const taken = Number(cap?.taken ?? 0);
    const served = Number(b?.served ?? 0);
    const noShows = Number(b?.noShows ?? 0);
    const firstAt = first?.at ? new Date(first.at) : null;
    out.push({
      serviceId: s.id,
      nameEl: s.nameEl,
      nameEn: s.nameEn,
      bookings: Number(b?.bookings ?? 0),
      places,
      taken,
      utilisation: places ? Math.round((taken / places) * 1000) / 1000 : 0,
      daysToFirstFree: firstAt ? Math.max(0, Math.floor((firstAt.getTime() - Date.now()) / dayMs)) : null,
      served,
      noShows,
      noShowRate: served + noShows ? Math.round((noShows / (served + noShows)) * 1000) / 1000 : null,
      avgServiceMin: b?.avgSec == null ? null : Math.round((Number(b.avgSec) / 60) * 10) / 10,
      walkIns: Number(b?.walkIns ?? 0),
    });
  }
  return out;
}

export function statsCsv(rows: TServiceStats[]) {
  const cols: (keyof TServiceStats)[] = [
    'serviceId',
    'nameEl',
    'nameEn',
    'bookings',
    'places',
    'taken',
    'utilisation',
    'daysToFirstFree',
    'served',
    'noShows',
    'noShowRate',
    'avgServiceMin',
    'walkIns',
  ];
  // the export kit neutralises formulas (a leading = + - @) and quotes , ; " and line breaks
  return csvFromCells([cols, ...rows.map((r) => cols.map((c) => r[c]))]);
}
