import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { addCounter, addService, changeService, removeDateException, setDateException, setUnitHours, unitSetup } from './admin.service.js';
import type { TBooking } from './booking.service.js';
import { listServices, serviceDays, serviceTimes } from './browse.service.js';
import { ZExceptionBody, ZInterval, ZResourceBody, ZServiceBody, ZServicePatch, ZWeekly } from './config.service.js';
import { DESK_ACTIONS, type TDeskAction } from './desk.service.js';
import { bookAtDesk, deskAction, deskDay, deskTimes, issueWalkIn } from './front-desk.service.js';
import { confirmBooking, giveBackHold, myAppointments, placeHold } from './hold.service.js';
import { bookingCalendar, cancelByManageLink, manageView, moveByManageLink } from './manage.service.js';
import type { apptServices } from './schema.js';
import { statsCsv, statsFor } from './stats.service.js';
import { joinWaitlist, leaveWaitlist } from './waitlist.service.js';

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

export async function appointmentsRoutes(app: App, platform: Platform) {
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
  const perCitizen = app.createRateLimit({
    max: 10,
    timeWindow: 60_000,
    keyGenerator: (req) => `appt-citizen:${('userId' in req.actor ? req.actor.userId : undefined) ?? req.ip}`,
  });
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
    async (req) => (await listServices(platform, requestContext(req), req.query.unitId)).map(serviceOut),
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
    async (req) => serviceDays(platform, requestContext(req), req.params.id, req.query),
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
    async (req) => serviceTimes(platform, requestContext(req), req.params.id, req.query.date),
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
      return reply.status(201).send(bookingOut(await placeHold(platform, requestContext(req), req.body.slotId)));
    },
  );

  app.delete(
    '/api/appointments/holds/:id',
    {
      config: { access: 'device' },
      schema: { tags: TAG, summary: 'Give a held time back', params: z.object({ id: z.uuid() }), response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await giveBackHold(platform, requestContext(req), req.params.id);
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
      const r = await confirmBooking(platform, requestContext(req), req.params.id, req.body);
      return reply.status(201).send({ ...r, booking: bookingOut(r.booking) });
    },
  );

  app.get(
    '/api/appointments/mine',
    {
      config: { access: 'citizen' },
      schema: { tags: TAG, summary: 'My appointments, latest first', response: { 200: z.array(ZBooking) } },
    },
    async (req) => (await myAppointments(platform, requestContext(req))).map(bookingOut),
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
      const ics = await bookingCalendar(platform, requestContext(req), req.params.id, req.query.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="appointment-${req.params.id}.ics"`)
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
      const { booking, service } = await manageView(platform, requestContext(req), req.query.token);
      return { ...bookingOut(booking), service: serviceOut(service) };
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
    async (req) => bookingOut(await cancelByManageLink(platform, requestContext(req), req.body.token)),
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
    async (req) => bookingOut(await moveByManageLink(platform, requestContext(req), req.body.token, req.body.slotId)),
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
    async (req, reply) => reply.status(201).send(await joinWaitlist(platform, requestContext(req), req.body)),
  );
  app.delete(
    '/api/appointments/waitlist/:id',
    {
      config: { access: 'citizen' },
      schema: { tags: TAG, summary: 'Leave the waiting list', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await leaveWaitlist(platform, requestContext(req), req.params.id);
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
      const v = await deskDay(platform, requestContext(req), req.query.unitId, req.query.date);
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
    async (req) => staffOut(await deskAction(platform, requestContext(req), req.params.id, req.params.action)),
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
    async (req, reply) => reply.status(201).send(staffOut(await issueWalkIn(platform, requestContext(req), req.body))),
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
    async (req) => deskTimes(platform, requestContext(req), req.query.serviceId, req.query.date),
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
      const r = await bookAtDesk(platform, requestContext(req), req.body);
      return reply.status(201).send({ booking: staffOut(r.booking), manageUrl: r.manageUrl });
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
      const c = await unitSetup(platform, requestContext(req), req.params.unitId);
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
      await setUnitHours(platform, requestContext(req), req.params.unitId, req.body.weekly);
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
      await setDateException(platform, requestContext(req), req.params.unitId, req.params.date, req.body);
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
      await removeDateException(platform, requestContext(req), req.params.unitId, req.params.date);
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
    async (req, reply) => reply.status(201).send(adminServiceOut(await addService(platform, requestContext(req), req.body))),
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
    async (req) => adminServiceOut(await changeService(platform, requestContext(req), req.params.id, req.body)),
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
      const r = await addCounter(platform, requestContext(req), req.body);
      return reply.status(201).send({ id: r.id, name: r.name, serviceIds: r.serviceIds, active: r.active });
    },
  );

  const ZStatsQuery = z.object({ from: ZDate, to: ZDate, unitId: z.uuid().optional() });
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
    async (req) => statsFor(platform, requestContext(req), req.query),
  );
  app.get(
    '/api/appointments/admin/stats.csv',
    {
      config: { access: 'perm:appointments.manage' },
      schema: { tags: TAG, summary: 'The statistics as CSV (UTF-8 with BOM)', querystring: ZStatsQuery },
    },
    async (req, reply) => {
      const rows = await statsFor(platform, requestContext(req), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="appointments-${req.query.from}-${req.query.to}.csv"`)
        .send(statsCsv(rows));
    },
  );
}
