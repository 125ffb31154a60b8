import { and, eq } from 'drizzle-orm';
import { publicOrigin } from '../../platform/config/public-url.js';
import type { Platform } from '../../platform/context.js';
import { users } from '../../platform/identity/identity.schema.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import type { TBooking } from './booking.service.js';
import { apptBookings, apptServices } from './schema.js';
import { formatWhen } from './time.js';

/**
 * Messages to citizens, sent through platform.messaging (SMS when a phone is known, else e-mail).
 * Manage links carry a secret token, so they are sent right after the booking commits and never
 * stored in a job payload; reminders and waiting-list offers carry no secret and run as jobs.
 */
type TKind = 'confirmed' | 'reminder' | 'offer' | 'cancelled';

const texts: Record<TKind, { el: (p: Record<string, string>) => string; en: (p: Record<string, string>) => string }> = {
  confirmed: {
    el: (p) => `Το ραντεβού σας «${p.service}» (${p.unit}) κλείστηκε για ${p.when}. Αλλαγή ή ακύρωση: ${p.link}`,
    en: (p) => `Your appointment “${p.service}” (${p.unit}) is booked for ${p.when}. Change or cancel: ${p.link}`,
  },
  reminder: {
    el: (p) => `Υπενθύμιση: αύριο ${p.when} έχετε ραντεβού «${p.service}» (${p.unit}).`,
    en: (p) => `Reminder: tomorrow ${p.when} you have an appointment “${p.service}” (${p.unit}).`,
  },
  offer: {
    el: (p) => `Ελευθερώθηκε νωρίτερη ώρα για «${p.service}»: ${p.when}. Την κρατάμε για εσάς 30 λεπτά: ${p.link}`,
    en: (p) => `An earlier time is free for “${p.service}”: ${p.when}. We hold it for you for 30 minutes: ${p.link}`,
  },
  cancelled: {
    el: (p) => `Το ραντεβού σας «${p.service}» στις ${p.when} ακυρώθηκε.`,
    en: (p) => `Your appointment “${p.service}” at ${p.when} was cancelled.`,
  },
};

const subjects: Record<TKind, { el: string; en: string }> = {
  confirmed: { el: 'Επιβεβαίωση ραντεβού', en: 'Appointment confirmed' },
  reminder: { el: 'Υπενθύμιση ραντεβού', en: 'Appointment reminder' },
  offer: { el: 'Νωρίτερη ώρα για το ραντεβού σας', en: 'An earlier time for your appointment' },
  cancelled: { el: 'Ακύρωση ραντεβού', en: 'Appointment cancelled' },
};

export const manageLink = (platform: Platform, token: string, tenant: { hosts: string[] }) =>
  `${publicOrigin(platform.cfg, tenant)}/appointments/manage?token=${token}`;

export async function sendBookingMessage(platform: Platform, b: TBooking, kind: TKind, link = '') {
  const { db } = platform;
  const [ctx] = await db
    .select({ s: apptServices, unitEl: orgUnits.nameEl, unitEn: orgUnits.nameEn })
    .from(apptServices)
    .innerJoin(orgUnits, eq(orgUnits.id, apptServices.unitId))
    .where(eq(apptServices.id, b.serviceId as string));
  if (!ctx || !b.startsAt) return false;
  let { phone, email } = b;
  if (!phone && !email && b.citizenUserId) {
    const [u] = await db.select().from(users).where(eq(users.id, b.citizenUserId));
    phone = u?.phoneVerifiedAt ? u.phone : null;
    email = u?.emailVerifiedAt || u?.taxisnetVerifiedAt ? (u?.email ?? null) : null;
  }
  const lang = b.lang;
  const p = {
    service: lang === 'el' ? ctx.s.nameEl : ctx.s.nameEn,
    unit: lang === 'el' ? ctx.unitEl : ctx.unitEn,
    when: formatWhen(b.startsAt, lang),
    link,
  };
  const text = texts[kind][lang](p);
  if (phone) await platform.messaging.sendSms(b.tenantId, phone, text);
  else if (email) {
    const docs = lang === 'el' ? ctx.s.documentsEl : ctx.s.documentsEn;
    const extra =
      kind === 'confirmed' && docs.length ? `\n\n${lang === 'el' ? 'Φέρτε μαζί σας' : 'Please bring'}:\n- ${docs.join('\n- ')}` : '';
    await platform.messaging.sendEmail(b.tenantId, { to: email, subject: subjects[kind][lang], text: text + extra });
  } else return false;
  return true;
}

/** Job handler for reminders and offers: re-reads the booking so a cancelled or moved one is not announced. */
export async function runMessageJob(platform: Platform, tenantId: string, payload: Record<string, unknown>, kind: 'reminder' | 'offer') {
  const [b] = await platform.db
    .select()
    .from(apptBookings)
    .where(and(eq(apptBookings.tenantId, tenantId), eq(apptBookings.id, String(payload.bookingId))));
  if (!b) return;
  if (kind === 'reminder') {
    if (b.status !== 'booked' || b.startsAt?.toISOString() !== payload.startsAt) return;
    await sendBookingMessage(platform, b, 'reminder');
  } else {
    if (b.status !== 'held') return;
    const [tenant] = await platform.db.select({ hosts: tenants.hosts }).from(tenants).where(eq(tenants.id, tenantId));
    await sendBookingMessage(platform, b, 'offer', `${publicOrigin(platform.cfg, tenant)}/appointments/offer/${b.id}`);
  }
}
