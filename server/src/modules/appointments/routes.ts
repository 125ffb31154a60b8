import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, unitsWith } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { requestAncestry } from '../../platform/tenancy/units.js';
import {
  bookForCaller,
  bookingByToken,
  cancelByToken,
  cancelLocked,
  confirmHold,
  holdSlot,
  moveByToken,
  myBookings,
  releaseHold,
  type TBooking,
} from './booking.service.js';
import {
  createResource,
  createService,
  deleteException,
  getService,
  setException,
  setWeeklyHours,
  unitConfig,
  updateService,
  ZExceptionBody,
  ZInterval,
  ZResourceBody,
  ZServiceBody,
  ZServicePatch,
  ZWeekly,
} from './config.service.js';
import { createWalkIn, DESK_ACTIONS, dayView, deskStep, lockBooking, type TDeskAction } from './desk.service.js';
import { icsCalendar } from './ics.js';
import { manageLink, sendBookingMessage } from './notify.job.js';
import { apptBookings, apptServices, apptSlots, apptWaitlist } from './schema.js';
import { freeDays, freeTimes } from './slots.service.js';
import { serviceStats, statsCsv } from './stats.service.js';
import { todayInAthens } from './time.js';

const TAG = ['appointments'];
const ZError = z.object({ code: z.string(), message: z.string() });
const ZLocalized = z.object({ el: z.string(), en: z.string() });
const ZDate = z.iso.date();

const ZBooking = z.object({
  id: z.uuid(),
  kind: z.enum(['appointment', 'walk_in']),
  status: z.string(),
  channel: z.enum(['online', 'phone', 'counter']),
  serviceId: z.uuid().nullable(),
  unitId: z.uuid(),
  resourceId: z.uuid().nullable(),
  date: z.string(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  holdExpiresAt: z.date().nullable(),
  ticketNumber: z.string().nullable(),
  name: z.string().nullable(),
  checkedInAt: z.date().nullable(),
  serviceStartedAt: z.date().nullable(),
  serviceEndedAt: z.date().nullable(),
});
const ZStaffBooking = ZBooking.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  serviceName: ZLocalized.nullable().optional(),
});
const bookingOut = (b: TBooking) => ({
  id: b.id,
  kind: b.kind,
  status: b.status,
  channel: b.channel,
  serviceId: b.serviceId,
  unitId: b.unitId,
  resourceId: b.resourceId,
  date: b.date,
  startsAt: b.startsAt,
  endsAt: b.endsAt,
  holdExpiresAt: b.holdExpiresAt,
  ticketNumber: b.ticketNumber,
  name: b.name,
  checkedInAt: b.checkedInAt,
  serviceStartedAt: b.serviceStartedAt,
  serviceEndedAt: b.serviceEndedAt,
});
const staffOut = (b: TBooking & { serviceName?: { el: string; en: string } | null }) => ({
  ...bookingOut(b),
  phone: b.phone,
  email: b.email,
  notes: b.notes,
  serviceName: b.serviceName ?? null,
});
const ZConfirmed = z.object({ booking: ZBooking, manageToken: z.string(), manageUrl: z.string(), icsUrl: z.string() });

const ZService = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  name: ZLocalized,
  durationMin: z.number().int(),
  documents: z.object({ el: z.array(z.string()), en: z.array(z.string()) }),
  horizonDays: z.number().int(),
  minLeadHours: z.number().int(),
});
const ZAdminService = ZServiceBody.extend({ id: z.uuid() });
const serviceOut = (s: typeof apptServices.$inferSelect) => ({
  id: s.id,
  unitId: s.unitId,
  name: { el: s.nameEl, en: s.nameEn },
  durationMin: s.durationMin,
  documents: { el: s.documentsEl, en: s.documentsEn },
  horizonDays: s.horizonDays,
  minLeadHours: s.minLeadHours,
});
const adminServiceOut = (s: typeof apptServices.$inferSelect) => {
  const { tenantId: _t, createdAt: _c, ...rest } = s;
  return rest;
};

const userIdOf = (req: FastifyRequest) => ('userId' in req.actor ? req.actor.userId : undefined) as string;

/** Unit-scoped permission: a grant on the unit or on a Διεύθυνση above it. */
async function requireUnit(platform: Platform, req: FastifyRequest, perm: string, unitId: string, source: 'field' | 'path' = 'field') {
  // the unit must be one of the caller's tenant: a tenant-wide grant would otherwise allow any id
  const [unit] = await platform.db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, req.tenant.id)));
  if (!unit) {
    if (source === 'path') throw new AppError('not_found', 404);
    throw new AppError('validation.failed', 400, {}, [{ field: 'unitId', code: 'validation.unknown_reference' }]);
  }
  const ancestry = await requestAncestry(platform.db, req);
  if (!can(req.actor, perm, { unitId, ancestry })) throw new AppError('auth.forbidden', 403);
}

export async function appointmentsRoutes(app: App, platform: Platform) {
  const { db } = platform;
  const perIp = {
    max: Number(process.env.APPOINTMENTS_HOLDS_PER_IP_MINUTE ?? 20),
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => req.ip,
  };
  const perDevice = app.createRateLimit({
    max: 10,
    timeWindow: 60_000,
    keyGenerator: (req) => `appt-device:${'deviceId' in req.actor ? req.actor.deviceId : req.ip}`,
  });
  const perCitizen = app.createRateLimit({ max: 10, timeWindow: 60_000, keyGenerator: (req) => `appt-citizen:${userIdOf(req) ?? req.ip}` });
  const limited = async (check: typeof perDevice, req: FastifyRequest) => {
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw new AppError('http.rate_limited', 429);
  };

  // ---- citizens: services and free times ---------------------------------------------------
  app.get(
    '/api/appointments/services',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Services one can book, optionally of one unit',
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: z.array(ZService) },
      },
    },
    async (req) => {
      const rows = await db
        .select()
        .from(apptServices)
        .where(
          and(
            eq(apptServices.tenantId, req.tenant.id),
            eq(apptServices.active, true),
            req.query.unitId ? eq(apptServices.unitId, req.query.unitId) : undefined,
          ),
        );
      return rows.map(serviceOut);
    },
  );

  app.get(
    '/api/appointments/services/:id/days',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Free online places per day (default: the next 60 days)',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ from: ZDate.optional(), days: z.coerce.number().int().min(1).max(120).default(60) }),
        response: { 200: z.array(z.object({ date: z.string(), free: z.number().int() })), 404: ZError },
      },
    },
    async (req) => {
      const s = await getService(db, req.tenant.id, req.params.id);
      if (!s.active) throw new AppError('appointment.service_not_found', 404);
      return freeDays(db, s, req.query.from ?? todayInAthens(), req.query.days);
    },
  );

  app.get(
    '/api/appointments/services/:id/times',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Times of one day with free online places; hold one by its slotId',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ date: ZDate }),
        response: {
          200: z.array(z.object({ slotId: z.uuid(), startsAt: z.date(), endsAt: z.date(), free: z.number().int() })),
          404: ZError,
        },
      },
    },
    async (req) => {
      const s = await getService(db, req.tenant.id, req.params.id);
      if (!s.active) throw new AppError('appointment.service_not_found', 404);
      return freeTimes(db, s, req.query.date);
    },
  );

  // ---- citizens: hold, confirm, manage -----------------------------------------------------
  app.post(
    '/api/appointments/holds',
    {
      config: { access: 'device', rateLimit: perIp },
      schema: {
        tags: TAG,
        summary: 'Hold a time for 5 minutes (one hold per device; a new hold releases the previous one)',
        body: z.object({ slotId: z.uuid() }),
        response: { 201: ZBooking, 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      await limited(perDevice, req);
      const deviceId = 'deviceId' in req.actor ? req.actor.deviceId : undefined;
      if (!deviceId) throw new AppError('auth.required', 401);
      const hold = await holdSlot(db, { tenantId: req.tenant.id, deviceId, slotId: req.body.slotId, lang: req.lang });
      return reply.status(201).send(bookingOut(hold));
    },
  );

  app.delete(
    '/api/appointments/holds/:id',
    {
      config: { access: 'device' },
      schema: { tags: TAG, summary: 'Give a held time back', params: z.object({ id: z.uuid() }), response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await releaseHold(platform, req.tenant.id, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/appointments/holds/:id/confirm',
    {
      config: { access: 'citizen' },
      schema: {
        tags: TAG,
        summary: 'Confirm a held time as a verified citizen; returns the manage link (shown once) and the iCalendar URL',
        params: z.object({ id: z.uuid() }),
        body: z.object({ name: z.string().trim().min(2).max(200).optional(), notes: z.string().max(1000).optional() }),
        response: { 201: ZConfirmed, 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      await limited(perCitizen, req);
      const r = await confirmHold(platform, {
        tenantId: req.tenant.id,
        actor: req.actor,
        holdId: req.params.id,
        ...req.body,
        lang: req.lang,
      });
      const link = manageLink(platform, r.manageToken, req.tenant);
      await sendBookingMessage(platform, r.booking, 'confirmed', link).catch((err) =>
        req.log.error({ err: (err as Error).message }, 'confirmation not sent'),
      );
      return reply.status(201).send({
        booking: bookingOut(r.booking),
        manageToken: r.manageToken,
        manageUrl: link,
        icsUrl: `/api/appointments/${r.booking.id}.ics?token=${r.manageToken}`,
      });
    },
  );

  app.get(
    '/api/appointments/mine',
    {
      config: { access: 'citizen' },
      schema: { tags: TAG, summary: 'My appointments, latest first', response: { 200: z.array(ZBooking) } },
    },
    async (req) => (await myBookings(db, req.tenant.id, userIdOf(req))).map(bookingOut),
  );

  app.get(
    '/api/appointments/:id.ics',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: TAG,
        summary: 'The appointment as an iCalendar file (manage token, or signed in as its citizen)',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ token: z.string().max(200).optional() }),
      },
    },
    async (req, reply) => {
      const [b] = await db
        .select({ b: apptBookings, s: apptServices })
        .from(apptBookings)
        .innerJoin(apptServices, eq(apptServices.id, apptBookings.serviceId))
        .where(and(eq(apptBookings.tenantId, req.tenant.id), eq(apptBookings.id, req.params.id)));
      const byToken = req.query.token ? await bookingByToken(db, req.tenant.id, req.query.token).catch(() => undefined) : undefined;
      const own = b && (byToken?.id === b.b.id || (b.b.citizenUserId && userIdOf(req) === b.b.citizenUserId));
      if (!b || !own || !b.b.startsAt || !b.b.endsAt || b.b.status === 'held') throw new AppError('appointment.not_found', 404);
      const lang = req.lang;
      const docs = lang === 'el' ? b.s.documentsEl : b.s.documentsEn;
      const ics = icsCalendar({
        uid: `${b.b.id}@dimos`,
        start: b.b.startsAt,
        end: b.b.endsAt,
        summary: lang === 'el' ? b.s.nameEl : b.s.nameEn,
        location: lang === 'el' ? req.tenant.nameEl : req.tenant.nameEn,
        description: docs.length ? `${lang === 'el' ? 'Φέρτε μαζί σας' : 'Please bring'}: ${docs.join('; ')}` : undefined,
        cancelled: b.b.status === 'cancelled',
        sequence: b.b.status === 'cancelled' ? 1 : 0,
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="appointment-${b.b.id}.ics"`)
        .header('cache-control', 'no-store')
        .send(ics);
    },
  );

  const manageLimit = { max: 30, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => req.ip };
  app.get(
    '/api/appointments/manage',
    {
      config: { access: 'public', rateLimit: manageLimit },
      schema: {
        tags: TAG,
        summary: 'The appointment behind a manage link (no sign-in needed)',
        querystring: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: ZBooking.extend({ service: ZService }), 404: ZError },
      },
    },
    async (req) => {
      const b = await bookingByToken(db, req.tenant.id, req.query.token);
      return { ...bookingOut(b), service: serviceOut(await getService(db, req.tenant.id, b.serviceId as string)) };
    },
  );
  app.post(
    '/api/appointments/manage/cancel',
    {
      config: { access: 'public', rateLimit: manageLimit },
      schema: {
        tags: TAG,
        summary: 'Cancel by manage link',
        body: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: ZBooking, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      await cancelByToken(platform, req.tenant.id, req.body.token);
      return bookingOut(await bookingByToken(db, req.tenant.id, req.body.token));
    },
  );
  app.post(
    '/api/appointments/manage/move',
    {
      config: { access: 'public', rateLimit: manageLimit },
      schema: {
        tags: TAG,
        summary: 'Move to another time of the same service by manage link',
        body: z.object({ token: z.string().min(20).max(200), slotId: z.uuid() }),
        response: { 200: ZBooking, 404: ZError, 409: ZError },
      },
    },
    async (req) => bookingOut(await moveByToken(platform, req.tenant.id, req.body.token, req.body.slotId)),
  );

  app.post(
    '/api/appointments/waitlist',
    {
      config: { access: 'citizen' },
      schema: {
        tags: TAG,
        summary: 'Wait for an earlier time: the first in line is offered a freed place, held for 30 minutes',
        body: z.object({ serviceId: z.uuid(), untilDate: ZDate.optional(), bookingId: z.uuid().optional() }),
        response: { 201: z.object({ id: z.uuid(), status: z.string() }), 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      const userId = userIdOf(req);
      await getService(db, req.tenant.id, req.body.serviceId);
      if (req.body.bookingId) {
        const [b] = await db
          .select()
          .from(apptBookings)
          .where(
            and(eq(apptBookings.tenantId, req.tenant.id), eq(apptBookings.id, req.body.bookingId), eq(apptBookings.citizenUserId, userId)),
          );
        if (b?.status !== 'booked' || b.serviceId !== req.body.serviceId) throw new AppError('appointment.not_found', 404);
      }
      const [dup] = await db
        .select({ id: apptWaitlist.id })
        .from(apptWaitlist)
        .where(
          and(
            eq(apptWaitlist.tenantId, req.tenant.id),
            eq(apptWaitlist.serviceId, req.body.serviceId),
            eq(apptWaitlist.citizenUserId, userId),
            eq(apptWaitlist.status, 'waiting'),
          ),
        );
      if (dup) throw new AppError('appointment.waitlist_exists', 409);
      const [row] = await db
        .insert(apptWaitlist)
        .values({
          tenantId: req.tenant.id,
          serviceId: req.body.serviceId,
          citizenUserId: userId,
          deviceId: 'deviceId' in req.actor ? (req.actor.deviceId ?? null) : null,
          bookingId: req.body.bookingId ?? null,
          untilDate: req.body.untilDate ?? null,
        })
        .returning();
      return reply.status(201).send({ id: row?.id as string, status: row?.status as string });
    },
  );
  app.delete(
    '/api/appointments/waitlist/:id',
    {
      config: { access: 'citizen' },
      schema: { tags: TAG, summary: 'Leave the waiting list', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await db
        .update(apptWaitlist)
        .set({ status: 'cancelled' })
        .where(
          and(eq(apptWaitlist.tenantId, req.tenant.id), eq(apptWaitlist.id, req.params.id), eq(apptWaitlist.citizenUserId, userIdOf(req))),
        );
      return reply.status(204).send(null);
    },
  );

  // ---- staff: the front desk ---------------------------------------------------------------
  app.get(
    '/api/appointments/day',
    {
      config: { access: 'perm:appointments.desk' },
      schema: {
        tags: TAG,
        summary: 'A unit’s day: appointments per counter and the walk-in queue',
        querystring: z.object({ unitId: z.uuid(), date: ZDate.optional() }),
        response: {
          200: z.object({
            date: z.string(),
            unitId: z.uuid(),
            counters: z.array(z.object({ id: z.uuid().nullable(), name: z.string(), appointments: z.array(ZStaffBooking) })),
            walkIns: z.array(ZStaffBooking),
          }),
        },
      },
    },
    async (req) => {
      await requireUnit(platform, req, 'appointments.desk', req.query.unitId);
      const v = await dayView(db, req.tenant.id, req.query.unitId, req.query.date ?? todayInAthens());
      return {
        ...v,
        counters: v.counters.map((c) => ({ ...c, appointments: c.appointments.map(staffOut) })),
        walkIns: v.walkIns.map(staffOut),
      };
    },
  );

  app.post(
    '/api/appointments/:id/:action',
    {
      config: { access: 'perm:appointments.desk' },
      schema: {
        tags: TAG,
        summary: 'Front desk: check in, start, served, no-show, or cancel an appointment or walk-in',
        params: z.object({ id: z.uuid(), action: z.enum([...(Object.keys(DESK_ACTIONS) as TDeskAction[]), 'cancel']) }),
        response: { 200: ZStaffBooking, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      // Loaded before the transaction: PGlite has one connection, so no query may run beside an open transaction.
      const ancestry = await requestAncestry(db, req);
      const out = await db.transaction(async (tx) => {
        const b = await lockBooking(tx, req.tenant.id, req.params.id);
        if (!can(req.actor, 'appointments.desk', { unitId: b.unitId, ancestry })) throw new AppError('auth.forbidden', 403);
        let next: TBooking;
        if (req.params.action === 'cancel') {
          await cancelLocked(platform, tx, b);
          next = { ...b, status: 'cancelled' };
        } else next = await deskStep(tx, b, req.params.action);
        await audit(tx, req, {
          action: `appointment.${req.params.action}`,
          entity: 'appointment',
          entityId: b.id,
          data: { from: b.status, to: next.status },
        });
        return next;
      });
      if (req.params.action === 'cancel' && out.kind === 'appointment') {
        await sendBookingMessage(platform, out, 'cancelled').catch((err) =>
          req.log.error({ err: (err as Error).message }, 'cancel message not sent'),
        );
      }
      return staffOut(out);
    },
  );

  app.post(
    '/api/appointments/walk-ins',
    {
      config: { access: 'perm:appointments.desk' },
      schema: {
        tags: TAG,
        summary: 'Issue a walk-in ticket (Α001, Α002, … per unit and day)',
        body: z.object({ unitId: z.uuid(), serviceId: z.uuid().optional(), name: z.string().trim().max(200).optional() }),
        response: { 201: ZStaffBooking, 404: ZError },
      },
    },
    async (req, reply) => {
      await requireUnit(platform, req, 'appointments.desk', req.body.unitId);
      const b = await db.transaction(async (tx) => {
        const w = await createWalkIn(tx, { tenantId: req.tenant.id, ...req.body, staffUserId: userIdOf(req) });
        await audit(tx, req, { action: 'appointment.walk_in', entity: 'appointment', entityId: w.id, data: { ticket: w.ticketNumber } });
        return w;
      });
      return reply.status(201).send(staffOut(b));
    },
  );

  app.get(
    '/api/appointments/desk/times',
    {
      config: { access: 'perm:appointments.desk' },
      schema: {
        tags: TAG,
        summary: 'Every slot of a service on a day with free places per channel, for booking a caller',
        querystring: z.object({ serviceId: z.uuid(), date: ZDate }),
        response: {
          200: z.array(
            z.object({
              slotId: z.uuid(),
              resourceId: z.uuid().nullable(),
              startsAt: z.date(),
              endsAt: z.date(),
              free: z.object({ online: z.number().int(), phone: z.number().int(), counter: z.number().int() }),
            }),
          ),
        },
      },
    },
    async (req) => {
      const s = await getService(db, req.tenant.id, req.query.serviceId);
      await requireUnit(platform, req, 'appointments.desk', s.unitId);
      const rows = await db
        .select()
        .from(apptSlots)
        .where(and(eq(apptSlots.tenantId, req.tenant.id), eq(apptSlots.serviceId, s.id), eq(apptSlots.date, req.query.date)))
        .orderBy(apptSlots.startsAt);
      return rows.map((r) => ({
        slotId: r.id,
        resourceId: r.resourceId,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        free: { online: r.capOnline - r.takenOnline, phone: r.capPhone - r.takenPhone, counter: r.capCounter - r.takenCounter },
      }));
    },
  );

  app.post(
    '/api/appointments/desk-bookings',
    {
      config: { access: 'perm:appointments.desk' },
      schema: {
        tags: TAG,
        summary: 'Book a time for a caller or a person at the counter, from that channel’s places',
        body: z.object({
          slotId: z.uuid(),
          channel: z.enum(['phone', 'counter']),
          name: z.string().trim().min(2).max(200),
          phone: z
            .string()
            .regex(/^\+?[0-9 ]{10,16}$/)
            .optional(),
          email: z.email().max(254).optional(),
          notes: z.string().max(1000).optional(),
        }),
        response: { 201: z.object({ booking: ZStaffBooking, manageUrl: z.string() }), 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      const [slot] = await db
        .select({ unitId: apptServices.unitId })
        .from(apptSlots)
        .innerJoin(apptServices, eq(apptServices.id, apptSlots.serviceId))
        .where(and(eq(apptSlots.tenantId, req.tenant.id), eq(apptSlots.id, req.body.slotId)));
      if (!slot) throw new AppError('appointment.slot_not_found', 404);
      await requireUnit(platform, req, 'appointments.desk', slot.unitId);
      const r = await db.transaction(async (tx) => {
        const res = await bookForCaller(platform, tx, { tenantId: req.tenant.id, staffUserId: userIdOf(req), ...req.body, lang: req.lang });
        await audit(tx, req, {
          action: 'appointment.book_for_caller',
          entity: 'appointment',
          entityId: res.booking.id,
          data: { channel: req.body.channel, slotId: req.body.slotId },
        });
        return res;
      });
      const link = manageLink(platform, r.manageToken, req.tenant);
      await sendBookingMessage(platform, r.booking, 'confirmed', link).catch((err) =>
        req.log.error({ err: (err as Error).message }, 'confirmation not sent'),
      );
      return reply.status(201).send({ booking: staffOut(r.booking), manageUrl: link });
    },
  );

  // ---- administration ----------------------------------------------------------------------
  const ZUnitParams = z.object({ unitId: z.uuid() });
  app.get(
    '/api/appointments/admin/units/:unitId',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'A unit’s booking configuration: hours, services, counters, exceptions',
        params: ZUnitParams,
        response: {
          200: z.object({
            weekly: ZWeekly,
            services: z.array(ZAdminService),
            resources: z.array(z.object({ id: z.uuid(), name: z.string(), serviceIds: z.array(z.uuid()), active: z.boolean() })),
            exceptions: z.array(
              z.object({ date: z.string(), closed: z.boolean(), intervals: z.array(ZInterval), note: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      await requireUnit(platform, req, 'appointments.manage', req.params.unitId, 'path');
      const c = await unitConfig(db, req.tenant.id, req.params.unitId);
      return { ...c, services: c.services.map(adminServiceOut) };
    },
  );
  app.put(
    '/api/appointments/admin/units/:unitId/hours',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Set weekly hours with breaks (0 = Sunday … 6 = Saturday)',
        params: ZUnitParams,
        body: z.object({ weekly: ZWeekly }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await requireUnit(platform, req, 'appointments.manage', req.params.unitId, 'path');
      await db.transaction(async (tx) => {
        await setWeeklyHours(tx, req.tenant.id, req.params.unitId, req.body.weekly);
        await audit(tx, req, {
          action: 'appointment.hours',
          entity: 'org_unit',
          entityId: req.params.unitId,
          data: { weekly: req.body.weekly },
        });
      });
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/appointments/admin/units/:unitId/exceptions/:date',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Close a date or give it special hours',
        params: z.object({ unitId: z.uuid(), date: ZDate }),
        body: ZExceptionBody.omit({ date: true }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await requireUnit(platform, req, 'appointments.manage', req.params.unitId, 'path');
      await db.transaction(async (tx) => {
        await setException(tx, req.tenant.id, req.params.unitId, { ...req.body, date: req.params.date });
        await audit(tx, req, {
          action: 'appointment.exception',
          entity: 'org_unit',
          entityId: req.params.unitId,
          data: { date: req.params.date, ...req.body },
        });
      });
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/appointments/admin/units/:unitId/exceptions/:date',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Remove a date exception',
        params: z.object({ unitId: z.uuid(), date: ZDate }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await requireUnit(platform, req, 'appointments.manage', req.params.unitId, 'path');
      await db.transaction(async (tx) => {
        await deleteException(tx, req.tenant.id, req.params.unitId, req.params.date);
        await audit(tx, req, {
          action: 'appointment.exception_removed',
          entity: 'org_unit',
          entityId: req.params.unitId,
          data: { date: req.params.date },
        });
      });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/appointments/admin/services',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Create a bookable service (its times are materialised at once)',
        body: ZServiceBody,
        response: { 201: ZAdminService, 404: ZError },
      },
    },
    async (req, reply) => {
      await requireUnit(platform, req, 'appointments.manage', req.body.unitId);
      const s = await db.transaction(async (tx) => {
        const created = await createService(tx, req.tenant.id, req.body);
        await audit(tx, req, { action: 'appointment.service_created', entity: 'appt_service', entityId: created.id, data: req.body });
        return created;
      });
      return reply.status(201).send(adminServiceOut(s));
    },
  );
  app.patch(
    '/api/appointments/admin/services/:id',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Change a service; its future times follow',
        params: z.object({ id: z.uuid() }),
        body: ZServicePatch,
        response: { 200: ZAdminService, 404: ZError },
      },
    },
    async (req) => {
      const cur = await getService(db, req.tenant.id, req.params.id);
      await requireUnit(platform, req, 'appointments.manage', cur.unitId);
      const s = await db.transaction(async (tx) => {
        const updated = await updateService(tx, req.tenant.id, req.params.id, req.body);
        await audit(tx, req, { action: 'appointment.service_updated', entity: 'appt_service', entityId: updated.id, data: req.body });
        return updated;
      });
      return adminServiceOut(s);
    },
  );
  app.post(
    '/api/appointments/admin/resources',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Add a counter (or staff member) serving some services; each has its own places per time',
        body: ZResourceBody,
        response: { 201: z.object({ id: z.uuid(), name: z.string(), serviceIds: z.array(z.uuid()), active: z.boolean() }), 404: ZError },
      },
    },
    async (req, reply) => {
      await requireUnit(platform, req, 'appointments.manage', req.body.unitId);
      const r = await db.transaction(async (tx) => {
        const created = await createResource(tx, req.tenant.id, req.body);
        await audit(tx, req, { action: 'appointment.resource_created', entity: 'appt_resource', entityId: created.id, data: req.body });
        return created;
      });
      return reply.status(201).send({ id: r.id, name: r.name, serviceIds: r.serviceIds, active: r.active });
    },
  );

  const ZStatsQuery = z.object({ from: ZDate, to: ZDate, unitId: z.uuid().optional() });
  const statsFor = async (req: FastifyRequest, q: z.infer<typeof ZStatsQuery>) => {
    let unitIds: string[] | null = null;
    if (q.unitId) {
      await requireUnit(platform, req, 'appointments.manage', q.unitId);
      unitIds = [q.unitId];
    } else {
      unitIds = unitsWith(req.actor, 'appointments.manage');
    }
    return serviceStats(db, req.tenant.id, { from: q.from, to: q.to, unitIds });
  };
  const ZStats = z.object({
    serviceId: z.uuid(),
    nameEl: z.string(),
    nameEn: z.string(),
    bookings: z.number().int(),
    places: z.number().int(),
    taken: z.number().int(),
    utilisation: z.number(),
    daysToFirstFree: z.number().int().nullable(),
    served: z.number().int(),
    noShows: z.number().int(),
    noShowRate: z.number().nullable(),
    avgServiceMin: z.number().nullable(),
    walkIns: z.number().int(),
  });
  app.get(
    '/api/appointments/admin/stats',
    {
      config: { access: 'perm:appointments.manage' },
      schema: {
        tags: TAG,
        summary: 'Per service: bookings, utilisation, days to the first free time, no-show rate, average service time',
        querystring: ZStatsQuery,
        response: { 200: z.array(ZStats) },
      },
    },
    async (req) => statsFor(req, req.query),
  );
  app.get(
    '/api/appointments/admin/stats.csv',
    {
      config: { access: 'perm:appointments.manage' },
      schema: { tags: TAG, summary: 'The statistics as CSV (UTF-8 with BOM)', querystring: ZStatsQuery },
    },
    async (req, reply) => {
      const rows = await statsFor(req, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="appointments-${req.query.from}-${req.query.to}.csv"`)
        .send(statsCsv(rows));
    },
  );
}
