import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { userIdOf } from './access.js';
import { bookingByToken, cancelByToken, moveByToken } from './booking.service.js';
import { getService } from './config.service.js';
import { icsCalendar } from './ics.js';
import { apptBookings, apptServices } from './schema.js';

/** What a manage link (no sign-in) or the booking's own citizen may do with an appointment. */

export async function manageView(platform: Platform, ctx: ServiceContext, token: string) {
  const b = await bookingByToken(platform.db, ctx.tenant.id, token);
  return { booking: b, service: await getService(platform.db, ctx.tenant.id, b.serviceId as string) };
}

export async function cancelByManageLink(platform: Platform, ctx: ServiceContext, token: string) {
  await cancelByToken(platform, ctx.tenant.id, token);
  return bookingByToken(platform.db, ctx.tenant.id, token);
}

export async function moveByManageLink(platform: Platform, ctx: ServiceContext, token: string, slotId: string) {
  return moveByToken(platform, ctx.tenant.id, token, slotId);
}

/** The appointment as an iCalendar file, in the caller's language: by manage token, or for its signed-in citizen. */
export async function bookingCalendar(platform: Platform, ctx: ServiceContext, id: string, token?: string) {
  const { db } = platform;
  const [b] = await db
    .select({ b: apptBookings, s: apptServices })
    .from(apptBookings)
    .innerJoin(apptServices, eq(apptServices.id, apptBookings.serviceId))
    .where(and(eq(apptBookings.tenantId, ctx.tenant.id), eq(apptBookings.id, id)));
  const byToken = token ? await bookingByToken(db, ctx.tenant.id, token).catch(() => undefined) : undefined;
  const own = b && (byToken?.id === b.b.id || (b.b.citizenUserId && userIdOf(ctx) === b.b.citizenUserId));
  if (!b || !own || !b.b.startsAt || !b.b.endsAt || b.b.status === 'held') throw new AppError('appointment.not_found', 404);
  const lang = ctx.lang;
  const docs = lang === 'el' ? b.s.documentsEl : b.s.documentsEn;
  return icsCalendar({
    uid: `${b.b.id}@dimos`,
    start: b.b.startsAt,
    end: b.b.endsAt,
    summary: lang === 'el' ? b.s.nameEl : b.s.nameEn,
    location: lang === 'el' ? ctx.tenant.nameEl : ctx.tenant.nameEn,
    description: docs.length ? `${lang === 'el' ? 'Φέρτε μαζί σας' : 'Please bring'}: ${docs.join('; ')}` : undefined,
    cancelled: b.b.status === 'cancelled',
    sequence: b.b.status === 'cancelled' ? 1 : 0,
  });
}
