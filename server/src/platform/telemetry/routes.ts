import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { definePermissions } from '../access/access.js';
import type { Platform } from '../context.js';
import { AppError } from '../http/errors.js';
import type { AppPlugin } from '../http/types.js';
import { registerMessages } from '../i18n/i18n.js';
import { requestContext } from '../service-context.js';
import {
  authenticateDevice,
  createDevice,
  getDevice,
  listDevices,
  listRefusals,
  rotateDeviceSecret,
  setDeviceDisabled,
} from './devices.js';
import { decodeJsonPositions, decodeOsmAnd } from './formats.js';
import { writerOf } from './ingest.js';
import { applyRetention, ensurePartitions, PARTITIONS_QUEUE, RETENTION_QUEUE } from './maintenance.js';
import { latestPositions } from './queries.js';
import { DEVICE_KINDS, telemetrySettings } from './telemetry.schema.js';
import { startTelemetryTransports, type TelemetryTransports } from './transports.js';
import type { LivePosition } from './types.js';

definePermissions({
  'telemetry.manage': [],
  'telemetry.view': ['head', 'employee', 'operator'],
});

registerMessages({
  'telemetry.device_not_found': { el: 'Η συσκευή δεν βρέθηκε.', en: 'Device not found.' },
  'telemetry.device_exists': {
    el: 'Υπάρχει ήδη συσκευή με αναγνωριστικό «{uniqueId}».',
    en: 'A device with identifier "{uniqueId}" already exists.',
  },
  'telemetry.unique_id_invalid': {
    el: 'Το αναγνωριστικό συσκευής δέχεται μόνο λατινικά γράμματα, ψηφία και . _ : - (έως 64).',
    en: 'The device identifier accepts only Latin letters, digits and . _ : - (up to 64).',
  },
  'telemetry.unauthorized': { el: 'Η συσκευή δεν αναγνωρίστηκε.', en: 'The device was not recognised.' },
  'telemetry.malformed': {
    el: 'Τα δεδομένα της θέσης δεν είναι έγκυρα (πεδίο {field}).',
    en: 'The position data is not valid (field {field}).',
  },
});

const ZDevice = z
  .object({
    id: z.uuid(),
    kind: z.enum(DEVICE_KINDS),
    uniqueId: z.string(),
    name: z.string(),
    disabledAt: z.date().nullable(),
    lastSeenAt: z.date().nullable(),
    accepted: z.number(),
    refused: z.number(),
  })
  .meta({ id: 'TelemetryDevice' });

const ZLivePosition = z.object({
  seq: z.string(),
  deviceId: z.uuid(),
  fixTime: z.string(),
  lat: z.number(),
  lon: z.number(),
  speedKmh: z.number().nullable(),
  course: z.number().nullable(),
  ignition: z.boolean().nullable(),
  trusted: z.boolean(),
});

const tags = ['telemetry'];

function basicAuth(header: string | undefined): { user: string; pass: string } | null {
  const m = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i);
  if (!m?.[1]) return null;
  const s = Buffer.from(m[1], 'base64').toString('utf8');
  const i = s.indexOf(':');
  return i < 0 ? null : { user: s.slice(0, i), pass: s.slice(i + 1) };
}

export async function setupTelemetry(platform: Platform) {
  platform.jobs.register(PARTITIONS_QUEUE, async () => {
    await ensurePartitions(platform.db);
  });
  platform.jobs.register(RETENTION_QUEUE, async () => {
    await applyRetention(platform.db);
  });
  await platform.jobs.schedule('telemetry.partitions', '7 2 * * *', PARTITIONS_QUEUE);
  await platform.jobs.schedule('telemetry.retention', '37 3 * * *', RETENTION_QUEUE);
}

export const telemetryRoutes: AppPlugin<{ platform: Platform }> = async (app, { platform }) => {
  const { db } = platform;
  const writer = writerOf(platform);
  await writer.startLive();
  // MQTT starts with the listening server (`serve`), not with every app built in tests.
  let transports: TelemetryTransports | undefined;
  app.addHook('onListen', async () => {
    // tests start the transports themselves, on ephemeral ports
    if (platform.cfg.NODE_ENV === 'test') return;
    try {
      transports = await startTelemetryTransports(platform);
      if (transports.mqttPort) platform.log.info(`telemetry: MQTT broker on port ${transports.mqttPort}`);
    } catch (err) {
      if (platform.cfg.NODE_ENV === 'production') throw err;
      platform.log.error({ err }, 'telemetry: MQTT not started (set MQTT_PORT=0 to disable it, or another port)');
    }
  });
  app.addHook('onClose', async () => {
    await transports?.close();
    await writer.close();
  });

  // ---- device registry (staff) ----
  app.get(
    '/api/telemetry/devices',
    {
      config: { access: 'perm:telemetry.view' },
      schema: {
        tags,
        summary: "The tenant's devices with accepted and refused counts",
        querystring: z.object({ kind: z.enum(DEVICE_KINDS).optional() }).strict(),
        response: { 200: z.array(ZDevice) },
      },
    },
    async (req) => {
      // the list shows refusals counted in memory too (they are written once a second)
      await Promise.all([writer.flushCounts(), writer.refusals.flush()]);
      return listDevices(db, req.tenant.id, { kind: req.query.kind });
    },
  );

  app.post(
    '/api/telemetry/devices',
    {
      config: { access: 'perm:telemetry.manage' },
      schema: {
        tags,
        summary: 'Registers a device; its secret is in this answer only',
        body: z
          .object({ kind: z.enum(DEVICE_KINDS), uniqueId: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(200) })
          .strict(),
        response: { 201: z.object({ device: ZDevice, secret: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createDevice(db, requestContext(req), req.body)),
  );

  app.post(
    '/api/telemetry/devices/:id/rotate-secret',
    {
      config: { access: 'perm:telemetry.manage' },
      schema: {
        tags,
        summary: 'A new secret for the device (shown once); the old one stops working at once',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ secret: z.string() }) },
      },
    },
    async (req) => rotateDeviceSecret(db, requestContext(req), req.params.id),
  );

  app.post(
    '/api/telemetry/devices/:id/disabled',
    {
      config: { access: 'perm:telemetry.manage' },
      schema: {
        tags,
        summary: 'Disables or enables a device',
        params: z.object({ id: z.uuid() }),
        body: z.object({ disabled: z.boolean() }).strict(),
        response: { 200: ZDevice },
      },
    },
    async (req) => setDeviceDisabled(db, requestContext(req), req.params.id, req.body.disabled),
  );

  app.get(
    '/api/telemetry/devices/:id',
    {
      config: { access: 'perm:telemetry.view' },
      schema: { tags, summary: 'One device', params: z.object({ id: z.uuid() }), response: { 200: ZDevice } },
    },
    async (req) => {
      await writer.flushCounts();
      const d = await getDevice(db, req.tenant.id, req.params.id);
      if (!d) throw new AppError('telemetry.device_not_found', 404);
      return d;
    },
  );

  app.get(
    '/api/telemetry/refusals',
    {
      config: { access: 'perm:telemetry.view' },
      schema: {
        tags,
        summary: 'Refused input by device (null: unknown devices of this municipality) and reason',
        response: {
          200: z.array(z.object({ deviceId: z.uuid().nullable(), reason: z.string(), count: z.number(), lastAt: z.date() })),
        },
      },
    },
    async (req) => {
      await writer.refusals.flush();
      return (await listRefusals(db, req.tenant.id)).map((r) => ({ ...r, count: Number(r.count) }));
    },
  );

  app.get(
    '/api/telemetry/settings',
    {
      config: { access: 'perm:telemetry.manage' },
      schema: { tags, summary: 'How long positions are kept', response: { 200: z.object({ retentionDays: z.number().int() }) } },
    },
    async (req) => {
      const [s] = await db.select().from(telemetrySettings).where(eq(telemetrySettings.tenantId, req.tenant.id));
      return { retentionDays: s?.retentionDays ?? 365 };
    },
  );

  app.put(
    '/api/telemetry/settings',
    {
      config: { access: 'perm:telemetry.manage' },
      schema: {
        tags,
        summary: 'Sets how long positions and device messages are kept (days)',
        body: z.object({ retentionDays: z.number().int().min(7).max(3650) }).strict(),
        response: { 200: z.object({ retentionDays: z.number().int() }) },
      },
    },
    async (req) => {
      await db
        .insert(telemetrySettings)
        .values({ tenantId: req.tenant.id, retentionDays: req.body.retentionDays })
        .onConflictDoUpdate({ target: telemetrySettings.tenantId, set: { retentionDays: req.body.retentionDays } });
      return { retentionDays: req.body.retentionDays };
    },
  );

  // ---- live map ----
  app.get(
    '/api/telemetry/latest',
    {
      config: { access: 'perm:telemetry.view' },
      schema: { tags, summary: 'The latest fix of every device', response: { 200: z.array(ZLivePosition) } },
    },
    async (req) =>
      (await latestPositions(db, req.tenant.id)).map((p) => ({
        seq: p.seq,
        deviceId: p.deviceId,
        fixTime: p.fixTime.toISOString(),
        lat: p.lat,
        lon: p.lon,
        speedKmh: p.speedKmh,
        course: p.course,
        ignition: p.ignition,
        trusted: p.trusted,
      })),
  );

  app.get(
    '/api/telemetry/live',
    {
      config: { access: 'perm:telemetry.view' },
      schema: {
        tags,
        summary:
          "Server-Sent Events: `positions` events with the tenant's new fixes (an array of {seq, deviceId, fixTime, lat, lon, speedKmh, course, ignition, trusted}), from every server process. The stream ends after `ttl` seconds (default 600); EventSource reconnects.",
        querystring: z.object({ ttl: z.coerce.number().int().min(1).max(3600).optional() }),
      },
    },
    async (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      const remove = writer.subscribe(req.tenant.id, (list: LivePosition[]) => {
        res.write(`event: positions\ndata: ${JSON.stringify(list)}\n\n`);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      const ttlMs = (req.query.ttl ?? (platform.cfg.NODE_ENV === 'test' ? 2 : 600)) * 1000;
      const end = setTimeout(() => res.end(), ttlMs);
      const close = () => {
        clearInterval(ping);
        clearTimeout(end);
        remove();
      };
      res.on('finish', close);
      req.raw.on('close', close);
      res.on('error', close);
    },
  );

  // ---- device input over HTTP ----
  await app.register(async (input) => {
    input.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    input.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => done(null, body));

    const osmand = async (req: { tenant: { id: string }; params: { secret: string }; query: unknown; body: unknown }) => {
      const q = {
        ...(typeof req.body === 'object' && req.body ? (req.body as Record<string, unknown>) : {}),
        ...(req.query as Record<string, unknown>),
      };
      const uniqueId = String(q.id ?? q.deviceid ?? '');
      if (!uniqueId) throw new AppError('telemetry.malformed', 400, { field: 'id' }, [{ field: 'id', code: 'telemetry.malformed' }]);
      const auth = await authenticateDevice(db, req.tenant.id, uniqueId, req.params.secret);
      if (!auth.ok) {
        writer.refusals.count(req.tenant.id, auth.device?.id ?? null, auth.reason);
        throw new AppError('telemetry.unauthorized', 401);
      }
      const p = decodeOsmAnd(q);
      if (!p) {
        writer.refusals.count(req.tenant.id, auth.device.id, 'malformed');
        throw new AppError('telemetry.malformed', 400, { field: 'lat, lon, timestamp' }, [{ field: 'lat', code: 'telemetry.malformed' }]);
      }
      return writer.ingest({ tenantId: req.tenant.id, deviceId: auth.device.id }, [p]);
    };
    const osmandSchema = {
      tags,
      summary:
        'OsmAnd protocol (Traccar Client): ?id=<uniqueId>&timestamp=&lat=&lon=&speed=<knots>&bearing=&altitude=&accuracy=&batt=, GET or POST (query or form). The device secret is the last path segment.',
      params: z.object({ secret: z.string().min(1).max(200) }),
      response: { 200: z.object({ stored: z.number(), duplicates: z.number() }) },
    };
    input.get('/api/telemetry/osmand/:secret', { config: { access: 'public' }, schema: osmandSchema }, (req) =>
      osmand(req as Parameters<typeof osmand>[0]),
    );
    input.post('/api/telemetry/osmand/:secret', { config: { access: 'public' }, schema: osmandSchema }, (req) =>
      osmand(req as Parameters<typeof osmand>[0]),
    );

    input.post(
      '/api/telemetry/batch',
      {
        config: { access: 'public' },
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags,
          summary:
            'JSON batch for gateways that buffer while offline: HTTP Basic auth <uniqueId>:<secret>; {positions: [...], messages: [{type, payload}]}. Resending a batch stores nothing twice.',
          body: z.unknown(),
          response: { 200: z.object({ stored: z.number(), duplicates: z.number(), refused: z.number() }) },
        },
      },
      async (req) => {
        const cred = basicAuth(req.headers.authorization);
        if (!cred) throw new AppError('telemetry.unauthorized', 401);
        const auth = await authenticateDevice(db, req.tenant.id, cred.user, cred.pass);
        if (!auth.ok) {
          writer.refusals.count(req.tenant.id, auth.device?.id ?? null, auth.reason);
          throw new AppError('telemetry.unauthorized', 401);
        }
        const device = { tenantId: req.tenant.id, deviceId: auth.device.id };
        const body = (req.body ?? {}) as { positions?: unknown; messages?: unknown };
        const okShape =
          typeof body === 'object' &&
          !Array.isArray(body) &&
          (body.positions === undefined || Array.isArray(body.positions)) &&
          (body.messages === undefined || (Array.isArray(body.messages) && body.messages.length <= 5000));
        const list = okShape && Array.isArray(body.positions) && body.positions.length ? decodeJsonPositions(body.positions) : [];
        if (!okShape || list === null) {
          writer.refusals.count(req.tenant.id, auth.device.id, 'malformed');
          throw new AppError('telemetry.malformed', 400, { field: 'positions' }, [{ field: 'positions', code: 'telemetry.malformed' }]);
        }
        const raw = ((body.messages as unknown[] | undefined) ?? []).map((m) =>
          m && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string'
            ? { type: (m as { type: string }).type, payload: (m as { payload?: unknown }).payload }
            : { type: '', payload: null },
        );
        const messages = writer.checkMessages(device, raw);
        const r = await writer.ingest(device, list, messages);
        return { ...r, refused: raw.length - messages.length };
      },
    );
  });
};
