import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import { hashToken, newToken } from '../../platform/identity/tokens.js';
import { cancelReminder, scheduleReminder as notifyReminder } from '../notify/index.js';
import { apptBookings, apptServices, apptSlots, apptWaitlist, type TChannel } from './schema.js';
import { addDays, formatWhen, todayInAthens } from './time.js';

export const HOLD_MS = 5 * 60_000;
/** A waiting-list offer is held longer: the citizen must first read the message. */
export const OFFER_HOLD_MS = 30 * 60_000;
export const MESSAGE_QUEUE = 'appointments.message';
export const REMINDER_QUEUE = 'appointments.reminder';

export type TBooking = typeof apptBookings.$inferSelect;

const takenCol = { online: apptSlots.takenOnline, phone: apptSlots.takenPhone, counter: apptSlots.takenCounter } as const;
const capCol = { online: apptSlots.capOnline, phone: apptSlots.capPhone, counter: apptSlots.capCounter } as const;
const takenKey = { online: 'takenOnline', phone: 'takenPhone', counter: 'takenCounter' } as const;

/**
 * Takes one place of a channel in a slot, or nothing. The row lock of the UPDATE serialises
 * concurrent attempts (across processes: it is the database's lock), and the condition is
 * re-checked after the lock is granted, so exactly the free places succeed; the CHECK
 * constraint (taken <= cap) is the last line of defence.
 */
async function takePlace(tx: DbOrTx, tenantId: string, slotId: string, channel: TChannel) {
  const [slot] = await tx
    .update(apptSlots)
    .set({ [takenKey[channel]]: sql`${takenCol[channel]} + 1` })
    .where(and(eq(apptSlots.tenantId, tenantId), eq(apptSlots.id, slotId), lt(takenCol[channel], capCol[channel])))
    .returning();
  return slot;
}

async function releasePlace(tx: DbOrTx, tenantId: string, slotId: string | null, channel: TChannel) {
  if (!slotId) return;
  await tx
    .update(apptSlots)
    .set({ [takenKey[channel]]: sql`${takenCol[channel]} - 1` })
    .where(and(eq(apptSlots.tenantId, tenantId), eq(apptSlots.id, slotId), sql`${takenCol[channel]} > 0`));
}

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

async function loadSlotForBooking(tx: DbOrTx, tenantId: string, slotId: string, now: Date, checkWindow: boolean) {
  const [row] = await tx
    .select({ slot: apptSlots, service: apptServices })
    .from(apptSlots)
    .innerJoin(apptServices, eq(apptServices.id, apptSlots.serviceId))
    .where(and(eq(apptSlots.tenantId, tenantId), eq(apptSlots.id, slotId)));
  if (!row?.service.active) throw new AppError('appointment.slot_not_found', 404);
  const earliest = checkWindow ? new Date(now.getTime() + row.service.minLeadHours * 3600_000) : now;
  if (row.slot.startsAt <= earliest || row.slot.date > addDays(todayInAthens(now), row.service.horizonDays)) {
    throw new AppError('appointment.outside_window', 409);
  }
  return row;
}

/** Marks expired holds of one slot as expired and gives their places back (so a waiting citizen need not wait for the cron). */
async function sweepSlot(tx: DbOrTx, tenantId: string, slotId: string, now: Date) {
  const gone = await tx
    .update(apptBookings)
    .set({ status: 'expired' })
    .where(
      and(
        eq(apptBookings.tenantId, tenantId),
        eq(apptBookings.slotId, slotId),
        eq(apptBookings.status, 'held'),
        lt(apptBookings.holdExpiresAt, now),
      ),
    )
    .returning({ channel: apptBookings.channel, waitlistId: apptBookings.waitlistId });
  for (const g of gone) {
    await releasePlace(tx, tenantId, slotId, g.channel);
    if (g.waitlistId) await tx.update(apptWaitlist).set({ status: 'cancelled' }).where(eq(apptWaitlist.id, g.waitlistId));
  }
}

/** Holds a time for a device for five minutes. A new hold releases the device's previous one. */
export async function holdSlot(db: DbOrTx, input: { tenantId: string; deviceId: string; slotId: string; lang: 'el' | 'en' }) {
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      const { slot, service } = await loadSlotForBooking(tx, input.tenantId, input.slotId, now, true);
      await sweepSlot(tx, input.tenantId, slot.id, now);
      const previous = await tx
        .update(apptBookings)
        .set({ status: 'released' })
        .where(and(eq(apptBookings.tenantId, input.tenantId), eq(apptBookings.deviceId, input.deviceId), eq(apptBookings.status, 'held')))
        .returning({ slotId: apptBookings.slotId, channel: apptBookings.channel });
      for (const p of previous) await releasePlace(tx, input.tenantId, p.slotId, p.channel);
      const taken = await takePlace(tx, input.tenantId, slot.id, 'online');
      if (!taken) throw new AppError('appointment.slot_full', 409);
      const [hold] = await tx
        .insert(apptBookings)
        .values({
          tenantId: input.tenantId,
          unitId: service.unitId,
          serviceId: service.id,
          slotId: slot.id,
          resourceId: slot.resourceId,
          channel: 'online',
          status: 'held',
          date: slot.date,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          holdExpiresAt: new Date(now.getTime() + HOLD_MS),
          deviceId: input.deviceId,
          lang: input.lang,
        })
        .returning();
      return hold as TBooking;
    });
  } catch (err) {
    // Two holds from one device at the same instant: the unique index on held rows refuses the second.
    if (pgCode(err) === '23505') throw new AppError('appointment.hold_conflict', 409);
    throw err;
  }
}

async function ownsHold(db: DbOrTx, tenantId: string, actor: Actor, b: TBooking) {
  if (b.citizenUserId && 'userId' in actor && actor.userId === b.citizenUserId) return true;
  if (!b.deviceId) return false;
  return (await deviceIdsOf(db, tenantId, actor)).includes(b.deviceId);
}

/** Gives a device's hold back before it expires. */
export async function releaseHold(platform: Platform, tenantId: string, actor: Actor, holdId: string) {
  await platform.db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(apptBookings)
      .where(and(eq(apptBookings.tenantId, tenantId), eq(apptBookings.id, holdId)))
      .for('update');
    if (b?.status !== 'held' || !(await ownsHold(tx, tenantId, actor, b))) throw new AppError('appointment.hold_not_found', 404);
    await tx.update(apptBookings).set({ status: 'released' }).where(eq(apptBookings.id, b.id));
    await releasePlace(tx, tenantId, b.slotId, b.channel);
    if (b.waitlistId) await tx.update(apptWaitlist).set({ status: 'cancelled' }).where(eq(apptWaitlist.id, b.waitlistId));
    if (b.slotId) await offerFreedPlace(platform, tx, tenantId, b.slotId);
  });
}

/** Bookings of a citizen for a service that count against the per-period limit. */
async function countTowardsLimit(
  tx: DbOrTx,
  tenantId: string,
  userId: string,
  service: { id: string; limitPeriodDays: number },
  at: Date,
  exclude: string[],
) {
  const span = service.limitPeriodDays * 86_400_000;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(apptBookings)
    .where(
      and(
        eq(apptBookings.tenantId, tenantId),
        eq(apptBookings.citizenUserId, userId),
        eq(apptBookings.serviceId, service.id),
        inArray(apptBookings.status, ['booked', 'checked_in', 'serving', 'served', 'no_show']),
        gte(apptBookings.startsAt, new Date(at.getTime() - span)),
        lte(apptBookings.startsAt, new Date(at.getTime() + span)),
        exclude.length
          ? sql`${apptBookings.id} not in (${sql.join(
              exclude.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

export type TConfirmed = { booking: TBooking; manageToken: string };

/**
 * Turns a hold into an appointment for a verified citizen. An expired hold gives its place back
 * and fails with `appointment.hold_expired`; a waiting-list offer replaces the citizen's later booking.
 */
export async function confirmHold(
  platform: Platform,
  input: { tenantId: string; actor: Actor; holdId: string; name?: string; notes?: string; lang: 'el' | 'en' },
): Promise<TConfirmed> {
  const { db } = platform;
  const userId = 'userId' in input.actor ? input.actor.userId : undefined;
  if (!userId) throw new AppError('auth.required', 401);
  const now = new Date();
  const result = await db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(apptBookings)
      .where(and(eq(apptBookings.tenantId, input.tenantId), eq(apptBookings.id, input.holdId)))
      .for('update');
    if (!b || !(await ownsHold(tx, input.tenantId, input.actor, b))) throw new AppError('appointment.hold_not_found', 404);
    if (b.status === 'booked') throw new AppError('appointment.already_confirmed', 409);
    if (b.status !== 'held') throw new AppError('appointment.hold_expired', 409);
    if (!b.holdExpiresAt || b.holdExpiresAt <= now) {
      await tx.update(apptBookings).set({ status: 'expired' }).where(eq(apptBookings.id, b.id));
      await releasePlace(tx, input.tenantId, b.slotId, b.channel);
      if (b.waitlistId) await tx.update(apptWaitlist).set({ status: 'cancelled' }).where(eq(apptWaitlist.id, b.waitlistId));
      return { expired: true as const };
    }
    // One confirmation per citizen at a time, so two tabs cannot both slip under the limit.
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new AppError('auth.required', 401);
    const [service] = await tx
      .select()
      .from(apptServices)
      .where(eq(apptServices.id, b.serviceId as string));
    if (!service) throw new AppError('appointment.service_not_found', 404);
    const exclude = [b.id, ...(b.replacesBookingId ? [b.replacesBookingId] : [])];
    const count = await countTowardsLimit(tx, input.tenantId, userId, service, b.startsAt as Date, exclude);
    if (count >= service.limitPerCitizen) {
      throw new AppError('appointment.limit_reached', 409, { limit: service.limitPerCitizen, days: service.limitPeriodDays });
    }
    const token = newToken();
    const [booked] = await tx
      .update(apptBookings)
      .set({
        status: 'booked',
        citizenUserId: userId,
        name: input.name ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || null),
        phone: user.phoneVerifiedAt ? user.phone : null,
        email: user.emailVerifiedAt || user.taxisnetVerifiedAt ? user.email : null,
        notes: input.notes ?? null,
        lang: input.lang,
        confirmedAt: now,
        holdExpiresAt: null,
        manageTokenHash: hashToken(token),
      })
      .where(eq(apptBookings.id, b.id))
      .returning();
    if (b.replacesBookingId) {
      const [old] = await tx
        .select()
        .from(apptBookings)
        .where(and(eq(apptBookings.id, b.replacesBookingId), eq(apptBookings.citizenUserId, userId)))
        .for('update');
      if (old && old.status === 'booked') await cancelLocked(platform, tx, old);
    }
    if (b.waitlistId) await tx.update(apptWaitlist).set({ status: 'done' }).where(eq(apptWaitlist.id, b.waitlistId));
    await scheduleReminder(platform, tx, booked as TBooking);
    return { expired: false as const, booking: booked as TBooking, token };
  });
  if (result.expired) throw new AppError('appointment.hold_expired', 409);
  return { booking: result.booking, manageToken: result.token };
}

/**
 * The day-before reminder. Citizens with an account get it through the notifications module
 * (their channels and preferences); callers booked by phone with only a number or e-mail get
 * a job of our own. Either way a moved booking reschedules it and a cancelled one cancels it.
 */
export async function scheduleReminder(platform: Platform, tx: DbOrTx, b: TBooking) {
  if (!b.startsAt) return;
  const runAt = new Date(b.startsAt.getTime() - 24 * 3600_000);
  if (runAt.getTime() < Date.now() + 3600_000) return; // booked for tomorrow: the confirmation is the reminder
  if (b.citizenUserId) {
    const [s] = await tx
      .select({ nameEl: apptServices.nameEl, nameEn: apptServices.nameEn })
      .from(apptServices)
      .where(eq(apptServices.id, b.serviceId as string));
    await notifyReminder(tx, {
      tenantId: b.tenantId,
      recipient: { userId: b.citizenUserId },
      at: runAt,
      text: {
        el: `Υπενθύμιση: αύριο ${formatWhen(b.startsAt, 'el')} έχετε ραντεβού «${s?.nameEl ?? ''}».`,
        en: `Reminder: tomorrow ${formatWhen(b.startsAt, 'en')} you have an appointment “${s?.nameEn ?? ''}”.`,
      },
      data: { bookingId: b.id },
      dedupeKey: reminderKey(b.id),
    });
    return;
  }
  await platform.jobs.enqueue(tx, {
    queue: REMINDER_QUEUE,
    tenantId: b.tenantId,
    runAt,
    payload: { bookingId: b.id, startsAt: b.startsAt.toISOString() },
    dedupeKey: `appt-reminder:${b.id}:${b.startsAt.toISOString()}`,
  });
}

const reminderKey = (bookingId: string) => `appointment:${bookingId}`;

/** Cancels a locked, active booking: gives the place back and offers it to the waiting list. */
export async function cancelLocked(platform: Platform, tx: DbOrTx, b: TBooking) {
  if (!['booked', 'held', 'checked_in'].includes(b.status)) throw new AppError('appointment.not_active', 409);
  await tx.update(apptBookings).set({ status: 'cancelled', cancelledAt: new Date() }).where(eq(apptBookings.id, b.id));
  await releasePlace(tx, b.tenantId, b.slotId, b.channel);
  if (b.citizenUserId) await cancelReminder(tx, b.tenantId, reminderKey(b.id));
  if (b.slotId && b.channel === 'online') await offerFreedPlace(platform, tx, b.tenantId, b.slotId);
}

export async function bookingByToken(db: DbOrTx, tenantId: string, token: string, lock = false) {
  const q = db
    .select()
    .from(apptBookings)
    .where(and(eq(apptBookings.tenantId, tenantId), eq(apptBookings.manageTokenHash, hashToken(token))));
  const [b] = lock ? await q.for('update') : await q;
  if (!b) throw new AppError('appointment.bad_token', 404);
  return b;
}

export async function cancelByToken(platform: Platform, tenantId: string, token: string) {
  return platform.db.transaction(async (tx) => {
    const b = await bookingByToken(tx, tenantId, token, true);
    if (b.status !== 'booked') throw new AppError('appointment.not_active', 409);
    await cancelLocked(platform, tx, b);
    return b;
  });
}

/** Moves a booking to another time of the same service, atomically: the new place is taken before the old is freed. */
export async function moveBooking(platform: Platform, tx: DbOrTx, b: TBooking, slotId: string, checkWindow: boolean) {
  if (b.status !== 'booked') throw new AppError('appointment.not_active', 409);
  const now = new Date();
  const { slot } = await loadSlotForBooking(tx, b.tenantId, slotId, now, checkWindow);
  if (slot.serviceId !== b.serviceId) throw new AppError('appointment.slot_not_found', 404);
  if (slot.id === b.slotId) return b;
  await sweepSlot(tx, b.tenantId, slot.id, now);
  if (!(await takePlace(tx, b.tenantId, slot.id, b.channel))) throw new AppError('appointment.slot_full', 409);
  await releasePlace(tx, b.tenantId, b.slotId, b.channel);
  const [moved] = await tx
    .update(apptBookings)
    .set({ slotId: slot.id, resourceId: slot.resourceId, date: slot.date, startsAt: slot.startsAt, endsAt: slot.endsAt })
    .where(eq(apptBookings.id, b.id))
    .returning();
  await scheduleReminder(platform, tx, moved as TBooking);
  if (b.slotId && b.channel === 'online') await offerFreedPlace(platform, tx, b.tenantId, b.slotId);
  return moved as TBooking;
}

export async function moveByToken(platform: Platform, tenantId: string, token: string, slotId: string) {
  return platform.db.transaction(async (tx) => {
    const b = await bookingByToken(tx, tenantId, token, true);
    return moveBooking(platform, tx, b, slotId, true);
  });
}

/**
 * Offers a freed online place to the first citizen waiting for an earlier time of the service:
 * the place is held for them (30 minutes) and a message job tells them. Skipped when nobody
 * waits, or the time is too close to be useful.
 */
export async function offerFreedPlace(platform: Platform, tx: DbOrTx, tenantId: string, slotId: string) {
  const [row] = await tx
    .select({ slot: apptSlots, service: apptServices })
    .from(apptSlots)
    .innerJoin(apptServices, eq(apptServices.id, apptSlots.serviceId))
    .where(and(eq(apptSlots.tenantId, tenantId), eq(apptSlots.id, slotId)));
  if (!row?.service.active) return;
  const { slot, service } = row;
  if (slot.startsAt.getTime() < Date.now() + service.minLeadHours * 3600_000) return;
  if (slot.takenOnline >= slot.capOnline) return;
  const current = sql`(select b.starts_at from appt_bookings b where b.id = ${apptWaitlist.bookingId})`;
  const [entry] = await tx
    .select()
    .from(apptWaitlist)
    .where(
      and(
        eq(apptWaitlist.tenantId, tenantId),
        eq(apptWaitlist.serviceId, service.id),
        eq(apptWaitlist.status, 'waiting'),
        or(isNull(apptWaitlist.untilDate), gte(apptWaitlist.untilDate, slot.date)),
        or(isNull(apptWaitlist.bookingId), sql`${current} > ${slot.startsAt}`),
      ),
    )
    .orderBy(asc(apptWaitlist.createdAt))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!entry) return;
  if (!(await takePlace(tx, tenantId, slot.id, 'online'))) return;
  const [offer] = await tx
    .insert(apptBookings)
    .values({
      tenantId,
      unitId: service.unitId,
      serviceId: service.id,
      slotId: slot.id,
      resourceId: slot.resourceId,
      channel: 'online',
      status: 'held',
      date: slot.date,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      holdExpiresAt: new Date(Date.now() + OFFER_HOLD_MS),
      citizenUserId: entry.citizenUserId,
      waitlistId: entry.id,
      replacesBookingId: entry.bookingId,
    })
    .returning({ id: apptBookings.id });
  await tx.update(apptWaitlist).set({ status: 'offered', offeredBookingId: offer?.id }).where(eq(apptWaitlist.id, entry.id));
  await platform.jobs.enqueue(tx, { queue: MESSAGE_QUEUE, tenantId, payload: { kind: 'offer', bookingId: offer?.id } });
}

/** Releases every expired hold (the cron's work); returns how many. Expired offers leave the waiting list and pass the place on. */
export async function expireHolds(platform: Platform, now = new Date()) {
  let total = 0;
  for (;;) {
    const n = await platform.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(apptBookings)
        .where(and(eq(apptBookings.status, 'held'), lt(apptBookings.holdExpiresAt, now)))
        .limit(200)
        .for('update', { skipLocked: true });
      for (const b of due) {
        await tx.update(apptBookings).set({ status: 'expired' }).where(eq(apptBookings.id, b.id));
        await releasePlace(tx, b.tenantId, b.slotId, b.channel);
        if (b.waitlistId) {
          await tx.update(apptWaitlist).set({ status: 'cancelled' }).where(eq(apptWaitlist.id, b.waitlistId));
          if (b.slotId) await offerFreedPlace(platform, tx, b.tenantId, b.slotId);
        }
      }
      return due.length;
    });
    total += n;
    if (n < 200) return total;
  }
}

/** Staff books a time for a caller or a person at the counter, from that channel's places. */
export async function bookForCaller(
  platform: Platform,
  tx: DbOrTx,
  input: {
    tenantId: string;
    staffUserId: string;
    slotId: string;
    channel: 'phone' | 'counter';
    name: string;
    phone?: string;
    email?: string;
    notes?: string;
    lang: 'el' | 'en';
  },
) {
  const now = new Date();
  const { slot, service } = await loadSlotForBooking(tx, input.tenantId, input.slotId, now, false);
  await sweepSlot(tx, input.tenantId, slot.id, now);
  if (!(await takePlace(tx, input.tenantId, slot.id, input.channel))) throw new AppError('appointment.slot_full', 409);
  const token = newToken();
  const [b] = await tx
    .insert(apptBookings)
    .values({
      tenantId: input.tenantId,
      unitId: service.unitId,
      serviceId: service.id,
      slotId: slot.id,
      resourceId: slot.resourceId,
      channel: input.channel,
      status: 'booked',
      date: slot.date,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      notes: input.notes ?? null,
      lang: input.lang,
      bookedByUserId: input.staffUserId,
      confirmedAt: now,
      manageTokenHash: hashToken(token),
    })
    .returning();
  await scheduleReminder(platform, tx, b as TBooking);
  return { booking: b as TBooking, manageToken: token };
}

/** A citizen's bookings, soonest first (past ones included, most recent 100). */
export async function myBookings(db: DbOrTx, tenantId: string, userId: string) {
  return db
    .select()
    .from(apptBookings)
    .where(and(eq(apptBookings.tenantId, tenantId), eq(apptBookings.citizenUserId, userId), ne(apptBookings.status, 'released')))
    .orderBy(sql`${apptBookings.startsAt} desc nulls last`)
    .limit(100);
}
