import { and, eq } from 'drizzle-orm';
import { can } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { requestAncestry } from '../../platform/tenancy/units.js';
import { requireUnit, userIdOf } from './access.js';
import { bookForCaller, cancelLocked, type TBooking } from './booking.service.js';
import { getService } from './config.service.js';
import { createWalkIn, dayView, deskStep, lockBooking, type TDeskAction } from './desk.service.js';
import { manageLink, sendBookingMessage } from './notify.job.js';
import { apptServices, apptSlots } from './schema.js';
import { todayInAthens } from './time.js';

/** The front desk's verbs: a unit's day, the steps of an appointment or walk-in, tickets, booking for a caller. */

export async function deskDay(platform: Platform, ctx: ServiceContext, unitId: string, date?: string) {
  await requireUnit(platform, ctx, 'appointments.desk', unitId);
  return dayView(platform.db, ctx.tenant.id, unitId, date ?? todayInAthens());
}

/** Check in, start, served, no-show or cancel; a cancelled appointment's citizen is told after the commit. */
export async function deskAction(platform: Platform, ctx: ServiceContext, id: string, action: TDeskAction | 'cancel') {
  const { db } = platform;
  // Loaded before the transaction: PGlite has one connection, so no query may run beside an open transaction.
  const ancestry = await requestAncestry(db, ctx);
  const out = await db.transaction(async (tx) => {
    const b = await lockBooking(tx, ctx.tenant.id, id);
    if (!can(ctx.actor, 'appointments.desk', { unitId: b.unitId, ancestry })) throw new AppError('auth.forbidden', 403);
    let next: TBooking;
    if (action === 'cancel') {
      await cancelLocked(platform, tx, b);
      next = { ...b, status: 'cancelled' };
    } else next = await deskStep(tx, b, action);
    await audit(tx, ctx, {
      action: `appointment.${action}`,
      entity: 'appointment',
      entityId: b.id,
      data: { from: b.status, to: next.status },
    });
    return next;
  });
  if (action === 'cancel' && out.kind === 'appointment') {
    await sendBookingMessage(platform, out, 'cancelled').catch((err) =>
      platform.log.error({ err: (err as Error).message }, 'cancel message not sent'),
    );
  }
  return out;
}

/** A walk-in ticket (Α001, Α002, … per unit and day). */
export async function issueWalkIn(platform: Platform, ctx: ServiceContext, body: { unitId: string; serviceId?: string; name?: string }) {
  await requireUnit(platform, ctx, 'appointments.desk', body.unitId);
  return platform.db.transaction(async (tx) => {
    const w = await createWalkIn(tx, { tenantId: ctx.tenant.id, ...body, staffUserId: userIdOf(ctx) });
    await audit(tx, ctx, { action: 'appointment.walk_in', entity: 'appointment', entityId: w.id, data: { ticket: w.ticketNumber } });
    return w;
  });
}

/** Every slot of a service on a day with free places per channel. */
export async function deskTimes(platform: Platform, ctx: ServiceContext, serviceId: string, date: string) {
  const s = await getService(platform.db, ctx.tenant.id, serviceId);
  await requireUnit(platform, ctx, 'appointments.desk', s.unitId);
  const rows = await platform.db
    .select()
    .from(apptSlots)
    .where(and(eq(apptSlots.tenantId, ctx.tenant.id), eq(apptSlots.serviceId, s.id), eq(apptSlots.date, date)))
    .orderBy(apptSlots.startsAt);
  return rows.map((r) => ({
    slotId: r.id,
    resourceId: r.resourceId,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    free: { online: r.capOnline - r.takenOnline, phone: r.capPhone - r.takenPhone, counter: r.capCounter - r.takenCounter },
  }));
}

/** Books a time for a caller or a person at the counter, from that channel's places, and sends the confirmation. */
export async function bookAtDesk(
  platform: Platform,
  ctx: ServiceContext,
  body: { slotId: string; channel: 'phone' | 'counter'; name: string; phone?: string; email?: string; notes?: string },
) {
  const { db } = platform;
  const [slot] = await db
    .select({ unitId: apptServices.unitId })
    .from(apptSlots)
    .innerJoin(apptServices, eq(apptServices.id, apptSlots.serviceId))
    .where(and(eq(apptSlots.tenantId, ctx.tenant.id), eq(apptSlots.id, body.slotId)));
  if (!slot) throw new AppError('appointment.slot_not_found', 404);
  await requireUnit(platform, ctx, 'appointments.desk', slot.unitId);
  const r = await db.transaction(async (tx) => {
    const res = await bookForCaller(platform, tx, { tenantId: ctx.tenant.id, staffUserId: userIdOf(ctx), ...body, lang: ctx.lang });
    await audit(tx, ctx, {
      action: 'appointment.book_for_caller',
      entity: 'appointment',
      entityId: res.booking.id,
      data: { channel: body.channel, slotId: body.slotId },
    });
    return res;
  });
  const link = manageLink(platform, r.manageToken, ctx.tenant);
  await sendBookingMessage(platform, r.booking, 'confirmed', link).catch((err) =>
    platform.log.error({ err: (err as Error).message }, 'confirmation not sent'),
  );
  return { booking: r.booking, manageUrl: link };
}
