import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { userIdOf } from './access.js';
import { confirmHold, holdSlot, myBookings, releaseHold } from './booking.service.js';
import { manageLink, sendBookingMessage } from './notify.job.js';

/** A citizen's device holds a time for five minutes; signed in, the citizen confirms it. */

export async function placeHold(platform: Platform, ctx: ServiceContext, slotId: string) {
  const deviceId = 'deviceId' in ctx.actor ? ctx.actor.deviceId : undefined;
  if (!deviceId) throw new AppError('auth.required', 401);
  return holdSlot(platform.db, { tenantId: ctx.tenant.id, deviceId, slotId, lang: ctx.lang });
}

export async function giveBackHold(platform: Platform, ctx: ServiceContext, holdId: string) {
  await releaseHold(platform, ctx.tenant.id, ctx.actor, holdId);
}

/**
 * Confirms a hold as a verified citizen and sends the confirmation (after the commit: a message
 * that fails to leave is logged, the booking stands). Returns the manage link, shown once.
 */
export async function confirmBooking(platform: Platform, ctx: ServiceContext, holdId: string, body: { name?: string; notes?: string }) {
  const r = await confirmHold(platform, { tenantId: ctx.tenant.id, actor: ctx.actor, holdId, ...body, lang: ctx.lang });
  const link = manageLink(platform, r.manageToken, ctx.tenant);
  await sendBookingMessage(platform, r.booking, 'confirmed', link).catch((err) =>
    platform.log.error({ err: (err as Error).message }, 'confirmation not sent'),
  );
  return {
    booking: r.booking,
    manageToken: r.manageToken,
    manageUrl: link,
    icsUrl: `/api/appointments/${r.booking.id}.ics?token=${r.manageToken}`,
  };
}

export async function myAppointments(platform: Platform, ctx: ServiceContext) {
  return myBookings(platform.db, ctx.tenant.id, userIdOf(ctx));
}
