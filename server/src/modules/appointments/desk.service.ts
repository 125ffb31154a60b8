import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { TBooking } from './booking.service.js';
import { apptBookings, apptResources, apptServices, apptTicketCounters, type TBookingStatus } from './schema.js';
import { todayInAthens } from './time.js';

/** Front-desk steps: which statuses each may start from, and what it records. */
export const DESK_ACTIONS = {
  'check-in': { from: ['booked'], to: 'checked_in' },
  start: { from: ['booked', 'checked_in'], to: 'serving' },
  served: { from: ['serving', 'checked_in'], to: 'served' },
  'no-show': { from: ['booked'], to: 'no_show' },
} as const satisfies Record<string, { from: TBookingStatus[]; to: TBookingStatus }>;
export type TDeskAction = keyof typeof DESK_ACTIONS;

export async function lockBooking(tx: DbOrTx, tenantId: string, id: string) {
  const [b] = await tx
    .select()
    .from(apptBookings)
    .where(and(eq(apptBookings.tenantId, tenantId), eq(apptBookings.id, id)))
    .for('update');
  if (!b || b.status === 'held' || b.status === 'released' || b.status === 'expired') throw new AppError('appointment.not_found', 404);
  return b;
}

export async function deskStep(tx: DbOrTx, b: TBooking, action: TDeskAction) {
  const step = DESK_ACTIONS[action];
  if (!(step.from as readonly string[]).includes(b.status)) throw new AppError('appointment.bad_transition', 409, { status: b.status });
  const now = new Date();
  const set: Partial<typeof apptBookings.$inferInsert> = { status: step.to };
  if (action === 'check-in') set.checkedInAt = now;
  if (action === 'start') {
    set.serviceStartedAt = now;
    set.checkedInAt = b.checkedInAt ?? now;
  }
  if (action === 'served') {
    set.serviceEndedAt = now;
    // Served straight from the queue: the start was not pressed, so no service time is recorded.
    set.serviceStartedAt = b.serviceStartedAt ?? null;
  }
  const [row] = await tx.update(apptBookings).set(set).where(eq(apptBookings.id, b.id)).returning();
  return row as TBooking;
}

/** A walk-in ticket: Α001, Α002, … per unit and Athens day, gap-free (the counter row is locked by the upsert). */
export async function createWalkIn(
  tx: DbOrTx,
  input: { tenantId: string; unitId: string; serviceId?: string; name?: string; staffUserId: string },
) {
  const date = todayInAthens();
  if (input.serviceId) {
    const [s] = await tx
      .select({ id: apptServices.id })
      .from(apptServices)
      .where(and(eq(apptServices.tenantId, input.tenantId), eq(apptServices.id, input.serviceId), eq(apptServices.unitId, input.unitId)));
    if (!s) throw new AppError('appointment.service_not_found', 404);
  }
  const [c] = await tx
    .insert(apptTicketCounters)
    .values({ tenantId: input.tenantId, unitId: input.unitId, date, last: 1 })
    .onConflictDoUpdate({
      target: [apptTicketCounters.tenantId, apptTicketCounters.unitId, apptTicketCounters.date],
      set: { last: sql`${apptTicketCounters.last} + 1` },
    })
    .returning({ last: apptTicketCounters.last });
  const ticket = `Α${String(c?.last ?? 1).padStart(3, '0')}`;
  const now = new Date();
  const [b] = await tx
    .insert(apptBookings)
    .values({
      tenantId: input.tenantId,
      unitId: input.unitId,
      serviceId: input.serviceId ?? null,
      kind: 'walk_in',
      channel: 'counter',
      status: 'checked_in',
      date,
      name: input.name ?? null,
      ticketNumber: ticket,
      bookedByUserId: input.staffUserId,
      checkedInAt: now,
      confirmedAt: now,
    })
    .returning();
  return b as TBooking;
}

/** The day of a unit: appointments by counter (in time order) and the walk-in queue (in ticket order). */
export async function dayView(db: DbOrTx, tenantId: string, unitId: string, date: string) {
  const resources = await db
    .select({ id: apptResources.id, name: apptResources.name })
    .from(apptResources)
    .where(and(eq(apptResources.tenantId, tenantId), eq(apptResources.unitId, unitId)))
    .orderBy(asc(apptResources.name));
  const rows = await db
    .select({ b: apptBookings, serviceNameEl: apptServices.nameEl, serviceNameEn: apptServices.nameEn })
    .from(apptBookings)
    .leftJoin(apptServices, eq(apptServices.id, apptBookings.serviceId))
    .where(
      and(
        eq(apptBookings.tenantId, tenantId),
        eq(apptBookings.unitId, unitId),
        eq(apptBookings.date, date),
        inArray(apptBookings.status, ['booked', 'checked_in', 'serving', 'served', 'no_show']),
      ),
    )
    .orderBy(sql`${apptBookings.startsAt} asc nulls last`, asc(apptBookings.ticketNumber));
  const items = rows.map((r) => ({ ...r.b, serviceName: r.serviceNameEl ? { el: r.serviceNameEl, en: r.serviceNameEn ?? '' } : null }));
  const appointments = items.filter((i) => i.kind === 'appointment');
  return {
    date,
    unitId,
    counters: [
      ...resources.map((r) => ({
        id: r.id as string | null,
        name: r.name,
        appointments: appointments.filter((a) => a.resourceId === r.id),
      })),
      ...(appointments.some((a) => !a.resourceId) ? [{ id: null, name: '', appointments: appointments.filter((a) => !a.resourceId) }] : []),
    ],
    walkIns: items.filter((i) => i.kind === 'walk_in'),
  };
}
