import { and, asc, eq, gt, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import { greekPublicHolidays, loadTenantHolidays, parseLocalDate, weekday } from '../../platform/calendar/index.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { apptExceptions, apptResources, apptServices, apptSlots, apptUnits, type TInterval, type TWeekly } from './schema.js';
import { addDays, instantAt, minutesOf, todayInAthens } from './time.js';

export type TService = typeof apptServices.$inferSelect;
export type TSlot = typeof apptSlots.$inferSelect;

/** The opening intervals of one date: an exception wins, then holidays close, then the weekly hours. */
export function openingOn(
  date: string,
  weekly: TWeekly,
  exceptions: Map<string, { closed: boolean; intervals: TInterval[] }>,
  closedDays: ReadonlySet<string>,
): TInterval[] {
  const ex = exceptions.get(date);
  if (ex) return ex.closed ? [] : ex.intervals;
  if (closedDays.has(date)) return [];
  const wd = String(weekday(parseLocalDate(date))) as keyof TWeekly;
  return weekly[wd] ?? [];
}

/** Start minutes of the times that fit in the intervals: every duration + buffer, the whole duration inside. */
export function timesIn(intervals: TInterval[], durationMin: number, bufferMin: number): number[] {
  const out: number[] = [];
  const step = durationMin + bufferMin;
  for (const i of intervals) {
    const end = minutesOf(i.to);
    for (let t = minutesOf(i.from); t + durationMin <= end; t += step) out.push(t);
  }
  return out;
}

/**
 * Brings a service's slots in line with its configuration from today to the end of its
 * booking horizon: new times are added, times that no longer exist are deleted when nobody
 * holds them, or closed to new bookings (capacity lowered to what is taken) when somebody
 * does, so staff can move those people. Capacity can never drop below what is taken (CHECK).
 */
export async function materialiseService(db: DbOrTx, tenantId: string, serviceId: string, now = new Date()) {
  const [service] = await db
    .select()
    .from(apptServices)
    .where(and(eq(apptServices.tenantId, tenantId), eq(apptServices.id, serviceId)));
  if (!service) return 0;
  const from = todayInAthens(now);
  const to = addDays(from, service.horizonDays);
  const [unit] = await db
    .select()
    .from(apptUnits)
    .where(and(eq(apptUnits.tenantId, tenantId), eq(apptUnits.unitId, service.unitId)));
  const weekly = unit?.weekly ?? {};
  const exRows = await db
    .select()
    .from(apptExceptions)
    .where(
      and(
        eq(apptExceptions.tenantId, tenantId),
        eq(apptExceptions.unitId, service.unitId),
        gte(apptExceptions.date, from),
        lte(apptExceptions.date, to),
      ),
    );
  const exceptions = new Map(exRows.map((e) => [e.date, { closed: e.closed, intervals: e.intervals }]));
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const closedDays = new Set<string>();
  for (let y = y0; y <= y1; y++) for (const h of greekPublicHolidays(y)) closedDays.add(h.date);
  for (const h of await loadTenantHolidays(db, tenantId, y0, y1)) closedDays.add(h.date);
  const resources = await db
    .select({ id: apptResources.id })
    .from(apptResources)
    .where(
      and(
        eq(apptResources.tenantId, tenantId),
        eq(apptResources.active, true),
        sql`${service.id}::uuid = any(${apptResources.serviceIds})`,
      ),
    );
  const resourceIds: (string | null)[] = resources.length ? resources.map((r) => r.id) : [null];

  const wanted: (typeof apptSlots.$inferInsert)[] = [];
  if (service.active) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      for (const start of timesIn(openingOn(d, weekly, exceptions, closedDays), service.durationMin, service.bufferMin)) {
        const startsAt = instantAt(d, start);
        if (startsAt <= now) continue;
        const endsAt = instantAt(d, start + service.durationMin);
        for (const resourceId of resourceIds) {
          wanted.push({
            tenantId,
            serviceId: service.id,
            resourceId,
            date: d,
            startsAt,
            endsAt,
            capOnline: service.capOnline,
            capPhone: service.capPhone,
            capCounter: service.capCounter,
          });
        }
      }
    }
  }
  const keep: string[] = [];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .insert(apptSlots)
      .values(wanted.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [apptSlots.serviceId, apptSlots.resourceId, apptSlots.startsAt],
        set: {
          endsAt: sql`excluded.ends_at`,
          capOnline: sql`greatest(excluded.cap_online, ${apptSlots.takenOnline})`,
          capPhone: sql`greatest(excluded.cap_phone, ${apptSlots.takenPhone})`,
          capCounter: sql`greatest(excluded.cap_counter, ${apptSlots.takenCounter})`,
        },
      })
      .returning({ id: apptSlots.id });
    keep.push(...rows.map((r) => r.id));
  }
  const stale = and(
    eq(apptSlots.tenantId, tenantId),
    eq(apptSlots.serviceId, service.id),
    gt(apptSlots.startsAt, now),
    keep.length ? notInArray(apptSlots.id, keep) : undefined,
  );
  await db.delete(apptSlots).where(and(stale, eq(apptSlots.takenOnline, 0), eq(apptSlots.takenPhone, 0), eq(apptSlots.takenCounter, 0)));
  await db
    .update(apptSlots)
    .set({ capOnline: apptSlots.takenOnline, capPhone: apptSlots.takenPhone, capCounter: apptSlots.takenCounter })
    .where(stale);
  return wanted.length;
}

/** Re-materialises every service of a unit (after its hours or exceptions changed). */
export async function materialiseUnit(db: DbOrTx, tenantId: string, unitId: string) {
  const services = await db
    .select({ id: apptServices.id })
    .from(apptServices)
    .where(and(eq(apptServices.tenantId, tenantId), eq(apptServices.unitId, unitId)));
  for (const s of services) await materialiseService(db, tenantId, s.id);
}

/** The earliest instant a citizen may book, and the last bookable date. */
export function bookingWindow(service: TService, now = new Date()) {
  return {
    earliest: new Date(now.getTime() + service.minLeadHours * 3600_000),
    lastDate: addDays(todayInAthens(now), service.horizonDays),
  };
}

/** Free online places per date over `days` days from `from` (0 for closed days), so the UI can show two months at once. */
export async function freeDays(db: DbOrTx, service: TService, from: string, days: number, now = new Date()) {
  const { earliest, lastDate } = bookingWindow(service, now);
  const to = addDays(from, days - 1);
  const rows = await db
    .select({ date: apptSlots.date, free: sql<number>`coalesce(sum(${apptSlots.capOnline} - ${apptSlots.takenOnline}), 0)::int` })
    .from(apptSlots)
    .where(
      and(
        eq(apptSlots.tenantId, service.tenantId),
        eq(apptSlots.serviceId, service.id),
        gte(apptSlots.date, from),
        lte(apptSlots.date, [to, lastDate].sort()[0] as string),
        gt(apptSlots.startsAt, earliest),
      ),
    )
    .groupBy(apptSlots.date);
  const byDate = new Map(rows.map((r) => [r.date, Number(r.free)]));
  const out: { date: string; free: number }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, free: byDate.get(d) ?? 0 });
  return out;
}

/** The times of one date with their free online places; per time, the counter with most room is the one to hold. */
export async function freeTimes(db: DbOrTx, service: TService, date: string, now = new Date()) {
  const { earliest, lastDate } = bookingWindow(service, now);
  if (date > lastDate) return [];
  const slots = await db
    .select()
    .from(apptSlots)
    .where(
      and(
        eq(apptSlots.tenantId, service.tenantId),
        eq(apptSlots.serviceId, service.id),
        eq(apptSlots.date, date),
        gt(apptSlots.startsAt, earliest),
      ),
    )
    .orderBy(asc(apptSlots.startsAt));
  const times = new Map<number, { startsAt: Date; endsAt: Date; free: number; slotId: string; best: number }>();
  for (const s of slots) {
    const free = s.capOnline - s.takenOnline;
    const key = s.startsAt.getTime();
    const t = times.get(key);
    if (!t) times.set(key, { startsAt: s.startsAt, endsAt: s.endsAt, free, slotId: s.id, best: free });
    else {
      t.free += free;
      if (free > t.best) {
        t.best = free;
        t.slotId = s.id;
      }
    }
  }
  return [...times.values()].map(({ best: _best, ...t }) => t);
}

/** Slots by id (for the day view and statistics). */
export async function slotsByIds(db: DbOrTx, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select()
    .from(apptSlots)
    .where(and(eq(apptSlots.tenantId, tenantId), inArray(apptSlots.id, ids)));
}
