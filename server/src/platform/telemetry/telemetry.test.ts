import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSecondServer, createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession } from '../../../test/factories.js';
import { rows } from '../db/database.js';
import { systemContext } from '../service-context.js';
import { createDevice, defineMessageType, latestPositions, messagesAfter, onIngested, positionsAfter, positionsOf } from './index.js';
import { applyRetention, ensurePartitions } from './maintenance.js';
import { positions } from './positions.table.js';
import { deviceMessages, telemetrySettings } from './telemetry.schema.js';

let sut: TestApp;
let admin: Record<string, string>;
let viewer: Record<string, string>;

beforeAll(async () => {
  sut = await createTestApp();
  admin = sut.headers({ cookie: (await makeStaffSession(sut.db, sut.tenant.id, 'admin')).cookie });
  viewer = sut.headers({ cookie: (await makeStaffSession(sut.db, sut.tenant.id, 'employee')).cookie });
  defineMessageType(
    'test.lift',
    z.object({ time: z.string(), rfid: z.string().regex(/^[0-9A-F]{8}$/), weightKg: z.number().min(0) }).strict(),
  );
});
afterAll(async () => {
  await sut?.close();
});

async function device(uniqueId: string, kind: 'vehicle_tracker' | 'phone' | 'ble_gateway' | 'lift_unit' = 'vehicle_tracker') {
  const res = await sut.app.inject({
    method: 'POST',
    url: '/api/telemetry/devices',
    headers: admin,
    payload: { kind, uniqueId, name: `Συσκευή ${uniqueId}` },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { device: { id: string; uniqueId: string }; secret: string };
}

const stored = async (deviceId: string) =>
  sut.db
    .select()
    .from(positions)
    .where(and(eq(positions.tenantId, sut.tenant.id), eq(positions.deviceId, deviceId)))
    .orderBy(positions.fixTime);

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

async function refusals() {
  const res = await sut.app.inject({ method: 'GET', url: '/api/telemetry/refusals', headers: viewer });
  expect(res.statusCode).toBe(200);
  return res.json() as { deviceId: string | null; reason: string; count: number }[];
}

describe('device registry', () => {
  it('registers devices with a secret shown once, rotates it, and only telemetry.manage may', async () => {
    const { device: d, secret } = await device('tracker-reg-1');
    expect(secret.length).toBeGreaterThanOrEqual(30);
    const list = await sut.app.inject({ method: 'GET', url: '/api/telemetry/devices', headers: viewer });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(secret);
    expect(list.json()).toContainEqual(expect.objectContaining({ id: d.id, uniqueId: 'tracker-reg-1', accepted: 0, refused: 0 }));

    const forbidden = await sut.app.inject({
      method: 'POST',
      url: '/api/telemetry/devices',
      headers: viewer,
      payload: { kind: 'phone', uniqueId: 'x', name: 'x' },
    });
    expect(forbidden.statusCode).toBe(403);
    const dup = await sut.app.inject({
      method: 'POST',
      url: '/api/telemetry/devices',
      headers: admin,
      payload: { kind: 'phone', uniqueId: 'tracker-reg-1', name: 'x' },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await sut.app.inject({
      method: 'POST',
      url: '/api/telemetry/devices',
      headers: admin,
      payload: { kind: 'phone', uniqueId: 'όχι λατινικά', name: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('uniqueId');
    expect(bad.json().message).toMatch(/αναγνωριστικό/);

    const url = (s: string) => `/api/telemetry/osmand/${s}?id=tracker-reg-1&timestamp=1764979200&lat=38.04&lon=23.8`;
    expect((await sut.app.inject({ method: 'POST', url: url(secret), headers: sut.headers() })).statusCode).toBe(200);
    const rotated = await sut.app.inject({ method: 'POST', url: `/api/telemetry/devices/${d.id}/rotate-secret`, headers: admin });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).not.toBe(secret);
    expect((await sut.app.inject({ method: 'POST', url: url(secret), headers: sut.headers() })).statusCode).toBe(401);
    expect((await sut.app.inject({ method: 'POST', url: url(fresh), headers: sut.headers() })).json()).toEqual({
      stored: 0,
      duplicates: 1,
    });

    const disabled = await sut.app.inject({
      method: 'POST',
      url: `/api/telemetry/devices/${d.id}/disabled`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(disabled.json().disabledAt).not.toBeNull();
    expect((await sut.app.inject({ method: 'POST', url: url(fresh), headers: sut.headers() })).statusCode).toBe(401);
    expect(await refusals()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ deviceId: d.id, reason: 'bad_secret', count: 1 }),
        expect.objectContaining({ deviceId: d.id, reason: 'disabled', count: 1 }),
      ]),
    );
  });
});

describe('OsmAnd (Traccar Client)', () => {
  it('stores the exact request the Traccar Client sends (POST, query string, empty body), once', async () => {
    const { device: d, secret } = await device('356938035643809', 'phone');
    // ProtocolFormatter.formatRequest: id, timestamp (unix s), lat, lon, speed (knots), bearing, altitude, accuracy, batt
    const url = `/api/telemetry/osmand/${secret}?id=356938035643809&timestamp=1764979200&lat=38.0391&lon=23.8047&speed=10.0&bearing=90.0&altitude=120.5&accuracy=8.0&batt=76.0`;
    const res = await sut.app.inject({ method: 'POST', url, headers: sut.headers({ 'user-agent': 'okhttp/4.12.0' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stored: 1, duplicates: 0 });
    const again = await sut.app.inject({ method: 'POST', url, headers: sut.headers() });
    expect(again.json()).toEqual({ stored: 0, duplicates: 1 });
    // GET, ISO time, and a form body
    const get = await sut.app.inject({
      method: 'GET',
      url: `/api/telemetry/osmand/${secret}?id=356938035643809&timestamp=2025-12-06T00:00:30Z&lat=38.0392&lon=23.8049&speed=0`,
      headers: sut.headers(),
    });
    expect(get.json()).toEqual({ stored: 1, duplicates: 0 });
    const form = await sut.app.inject({
      method: 'POST',
      url: `/api/telemetry/osmand/${secret}`,
      headers: sut.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: 'id=356938035643809&timestamp=1764979260&lat=38.0393&lon=23.8051&speed=5.4&batt=75',
    });
    expect(form.json()).toEqual({ stored: 1, duplicates: 0 });

    const list = await stored(d.id);
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({
      lat: 38.0391,
      lon: 23.8047,
      speedKmh: 18.52,
      course: 90,
      altitude: 120.5,
      accuracy: 8,
      battery: 76,
      trusted: true,
    });
    expect(list[0]?.fixTime.toISOString()).toBe('2025-12-06T00:00:00.000Z');

    const bad = await sut.app.inject({
      method: 'POST',
      url: `/api/telemetry/osmand/${secret}?id=356938035643809&timestamp=1764979300&lat=991&lon=23.8`,
      headers: sut.headers(),
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await sut.app.inject({
      method: 'POST',
      url: `/api/telemetry/osmand/${secret}?id=nobody&timestamp=1764979300&lat=38&lon=23.8`,
      headers: sut.headers(),
    });
    expect(unknown.statusCode).toBe(401);
    expect(await stored(d.id)).toHaveLength(3);
    const r = await refusals();
    expect(r).toContainEqual(expect.objectContaining({ deviceId: d.id, reason: 'malformed', count: 1 }));
    expect(r).toContainEqual(expect.objectContaining({ deviceId: null, reason: 'unknown_device' }));
    const info = (await sut.app.inject({ method: 'GET', url: `/api/telemetry/devices/${d.id}`, headers: viewer })).json();
    expect(info).toMatchObject({ accepted: 3, refused: 1 });
    expect(info.lastSeenAt).not.toBeNull();
  });
});

describe('JSON batch and the validated path', () => {
  it('accepts late and out-of-order batches, stores each fix once, marks impossible fixes, validates messages', async () => {
    const { device: d, secret } = await device('gateway-1', 'ble_gateway');
    const auth = { authorization: basic('gateway-1', secret) };
    const t0 = Date.parse('2025-12-06T08:00:00Z');
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const batch = {
      positions: [
        { time: at(20), lat: 38.0402, lon: 23.8066, speed: 30 },
        { time: at(0), lat: 38.04, lon: 23.806, speed: 30, ignition: true, fuel: 61.5, driver: 'A1B2C3D4' },
        { time: at(10), lat: 38.0401, lon: 23.8063, speed: 30 },
        { time: at(30), lat: 0, lon: 0 },
        { time: at(40), lat: 40.64, lon: 22.94 }, // Θεσσαλονίκη ten seconds later
      ],
      messages: [
        { type: 'test.lift', payload: { time: at(12), rfid: '0A1B2C3D', weightKg: 14.5 } },
        { type: 'test.lift', payload: { time: at(13), rfid: 'not-hex', weightKg: 3 } },
        { type: 'test.unknown', payload: { a: 1 } },
      ],
    };
    const seen: number[] = [];
    const off = onIngested((b) => seen.push(b.positions.filter((p) => p.deviceId === d.id).length));
    const res = await sut.app.inject({ method: 'POST', url: '/api/telemetry/batch', headers: sut.headers(auth), payload: batch });
    off();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stored: 6, duplicates: 0, refused: 2 });
    expect(seen).toEqual([5]);
    // the gateway resends the same batch after a lost answer: nothing twice
    const again = await sut.app.inject({ method: 'POST', url: '/api/telemetry/batch', headers: sut.headers(auth), payload: batch });
    expect(again.json()).toEqual({ stored: 0, duplicates: 6, refused: 2 });

    const list = await stored(d.id);
    expect(list.map((p) => [p.trusted, p.untrustedReason])).toEqual([
      [true, null],
      [true, null],
      [true, null],
      [false, 'null_island'],
      [false, 'teleport'],
    ]);
    expect(list[0]).toMatchObject({ ignition: true, fuelLevel: 61.5, driverUniqueId: 'A1B2C3D4' });
    const from = new Date(t0 - 1000);
    const to = new Date(t0 + 60_000);
    expect((await positionsOf(sut.db, sut.tenant.id, d.id, from, to)).map((p) => p.fixTime.getTime() - t0)).toEqual([
      0, 10_000, 20_000, 30_000, 40_000,
    ]);
    expect(await positionsOf(sut.db, 'a8f8b2a4-0000-4000-8000-000000000000', d.id, from, to)).toEqual([]);
    const latest = (await latestPositions(sut.db, sut.tenant.id)).find((p) => p.deviceId === d.id);
    expect(latest?.fixTime.getTime()).toBe(t0 + 40_000);

    const msgs = await messagesAfter<{ rfid: string }>(sut.db, { type: 'test.lift', afterSeq: '0', limit: 100 });
    expect(msgs.filter((m) => m.deviceId === d.id).map((m) => m.payload.rfid)).toEqual(['0A1B2C3D']);
    const r = await refusals();
    expect(r).toContainEqual(expect.objectContaining({ deviceId: d.id, reason: 'invalid_payload', count: 2 }));
    expect(r).toContainEqual(expect.objectContaining({ deviceId: d.id, reason: 'unknown_type', count: 2 }));

    const malformed = await sut.app.inject({
      method: 'POST',
      url: '/api/telemetry/batch',
      headers: sut.headers(auth),
      payload: { positions: [{ time: at(50), lat: 'x', lon: 1 }] },
    });
    expect(malformed.statusCode).toBe(400);
    const wrong = await sut.app.inject({
      method: 'POST',
      url: '/api/telemetry/batch',
      headers: sut.headers({ authorization: basic('gateway-1', 'guess') }),
      payload: batch,
    });
    expect(wrong.statusCode).toBe(401);
    expect(await stored(d.id)).toHaveLength(5);
  });

  it('hands out seqs in commit order to durable cursors, across concurrent writers', async () => {
    const ctx = systemContext(sut.tenant, { kind: 'seed', name: 'test' });
    const devices = await Promise.all(
      [1, 2, 3].map((i) => createDevice(sut.db, ctx, { kind: 'vehicle_tracker', uniqueId: `cursor-${i}`, name: `V${i}` })),
    );
    const [start] = rows<{ s: string }>(await sut.db.execute(sql`select coalesce(max(seq), 0)::text as s from positions`));
    const base = Date.parse('2025-12-06T09:00:00Z');
    await Promise.all(
      devices.flatMap(({ device: d }) =>
        [0, 1, 2, 3, 4].map((k) =>
          sut.app.inject({
            method: 'POST',
            url: '/api/telemetry/batch',
            headers: sut.headers({ authorization: basic(d.uniqueId, devices.find((x) => x.device.id === d.id)?.secret ?? '') }),
            payload: { positions: [{ time: new Date(base + k * 5000).toISOString(), lat: 38.04 + k * 0.0002, lon: 23.8 }] },
          }),
        ),
      ),
    );
    const after = await positionsAfter(sut.db, { afterSeq: start?.s ?? '0', limit: 100 });
    const mine = after.filter((p) => devices.some((x) => x.device.id === p.deviceId));
    expect(mine).toHaveLength(15);
    const seqs = after.map((p) => BigInt(p.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('live map', () => {
  it('pushes new positions to an open map on another server process within the stream', async () => {
    const { device: d, secret } = await device('live-1');
    const other = await createSecondServer(sut);
    const ctrl = new AbortController();
    try {
      const address = await other.app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/api/telemetry/live?ttl=60`, { headers: viewer, signal: ctrl.signal });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const pump = (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += new TextDecoder().decode(value);
          }
        } catch {
          /* aborted */
        }
      })();
      await expect.poll(() => text).toContain(': connected');
      const post = await sut.app.inject({
        method: 'POST',
        url: `/api/telemetry/osmand/${secret}?id=live-1&timestamp=1764990000&lat=38.0411&lon=23.8077&speed=12`,
        headers: sut.headers(),
      });
      expect(post.json()).toEqual({ stored: 1, duplicates: 0 });
      await expect.poll(() => text, { timeout: 5000 }).toContain(`"deviceId":"${d.id}"`);
      expect(text).toContain('event: positions');
      expect(text).toContain('"lat":38.0411');
      ctrl.abort();
      await pump;
      // nobody signed out gets the stream
      const anonymous = await sut.app.inject({ method: 'GET', url: '/api/telemetry/live', headers: sut.headers() });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      ctrl.abort();
      await other.close();
    }
  }, 90_000);
});

describe('partitions and retention', () => {
  it('creates month partitions ahead, moves early rows out of the default one, and drops old data per tenant', async () => {
    const created = await ensurePartitions(sut.db, 3, new Date('2031-01-15T00:00:00Z'));
    expect(created).toEqual(['2031-01', '2031-02', '2031-03', '2031-04']);
    expect(await ensurePartitions(sut.db, 3, new Date('2031-01-15T00:00:00Z'))).toEqual([]);

    const { device: d, secret } = await device('old-1');
    const auth = { authorization: basic('old-1', secret) };
    // a fix from long ago lands in the default partition, then gets its own month
    const old = { time: '2019-03-10T10:00:00Z', lat: 38.04, lon: 23.8 };
    const recent = { time: new Date(Date.now() - 86_400_000).toISOString(), lat: 38.0401, lon: 23.8001 };
    await sut.app.inject({
      method: 'POST',
      url: '/api/telemetry/batch',
      headers: sut.headers(auth),
      payload: { positions: [old, recent] },
    });
    const where = async () =>
      rows<{ part: string }>(
        await sut.db.execute(sql`select tableoid::regclass::text as part from positions where device_id = ${d.id} order by fix_time`),
      ).map((r) => r.part);
    expect((await where())[0]).toBe('positions_default');
    await ensurePartitions(sut.db, 0, new Date('2019-03-01T00:00:00Z'));
    expect((await where())[0]).toBe('positions_2019_03');

    // this tenant keeps 30 days; the 2019 fix goes, yesterday's stays; the 2019 partition is dropped
    // (its end is older than every tenant's retention)
    await sut.db
      .insert(telemetrySettings)
      .values({ tenantId: sut.tenant.id, retentionDays: 30 })
      .onConflictDoUpdate({ target: telemetrySettings.tenantId, set: { retentionDays: 30 } });
    const r = await applyRetention(sut.db);
    expect(r.deletedPositions).toBeGreaterThanOrEqual(1);
    expect(r.droppedPartitions).toContain('positions_2019_03');
    expect(await where()).toHaveLength(1);
    expect(
      await sut.db
        .select()
        .from(deviceMessages)
        .where(sql`${deviceMessages.time} < now() - interval '30 days' and ${deviceMessages.tenantId} = ${sut.tenant.id}`),
    ).toEqual([]);
  });
});
