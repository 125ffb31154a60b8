import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import { sendExport } from '../../platform/export/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { submitCase } from '../cases/index.js';
import { fuelFigures, listRefuels, logRefuel, refuelByKey, ZRefuelBody } from './fuel.service.js';
import { confirmLog, vehicleLog } from './log.service.js';
import {
  addPlan,
  ensureFaultType,
  faultByKey,
  listFaults,
  maintenanceDue,
  recordService,
  reportFault,
  serviceBook,
  ZFaultBody,
  ZPlanBody,
  ZServiceBody,
} from './maintenance.service.js';
import { deletePaper, listPapers, savePaper, ZPaperBody } from './papers.service.js';
import { myDriverView, sharePosition, startDriverShift, ZFixes } from './phone.service.js';
import { clientKeyOf, PHONE_FORM_LIMITS, phoneForm, storeHeldPhotos, ZIdempotencyHeaders } from './phone-form.js';
import { buildReport, events, liveVehicles, REPORT_KINDS, renderReport, stops, track, trackExport, trips } from './reports.service.js';
import { fleetGeofences, GEOFENCE_KINDS } from './schema.js';
import {
  createVehicle,
  endShift,
  getVehicle,
  listDrivers,
  listVehicles,
  provisionTracker,
  setDriver,
  toVehicle,
  updateVehicle,
  ZDriverBody,
  ZVehicle,
  ZVehicleBody,
} from './vehicles.service.js';

const tags = ['fleet'];
const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });
const ZId = z.object({ id: z.uuid() });
const ZAny = z.any();
const YEAR_MS = 367 * 86_400_000;
const ZPeriod = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  vehicleId: z.uuid().optional(),
});
function period<T extends { from: Date; to: Date }>(q: T): T {
  if (q.to < q.from || q.to.getTime() - q.from.getTime() > YEAR_MS)
    throw new AppError('fleet.period_invalid', 400, {}, [{ field: 'to', code: 'fleet.period_invalid' }]);
  return q;
}

export async function fleetRoutes(app: App, platform: Platform) {
  const { db } = platform;
  const view = { access: 'perm:fleet.view' as const };
  const manage = { access: 'perm:fleet.manage' as const };
  // only this module's routes parse multipart (the driver's offline outbox sends photos with the entry)
  await app.register(multipart, { limits: PHONE_FORM_LIMITS });
  const userOf = (req: { actor: unknown }) => {
    const a = req.actor as { kind: string; userId?: string };
    return a.kind === 'staff' ? (a.userId ?? null) : null;
  };

  // ---- vehicles ----
  app.get(
    '/api/fleet/vehicles',
    { config: view, schema: { tags, summary: 'The fleet', response: { 200: z.object({ items: z.array(ZVehicle) }) } } },
    async (req) => ({
      items: (await listVehicles(db, req.tenant.id)).map(toVehicle),
    }),
  );
  app.post(
    '/api/fleet/vehicles',
    {
      config: manage,
      schema: { tags, summary: 'Add a vehicle', body: ZVehicleBody, response: { 201: ZVehicle, 400: ZError, 409: ZError } },
    },
    async (req, reply) => reply.code(201).send(toVehicle(await createVehicle(db, requestContext(req), req.body))),
  );
  app.get(
    '/api/fleet/vehicles/:id',
    { config: view, schema: { tags, summary: 'One vehicle', params: ZId, response: { 200: ZVehicle, 404: ZError } } },
    async (req) => toVehicle(await getVehicle(db, req.tenant.id, req.params.id)),
  );
  app.patch(
    '/api/fleet/vehicles/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a vehicle',
        params: ZId,
        body: ZVehicleBody.partial(),
        response: { 200: ZVehicle, 400: ZError, 404: ZError },
      },
    },
    async (req) => toVehicle(await updateVehicle(db, requestContext(req), req.params.id, req.body)),
  );

  app.post(
    '/api/fleet/vehicles/:id/device',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Register a tracker for the vehicle (or a new secret for its tracker); the secret is shown once',
        params: ZId,
        response: { 200: z.object({ deviceId: z.uuid(), uniqueId: z.string(), secret: z.string() }), 404: ZError },
      },
    },
    async (req) => provisionTracker(db, requestContext(req), req.params.id),
  );

  app.get(
    '/api/fleet/live',
    { config: view, schema: { tags, summary: 'Every vehicle: last position, last seen, state', response: { 200: ZAny } } },
    async (req) => ({
      items: await liveVehicles(db, req.tenant.id),
    }),
  );
  app.get(
    '/api/fleet/vehicles/:id/track',
    {
      config: view,
      schema: { tags, summary: 'Fixes for replay', params: ZId, querystring: ZPeriod.omit({ vehicleId: true }), response: { 200: ZAny } },
    },
    async (req) => {
      const q = period(req.query);
      const t = await track(db, req.tenant.id, req.params.id, q.from, q.to);
      return { points: t.points, trips: await trips(db, req.tenant.id, { vehicleId: req.params.id, ...q }) };
    },
  );
  app.get(
    '/api/fleet/vehicles/:id/track.:format',
    {
      config: view,
      schema: {
        tags,
        summary: 'The track as GPX or GeoJSON',
        params: ZId.extend({ format: z.enum(['gpx', 'geojson']) }),
        querystring: ZPeriod.omit({ vehicleId: true }),
      },
    },
    async (req, reply) => {
      const q = period(req.query);
      const body = await trackExport(db, req.tenant.id, req.params.id, q.from, q.to, req.params.format);
      return sendExport(reply, { kind: req.params.format, fileName: `track.${req.params.format}`, body });
    },
  );
  app.get(
    '/api/fleet/vehicles/:id/log/:day',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Δελτίο κίνησης of one day',
        params: ZId.extend({ day: z.iso.date() }),
        response: { 200: ZAny, 404: ZError },
      },
    },
    async (req) => {
      const log = await vehicleLog(db, req.tenant.id, req.params.id, req.params.day);
      const me = 'userId' in req.actor ? req.actor.userId : null;
      if (!can(req.actor, 'fleet.view') && !log.drivers.some((d) => d.userId === me)) throw new AppError('auth.forbidden', 403);
      return log;
    },
  );
  app.post(
    '/api/fleet/vehicles/:id/log/:day/confirm',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'The driver confirms the day’s vehicle log',
        params: ZId.extend({ day: z.iso.date() }),
        body: z.object({ remarks: z.string().trim().max(1000).nullish() }),
        response: { 200: ZAny, 403: ZError, 409: ZError },
      },
    },
    async (req) => confirmLog(db, requestContext(req), req.params.id, req.params.day, req.body.remarks ?? null),
  );

  // ---- drivers, papers, areas ----
  app.get(
    '/api/fleet/drivers',
    { config: view, schema: { tags, summary: 'Drivers and their cards', response: { 200: ZAny } } },
    async (req) => ({
      items: await listDrivers(db, req.tenant.id),
    }),
  );
  app.put(
    '/api/fleet/drivers',
    {
      config: manage,
      schema: { tags, summary: 'Set a driver’s card and licence', body: ZDriverBody, response: { 200: ZAny, 400: ZError, 409: ZError } },
    },
    async (req) => setDriver(db, requestContext(req), req.body),
  );
  app.get(
    '/api/fleet/papers',
    {
      config: view,
      schema: { tags, summary: 'Papers with expiry', querystring: z.object({ vehicleId: z.uuid().optional() }), response: { 200: ZAny } },
    },
    async (req) => ({
      items: await listPapers(db, req.tenant.id, req.query.vehicleId),
    }),
  );
  app.post(
    '/api/fleet/papers',
    { config: manage, schema: { tags, summary: 'Add a paper (reminders follow)', body: ZPaperBody, response: { 201: ZAny, 400: ZError } } },
    async (req, reply) => reply.code(201).send(await savePaper(db, requestContext(req), req.body)),
  );
  app.put(
    '/api/fleet/papers/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Renew or change a paper',
        params: ZId,
        body: ZPaperBody,
        response: { 200: ZAny, 400: ZError, 404: ZError },
      },
    },
    async (req) => savePaper(db, requestContext(req), req.body, req.params.id),
  );
  app.delete(
    '/api/fleet/papers/:id',
    {
      config: manage,
      schema: { tags, summary: 'Remove a paper (and its reminders)', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await deletePaper(db, requestContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get('/api/fleet/geofences', { config: view, schema: { tags, summary: 'Areas', response: { 200: ZAny } } }, async (req) => ({
    items: await db.select().from(fleetGeofences).where(eq(fleetGeofences.tenantId, req.tenant.id)),
  }));
  app.post(
    '/api/fleet/geofences',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an area (depot, landfill, district, road with a speed limit)',
        body: z.object({
          name: z.string().trim().min(1).max(120),
          kind: z.enum(GEOFENCE_KINDS),
          polygon: z
            .array(z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(4))
            .min(1)
            .max(20),
          speedLimitKmh: z.number().int().min(5).max(200).nullish(),
        }),
        response: { 201: ZAny, 400: ZError },
      },
    },
    async (req, reply) => {
      const [row] = await db
        .insert(fleetGeofences)
        .values({ tenantId: req.tenant.id, ...req.body, speedLimitKmh: req.body.speedLimitKmh ?? null })
        .returning();
      return reply.code(201).send(row);
    },
  );
  app.delete(
    '/api/fleet/geofences/:id',
    { config: manage, schema: { tags, summary: 'Remove an area', params: ZId, response: { 204: z.null() } } },
    async (req, reply) => {
      await db.delete(fleetGeofences).where(and(eq(fleetGeofences.tenantId, req.tenant.id), eq(fleetGeofences.id, req.params.id)));
      return reply.code(204).send(null);
    },
  );

  // ---- fuel ----
  app.post(
    '/api/fleet/refuels',
    {
      config: { access: 'staff' },
      preValidation: phoneForm(platform, 'receipt', 1),
      schema: {
        tags,
        summary: 'Log a refuelling (driver on shift)',
        description:
          "JSON, or multipart/form-data with this JSON under `payload` and the receipt photo as `receipt` (the phone's offline outbox). " +
          'An Idempotency-Key header (or clientKey) makes a replay answer the first entry and store nothing again.',
        headers: ZIdempotencyHeaders,
        body: ZRefuelBody,
        response: { 201: ZAny, 400: ZError },
      },
    },
    async (req, reply) => {
      const clientKey = clientKeyOf(req, req.body.clientKey);
      if (clientKey) {
        const prev = await refuelByKey(db, req.tenant.id, clientKey);
        if (prev) return reply.code(201).send(prev);
      }
      const [receipt] = await storeHeldPhotos(platform, req, req.tenant.id, userOf(req));
      const body = { ...req.body, clientKey, receiptFileId: receipt ?? req.body.receiptFileId };
      return reply.code(201).send(await logRefuel(db, requestContext(req), body));
    },
  );
  app.get(
    '/api/fleet/refuels',
    { config: view, schema: { tags, summary: 'Refuellings', querystring: ZPeriod, response: { 200: ZAny } } },
    async (req) => ({
      items: await listRefuels(db, req.tenant.id, period(req.query)),
    }),
  );
  app.get(
    '/api/fleet/fuel',
    { config: view, schema: { tags, summary: 'Consumption per vehicle', querystring: ZPeriod, response: { 200: ZAny } } },
    async (req) => {
      const q = period(req.query);
      return { items: await fuelFigures(db, req.tenant.id, q.from, q.to, q.vehicleId) };
    },
  );
  app.get(
    '/api/fleet/events',
    {
      config: view,
      schema: {
        tags,
        summary: 'Area, overspeed and fuel events',
        querystring: ZPeriod.extend({ kind: z.string().max(200).optional() }),
        response: { 200: ZAny },
      },
    },
    async (req) => ({ items: await events(db, req.tenant.id, { ...period(req.query), kinds: req.query.kind?.split(',') }) }),
  );
  app.get(
    '/api/fleet/trips',
    { config: view, schema: { tags, summary: 'Trips', querystring: ZPeriod, response: { 200: ZAny } } },
    async (req) => ({
      items: await trips(db, req.tenant.id, period(req.query)),
    }),
  );
  app.get(
    '/api/fleet/stops',
    { config: view, schema: { tags, summary: 'Stops', querystring: ZPeriod, response: { 200: ZAny } } },
    async (req) => ({
      items: await stops(db, req.tenant.id, period(req.query)),
    }),
  );

  // ---- maintenance ----
  app.get(
    '/api/fleet/maintenance/due',
    {
      config: view,
      schema: {
        tags,
        summary: 'Service due and overdue',
        querystring: z.object({ vehicleId: z.uuid().optional() }),
        response: { 200: ZAny },
      },
    },
    async (req) => ({
      items: await maintenanceDue(db, req.tenant.id, { vehicleId: req.query.vehicleId }),
    }),
  );
  app.post(
    '/api/fleet/maintenance/plans',
    { config: manage, schema: { tags, summary: 'Add a service plan', body: ZPlanBody, response: { 201: ZAny, 400: ZError } } },
    async (req, reply) => reply.code(201).send(await addPlan(db, requestContext(req), req.body)),
  );
  app.post(
    '/api/fleet/maintenance/records',
    { config: manage, schema: { tags, summary: 'Add to the service book', body: ZServiceBody, response: { 201: ZAny, 400: ZError } } },
    async (req, reply) => reply.code(201).send(await recordService(db, requestContext(req), req.body)),
  );
  app.get(
    '/api/fleet/maintenance/records',
    {
      config: view,
      schema: { tags, summary: 'The service book', querystring: z.object({ vehicleId: z.uuid().optional() }), response: { 200: ZAny } },
    },
    async (req) => ({
      items: await serviceBook(db, req.tenant.id, { vehicleId: req.query.vehicleId }),
    }),
  );
  app.put(
    '/api/fleet/garage',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The unit that receives fault reports',
        body: z.object({ unitId: z.uuid().nullable() }),
        response: { 200: ZAny },
      },
    },
    async (req) => {
      // one transaction: a refused unit leaves no default workflows behind either
      const t = await db.transaction((tx) =>
        ensureFaultType(tx, req.tenant.id, req.body.unitId, 'userId' in req.actor ? (req.actor.userId ?? null) : null),
      );
      return { caseType: t.key, unitId: req.body.unitId };
    },
  );
  app.get(
    '/api/fleet/faults',
    {
      config: view,
      schema: { tags, summary: 'Reported faults', querystring: z.object({ vehicleId: z.uuid().optional() }), response: { 200: ZAny } },
    },
    async (req) => ({
      items: await listFaults(db, req.tenant.id, req.query.vehicleId),
    }),
  );
  app.post(
    '/api/fleet/faults',
    {
      config: { access: 'staff' },
      preValidation: phoneForm(platform, 'photos', 10),
      schema: {
        tags,
        summary: 'Report a fault (filed as a case for the garage)',
        description:
          "JSON, or multipart/form-data with this JSON under `payload` and up to 10 photos as `photos` (the phone's offline outbox). " +
          'An Idempotency-Key header (or clientKey) makes a replay answer the first report and store nothing again.',
        headers: ZIdempotencyHeaders,
        body: ZFaultBody,
        response: { 201: ZAny, 400: ZError },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req);
      const clientKey = clientKeyOf(req, req.body.clientKey);
      if (clientKey) {
        const prev = await faultByKey(db, req.tenant.id, clientKey);
        if (prev) return reply.code(201).send(prev);
      }
      const photos = await storeHeldPhotos(platform, req, req.tenant.id, userOf(req));
      const r = await reportFault(
        db,
        ctx,
        { ...req.body, clientKey, fileIds: [...req.body.fileIds, ...photos].slice(0, 10) },
        async (input) => {
          const { within, priority, idempotencyKey, ...body } = input;
          const c = await submitCase(
            platform,
            req,
            { ...body, channel: 'app', contact: undefined },
            { intake: true, vouched: true, priority, idempotencyKey, within },
          );
          return { id: c.caseId };
        },
        can(req.actor, 'fleet.manage'),
      );
      return reply.code(201).send(r);
    },
  );

  // ---- reports ----
  app.get(
    '/api/fleet/reports/:kind',
    {
      config: view,
      schema: {
        tags,
        summary: 'Reports: trips, stops, fuel, maintenance cost, use per category, events (JSON, CSV, XLSX, PDF)',
        params: z.object({ kind: z.enum(REPORT_KINDS) }),
        querystring: ZPeriod.extend({ format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json') }),
      },
    },
    async (req, reply) => {
      const q = period(req.query);
      const rep = await buildReport(db, req.tenant.id, req.params.kind, { ...q, lang: req.lang });
      if (req.query.format === 'json') return { title: rep.title, subtitle: rep.subtitle, items: rep.rows };
      const body = await renderReport(rep, req.query.format, req.lang);
      return sendExport(reply, { kind: req.query.format, fileName: `${rep.title}.${req.query.format}`, body });
    },
  );

  // ---- the driver's phone ----
  app.get(
    '/api/fleet/me',
    { config: { access: 'staff' }, schema: { tags, summary: 'The driver’s view: open shift, vehicles to pick', response: { 200: ZAny } } },
    async (req) => myDriverView(db, requestContext(req)),
  );
  app.post(
    '/api/fleet/shifts',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Start a shift on a vehicle',
        body: z.object({ vehicleId: z.uuid(), sharePhone: z.boolean().default(false) }),
        response: { 201: ZAny, 400: ZError, 409: ZError },
      },
    },
    async (req, reply) => reply.code(201).send(await startDriverShift(platform, requestContext(req), req.body)),
  );
  app.post(
    '/api/fleet/shifts/:id/end',
    { config: { access: 'staff' }, schema: { tags, summary: 'End my shift', params: ZId, response: { 200: ZAny, 404: ZError } } },
    async (req) => endShift(db, requestContext(req), req.params.id),
  );
  app.post(
    '/api/fleet/shifts/:id/positions',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'The phone as the tracker — only during my shift',
        params: ZId,
        body: ZFixes,
        response: { 200: ZAny, 400: ZError, 409: ZError },
      },
    },
    async (req) => sharePosition(platform, requestContext(req), req.params.id, req.body),
  );
}
