import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { userIdOf } from './access.js';
import { getService } from './config.service.js';
import { apptBookings, apptWaitlist } from './schema.js';

/**
 * A citizen waits for an earlier time of a service (optionally to replace a booking of theirs);
 * one waiting entry per service. The first in line is offered a freed place (`offerFreedPlace`).
 */
export async function joinWaitlist(
  platform: Platform,
  ctx: ServiceContext,
  body: { serviceId: string; untilDate?: string; bookingId?: string },
) {
  const { db } = platform;
  const tenantId = ctx.tenant.id;
  const userId = userIdOf(ctx);
  await getService(db, tenantId, body.serviceId);
  if (body.bookingId) {
    const [b] = await db
      .select()
      .from(apptBookings)
      .where(and(eq(apptBookings.tenantId, tenantId), eq(apptBookings.id, body.bookingId), eq(apptBookings.citizenUserId, userId)));
    if (b?.status !== 'booked' || b.serviceId !== body.serviceId) throw new AppError('appointment.not_found', 404);
  }
  const [dup] = await db
    .select({ id: apptWaitlist.id })
    .from(apptWaitlist)
    .where(
      and(
        eq(apptWaitlist.tenantId, tenantId),
        eq(apptWaitlist.serviceId, body.serviceId),
        eq(apptWaitlist.citizenUserId, userId),
        eq(apptWaitlist.status, 'waiting'),
      ),
    );
  if (dup) throw new AppError('appointment.waitlist_exists', 409);
  const [row] = await db
    .insert(apptWaitlist)
    .values({
      tenantId,
      serviceId: body.serviceId,
      citizenUserId: userId,
      deviceId: 'deviceId' in ctx.actor ? (ctx.actor.deviceId ?? null) : null,
      bookingId: body.bookingId ?? null,
      untilDate: body.untilDate ?? null,
    })
    .returning();
  return { id: row?.id as string, status: row?.status as string };
}

export async function leaveWaitlist(platform: Platform, ctx: ServiceContext, id: string) {
  await platform.db
    .update(apptWaitlist)
    .set({ status: 'cancelled' })
    .where(and(eq(apptWaitlist.tenantId, ctx.tenant.id), eq(apptWaitlist.id, id), eq(apptWaitlist.citizenUserId, userIdOf(ctx))));
}
