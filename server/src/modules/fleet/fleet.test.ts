import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, sessionCookie } from '../../../test/factories.js';
import { athensDay } from '../../platform/calendar/index.js';
import { rows } from '../../platform/db/database.js';
import { systemContext } from '../../platform/service-context.js';
import { createDevice, type IncomingPosition, ingestPositions } from '../../platform/telemetry/index.js';
import { sendDueNotices } from '../notify/index.js';
import { processBatch } from './process.service.js';
import { fleetEvents, fleetTrips, fleetVehicles } from './schema.js';

let sut: TestApp;
let head: Record<string, string>;
let driverH: Record<string, string>;
let otherH: Record<string, string>;
let driverId: string;
type Json = Record<string, unknown>;

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
  sut.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Json } : {}) });

beforeAll(async () => {
  sut = await createTestApp();
  const h = await makeStaff(sut.db, sut.tenant.id, 'head');
  head = sut.headers({ cookie: await sessionCookie(sut.db, h) });
  const d = await makeStaff(sut.db, sut.tenant.id, 'employee', null, { givenName: 'Νίκος', familyName: 'Οδηγός' });
  driverId = d.id;
  driverH = sut.headers({ cookie: await sessionCookie(sut.db, d) });
  const o = await makeStaff(sut.db, sut.tenant.id, 'employee');
  otherH = sut.headers({ cookie: await sessionCookie(sut.db, o) });
});
afterAll(async () => sut?.close());

const vehicleBody = (plate: string, extra: Json = {}) => ({
  plate,
  category: 'garbage_truck',
  fuelType: 'diesel',
  tankLitres: 300,
  normLPer100Km: 55,
  speedLimitKmh: 50,
  ...extra,
});

/** A fix; `k` steps of ~100 m east from the depot. */
const T0 = Date.parse('2026-03-03T06:00:00Z');
function fix(i: number, k: number, over: Partial<IncomingPosition> = {}): IncomingPosition {
  return {
    fixTime: new Date(T0 + i * 10_000),
    lat: 38.0,
    lon: 23.7 + k * 0.00114,
    speedKmh: 0,
    course: null,
    altitude: null,
    accuracy: 5,
    battery: null,
    ignition: true,
    motion: null,
    fuelLevel: null,
    odometerKm: null,
    engineHours: null,
    driverUniqueId: 'RFID-0042',
    attributes: {},
    ...over,
  };
}

describe('vehicles', () => {
  it('checks the Greek plate format (400 naming the field, nothing stored) and normalises Latin look-alikes', async () => {
    const bad = await call('POST', '/api/fleet/vehicles', head, vehicleBody('ABC-12'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('plate');
    expect(bad.json().fields[0].message).toMatch(/αριθμός κυκλοφορίας/i);
    const ok = await call('POST', '/api/fleet/vehicles', head, vehicleBody('khy 1234'));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().plate).toBe('ΚΗΥ-1234');
    const me = await call('POST', '/api/fleet/vehicles', head, vehicleBody('ME 118745', { category: 'machinery', normLPerHour: 9 }));
    expect(me.json().plate).toBe('ΜΕ-118745');
    expect((await call('POST', '/api/fleet/vehicles', head, vehicleBody('ΚΗΥ-1234'))).statusCode).toBe(409);
    expect((await call('POST', '/api/fleet/vehicles', driverH, vehicleBody('ΚΗΥ-9999'))).statusCode).toBe(403);
  });
});

describe('positions → trips, areas, overspeed, fuel', () => {
  let vehicleId: string;
  let deviceId: string;

  it('derives them once from the durable walk, in any batch size', async () => {
    const ctx = systemContext(sut.tenant, { kind: 'seed', name: 'test' });
    const { device } = await createDevice(sut.db, ctx, { kind: 'vehicle_tracker', uniqueId: 'truck-77', name: 'Truck 77' });
    deviceId = device.id;
    const v = await call(
      'POST',
      '/api/fleet/vehicles',
      head,
      vehicleBody('ΚΗΟ-7777', { deviceId, refuelThresholdL: 10, dropThresholdL: 8 }),
    );
    vehicleId = v.json().id;
    const zone = await call('POST', '/api/fleet/geofences', head, {
      name: 'Ζώνη σχολείου',
      kind: 'road',
      speedLimitKmh: 30,
      polygon: [
        [
          [23.71, 37.99],
          [23.72, 37.99],
          [23.72, 38.01],
          [23.71, 38.01],
          [23.71, 37.99],
        ],
      ],
    });
    expect(zone.statusCode, zone.body).toBe(201);
    // the driver's card (RFID) comes with the fixes, so the trips are theirs
    const card = await call('PUT', '/api/fleet/drivers', head, { userId: driverId, driverUniqueId: 'RFID-0042', licenceCategories: ['C'] });
    expect(card.statusCode, card.body).toBe(200);
    const shift = await call('POST', '/api/fleet/shifts', driverH, { vehicleId, sharePhone: false });
    expect(shift.statusCode, shift.body).toBe(201);

    const fixes: IncomingPosition[] = [];
    let fuel = 100;
    for (let i = 0; i < 3; i++) fixes.push(fix(i, 0, { ignition: false, fuelLevel: fuel }));
    // trip 1: 25 steps east, 40 km/h inside the 30 zone (k 9..17)
    for (let k = 1; k <= 25; k++) {
      fuel -= 0.2;
      fixes.push(fix(2 + k, k, { speedKmh: k >= 10 && k <= 14 ? 40 : 25, fuelLevel: Math.round(fuel * 10) / 10 }));
    }
    fixes.push(fix(28, 25, { ignition: false, fuelLevel: 95 }));
    // parked: a refuel (+60 l), then 20 l gone while standing (suspicious)
    fixes.push(fix(60, 25, { ignition: false, fuelLevel: 155 }));
    fixes.push(fix(90, 25, { ignition: false, fuelLevel: 154.8 }));
    fixes.push(fix(100, 25, { ignition: false, fuelLevel: 134.8 }));
    // trip 2 back west
    for (let k = 24; k >= 0; k--) fixes.push(fix(100 + (25 - k), k, { speedKmh: 25, fuelLevel: 134.8 - (25 - k) * 0.2 }));
    fixes.push(fix(127, 0, { ignition: false, fuelLevel: 129.8 }));
    const stored = await ingestPositions(sut.platform, { tenantId: sut.tenant.id, deviceId }, fixes);
    expect(stored.stored).toBe(fixes.length);

    // small batches: the cursor moves batch by batch; a re-run adds nothing
    for (let i = 0; i < 50; i++) if (!(await processBatch(sut.platform, { settleMs: 0, limit: 7 })).processed) break;
    expect((await processBatch(sut.platform, { settleMs: 0 })).processed).toBe(0);
    // a retried upload of the same fixes is not stored again, so nothing is counted twice
    expect((await ingestPositions(sut.platform, { tenantId: sut.tenant.id, deviceId }, fixes.slice(0, 10))).stored).toBe(0);
    await processBatch(sut.platform, { settleMs: 0 });

    const trips = await sut.db.select().from(fleetTrips).where(eq(fleetTrips.vehicleId, vehicleId));
    expect(trips).toHaveLength(2);
    const t1 = trips.find((t) => t.startAt.getTime() === T0 + 30_000);
    expect(t1?.maxSpeedKmh).toBe(40);
    expect(t1?.distanceKm).toBeGreaterThan(2.3);
    expect(t1?.distanceKm).toBeLessThan(2.6);
    expect(t1?.driverUserId).toBe(driverId);
    const ev = await sut.db.select().from(fleetEvents).where(eq(fleetEvents.vehicleId, vehicleId));
    const kinds = ev.map((e) => e.kind).sort();
    expect(kinds).toEqual(['fuel_drop', 'geofence_enter', 'geofence_enter', 'geofence_exit', 'geofence_exit', 'overspeed', 'refuel']);
    expect(ev.find((e) => e.kind === 'fuel_drop')?.value).toBe(20);
    expect(ev.find((e) => e.kind === 'refuel')?.value).toBe(60);
    expect(ev.find((e) => e.kind === 'overspeed')?.limitKmh).toBe(30);
    const [veh] = await sut.db.select().from(fleetVehicles).where(eq(fleetVehicles.id, vehicleId));
    expect(veh?.odometerKm).toBeGreaterThan(4.6);
  });

  it('fuel used over the period stays right across the refuel', async () => {
    const r = await call('GET', `/api/fleet/fuel?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z&vehicleId=${vehicleId}`, head);
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json().items[0];
    expect(f.source).toBe('sensor');
    // 5 l on trip 1, the 20 l drop, 5 l on trip 2 — start−end would say 100 − 129.8 = −29.8
    expect(f.usedL).toBeCloseTo(30, 0);
    expect(f.drops).toBe(1);
    expect(f.per100Km).toBeGreaterThan(0);
  });

  it('fills in the δελτίο κίνησης, checks it against the norm, and only the driver confirms it once', async () => {
    const day = '2026-03-03';
    const r = await call('GET', `/api/fleet/vehicles/${vehicleId}/log/${day}`, head);
    expect(r.statusCode, r.body).toBe(200);
    const log = r.json();
    expect(log.trips).toHaveLength(2);
    expect(log.drivers.map((d: { name: string }) => d.name)).toEqual(['Νίκος Οδηγός']);
    expect(log.normL).toBeCloseTo((log.distanceKm * 55) / 100, 1);
    // 30 l used (20 of them the drop) for ~5 km against a norm of ~2.7 l: over
    expect(log.normCheck).toBe('over');
    expect((await call('POST', `/api/fleet/vehicles/${vehicleId}/log/${day}/confirm`, otherH, {})).statusCode).toBe(403);
    const ok = await call('POST', `/api/fleet/vehicles/${vehicleId}/log/${day}/confirm`, driverH, { remarks: 'Πτώση στάθμης το μεσημέρι' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call('POST', `/api/fleet/vehicles/${vehicleId}/log/${day}/confirm`, driverH, {})).statusCode).toBe(409);
    expect((await call('GET', `/api/fleet/vehicles/${vehicleId}/log/${day}`, driverH)).json().confirmed.by).toBe('Νίκος Οδηγός');
  });

  it('exports reports (CSV, XLSX, PDF) and the track (GPX, GeoJSON)', async () => {
    const q = `from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z&vehicleId=${vehicleId}`;
    const csv = await call('GET', `/api/fleet/reports/trips?${q}&format=csv`, head);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Αρ. κυκλοφορίας');
    expect(csv.body).toContain('ΚΗΟ-7777');
    const pdf = await call('GET', `/api/fleet/reports/fuel?${q}&format=pdf`, head);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await call('GET', `/api/fleet/reports/categories?${q}&format=xlsx`, head);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const gpx = await call('GET', `/api/fleet/vehicles/${vehicleId}/track.gpx?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z`, head);
    expect(gpx.body.match(/<trkseg>/g)).toHaveLength(2);
    const gj = await call('GET', `/api/fleet/vehicles/${vehicleId}/track.geojson?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z`, head);
    expect(JSON.parse(gj.body).features).toHaveLength(2);
  });
});

describe('the driver on the phone', () => {
  it('logs fuel only for the vehicle of the shift, once per client key', async () => {
    const me = (await call('GET', '/api/fleet/me', driverH)).json();
    expect(me.shift).not.toBeNull();
    const body = { vehicleId: me.shift.vehicleId, litres: 80, cost: 129.6, station: 'ΕΚΟ Λεωφ. Αθηνών', clientKey: 'phone-entry-0001' };
    const a = await call('POST', '/api/fleet/refuels', driverH, body);
    expect(a.statusCode, a.body).toBe(201);
    const b = await call('POST', '/api/fleet/refuels', driverH, body);
    expect(b.json().id).toBe(a.json().id);
    const other = await call('POST', '/api/fleet/refuels', otherH, { ...body, clientKey: 'phone-entry-0002' });
    expect(other.statusCode).toBe(400);
    expect(other.json().fields[0].field).toBe('vehicleId');
    const tooMuch = await call('POST', '/api/fleet/refuels', driverH, { ...body, litres: 900, clientKey: 'phone-entry-0003' });
    expect(tooMuch.json().fields[0].field).toBe('litres');
    await call('POST', `/api/fleet/shifts/${me.shift.id}/end`, driverH, {});
  });

  it('shares the phone as the tracker only during the shift', async () => {
    const v = (
      await call('POST', '/api/fleet/vehicles', head, vehicleBody('ΚΗΟ-2201', { category: 'car', fuelType: 'petrol', tankLitres: 40 }))
    ).json();
    const s = await call('POST', '/api/fleet/shifts', driverH, { vehicleId: v.id, sharePhone: true });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().phoneDeviceId).toBeTruthy();
    const now = Date.now();
    const fixes = {
      fixes: [0, 1, 2].map((i) => ({ time: new Date(now + i * 1000).toISOString(), lat: 38.01, lon: 23.73 + i * 0.0005, speedKmh: 20 })),
    };
    const sent = await call('POST', `/api/fleet/shifts/${s.json().id}/positions`, driverH, fixes);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().stored).toBe(3);
    const live = (await call('GET', '/api/fleet/live', head)).json().items.find((x: { vehicleId: string }) => x.vehicleId === v.id);
    expect(live.state).toBe('moving');
    expect(live.onShift).toBe(true);
    expect((await call('POST', `/api/fleet/shifts/${s.json().id}/positions`, otherH, fixes)).statusCode).toBe(404);
    await call('POST', `/api/fleet/shifts/${s.json().id}/end`, driverH, {});
    const after = await call('POST', `/api/fleet/shifts/${s.json().id}/positions`, driverH, fixes);
    expect(after.statusCode).toBe(409);
    expect(after.json().message).toMatch(/βάρδια/);
  });

  it('reports a fault as a case for the garage', async () => {
    const vehicles = (await call('GET', '/api/fleet/vehicles', head)).json().items;
    const v = vehicles.find((x: { plate: string }) => x.plate === 'ΚΗΥ-1234');
    const s = await call('POST', '/api/fleet/shifts', driverH, { vehicleId: v.id, sharePhone: false });
    expect(s.statusCode, s.body).toBe(201);
    const r = await call('POST', '/api/fleet/faults', driverH, {
      vehicleId: v.id,
      description: 'Δεν ανεβαίνει ο ανυψωτικός μηχανισμός',
      canDrive: false,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().caseId).toBeTruthy();
    const list = (await call('GET', `/api/fleet/faults?vehicleId=${v.id}`, head)).json().items;
    expect(list[0].caseId).toBe(r.json().caseId);
    await call('POST', `/api/fleet/shifts/${s.json().id}/end`, driverH, {});
  });
});

/** What the phone's offline outbox sends: the JSON under `payload`, photos as files (built as a browser builds it). */
async function outboxRequest(url: string, headers: Record<string, string>, key: string, payload: Json, files: [string, Buffer][]) {
  const fd = new FormData();
  fd.append('payload', JSON.stringify(payload));
  for (const [field, bytes] of files) fd.append(field, new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const req = new Request('http://phone.invalid/', { method: 'POST', body: fd });
  const body = Buffer.from(await req.arrayBuffer());
  return sut.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...headers, 'content-type': String(req.headers.get('content-type')), 'idempotency-key': key },
  });
}

describe('the driver phone’s offline outbox', () => {
  it('sends a refuelling with its receipt and a fault with photos in one request each, stored once per Idempotency-Key', async () => {
    const vehicles = (await call('GET', '/api/fleet/vehicles', head)).json().items;
    const v = vehicles.find((x: { plate: string }) => x.plate === 'ΚΗΥ-1234');
    const s = await call('POST', '/api/fleet/shifts', driverH, { vehicleId: v.id, sharePhone: false });
    expect(s.statusCode, s.body).toBe(201);
    const photo = (colour: string) =>
      sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const filesOfDriver = async () =>
      Number(rows<{ n: number }>(await sut.db.execute(sql`select count(*)::int as n from files where owner_user_id = ${driverId}`))[0]?.n);
    const before = await filesOfDriver();

    const fuelKey = `outbox-${randomUUID()}`;
    const fuel = { vehicleId: v.id, litres: 61.5, cost: 99.4, station: 'ΕΚΟ Λεωφ. Αθηνών' };
    const receipt = await photo('#dddddd');
    const a = await outboxRequest('/api/fleet/refuels', driverH, fuelKey, fuel, [['receipt', receipt]]);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().receiptFileId).toBeTruthy();
    expect(a.json().clientKey).toBe(fuelKey);
    // the answer was lost: the outbox sends the same item again
    const b = await outboxRequest('/api/fleet/refuels', driverH, fuelKey, fuel, [['receipt', receipt]]);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ id: a.json().id, receiptFileId: a.json().receiptFileId });
    expect(await filesOfDriver()).toBe(before + 1);
    const stored = rows<{ n: number }>(
      await sut.db.execute(sql`select count(*)::int as n from fleet_refuels where client_key = ${fuelKey}`),
    );
    expect(stored[0]?.n).toBe(1);

    const faultKey = `outbox-${randomUUID()}`;
    const fault = { vehicleId: v.id, description: 'Σπασμένος καθρέπτης οδηγού', canDrive: true };
    const photos: [string, Buffer][] = [
      ['photos', await photo('#aa3333')],
      ['photos', await photo('#3333aa')],
    ];
    const f1 = await outboxRequest('/api/fleet/faults', driverH, faultKey, fault, photos);
    expect(f1.statusCode, f1.body).toBe(201);
    const f2 = await outboxRequest('/api/fleet/faults', driverH, faultKey, fault, photos);
    expect(f2.statusCode, f2.body).toBe(201);
    expect(f2.json()).toMatchObject({ caseId: f1.json().caseId, faultId: f1.json().faultId });
    expect(await filesOfDriver()).toBe(before + 3);
    const faults = (await call('GET', `/api/fleet/faults?vehicleId=${v.id}`, head)).json().items;
    const mine = faults.filter((x: { caseId: string }) => x.caseId === f1.json().caseId);
    expect(mine).toHaveLength(1);
    expect(mine[0].fileIds).toHaveLength(2);

    // a file under another field, or a payload that is not JSON: refused naming the field, nothing stored
    const wrong = await outboxRequest('/api/fleet/refuels', driverH, `outbox-${randomUUID()}`, fuel, [['photos', receipt]]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].field).toBe('receipt');
    const invalid = await outboxRequest('/api/fleet/refuels', driverH, `outbox-${randomUUID()}`, { ...fuel, litres: -3 }, []);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().fields[0].field).toBe('litres');
    expect(await filesOfDriver()).toBe(before + 3);
    await call('POST', `/api/fleet/shifts/${s.json().id}/end`, driverH, {});
  });
});

describe('a tracker for a vehicle', () => {
  it('registers one (secret shown once), and its OsmAnd fixes move the vehicle on the live list', async () => {
    const v = (await call('POST', '/api/fleet/vehicles', head, vehicleBody('ΚΗΟ-3115', { category: 'truck' }))).json();
    const refused = await call('POST', `/api/fleet/vehicles/${v.id}/device`, driverH);
    expect(refused.statusCode, refused.body).toBe(403);
    const tr = await call('POST', `/api/fleet/vehicles/${v.id}/device`, head);
    expect(tr.statusCode, tr.body).toBe(200);
    const { uniqueId, secret } = tr.json();
    const ts = Math.floor(Date.now() / 1000);
    const r = await call(
      'GET',
      `/api/telemetry/osmand/${secret}?id=${uniqueId}&lat=38.02&lon=23.74&timestamp=${ts}&speed=20`,
      sut.headers(),
    );
    expect(r.statusCode, r.body).toBe(200);
    const live = (await call('GET', '/api/fleet/live', head)).json().items.find((x: { vehicleId: string }) => x.vehicleId === v.id);
    expect(live.lat).toBe(38.02);
    expect(live.state).toBe('moving');
    // a new secret: the old one stops working
    const again = (await call('POST', `/api/fleet/vehicles/${v.id}/device`, head)).json();
    expect(again.uniqueId).toBe(uniqueId);
    expect(
      (await call('GET', `/api/telemetry/osmand/${secret}?id=${uniqueId}&lat=38.02&lon=23.74&timestamp=${ts + 10}`, sut.headers()))
        .statusCode,
    ).toBe(401);
  });
});

describe('maintenance and papers', () => {
  it('lists due and overdue service by km, hours and date; a service record starts the plan again', async () => {
    const vehicles = (await call('GET', '/api/fleet/vehicles', head)).json().items;
    const truck = vehicles.find((x: { plate: string }) => x.plate === 'ΚΗΥ-1234');
    const machine = vehicles.find((x: { plate: string }) => x.plate === 'ΜΕ-118745');
    await call('PATCH', `/api/fleet/vehicles/${truck.id}`, head, { odometerKm: 60_000 });
    await call('PATCH', `/api/fleet/vehicles/${machine.id}`, head, { engineHours: 1480 });
    const p1 = await call('POST', '/api/fleet/maintenance/plans', head, {
      vehicleId: truck.id,
      name: 'Σέρβις',
      everyKm: 15000,
      lastKm: 44000,
    });
    expect(p1.statusCode, p1.body).toBe(201);
    await call('POST', '/api/fleet/maintenance/plans', head, {
      vehicleId: machine.id,
      name: 'Σέρβις 500 ωρών',
      everyHours: 500,
      lastHours: 1000,
    });
    await call('POST', '/api/fleet/maintenance/plans', head, {
      vehicleId: machine.id,
      name: 'Ετήσιος έλεγχος',
      everyMonths: 12,
      lastDate: '2020-01-01',
    });
    const none = await call('POST', '/api/fleet/maintenance/plans', head, { vehicleId: machine.id, name: 'Χωρίς διάστημα' });
    expect(none.statusCode).toBe(400);
    const due = (await call('GET', '/api/fleet/maintenance/due', head)).json().items;
    const by = (name: string) => due.find((d: { name: string }) => d.name === name);
    expect(by('Σέρβις').status).toBe('overdue');
    expect(by('Σέρβις').kmLeft).toBe(-1000);
    expect(by('Σέρβις 500 ωρών').status).toBe('due');
    expect(by('Ετήσιος έλεγχος').status).toBe('overdue');
    const rec = await call('POST', '/api/fleet/maintenance/records', head, {
      vehicleId: truck.id,
      planId: p1.json().id,
      doneOn: athensDay(),
      odometerKm: 60_000,
      description: 'Λάδια και φίλτρα',
      parts: [{ name: 'Φίλτρο λαδιού', qty: 1, cost: 28 }],
      labourCost: 60,
    });
    expect(rec.json().totalCost).toBe(88);
    const after = (await call('GET', `/api/fleet/maintenance/due?vehicleId=${truck.id}`, head)).json().items;
    expect(after[0].status).toBe('ok');
  });

  it('a paper with an expiry becomes a dated obligation: the fleet managers are told once', async () => {
    const vehicles = (await call('GET', '/api/fleet/vehicles', head)).json().items;
    const truck = vehicles.find((x: { plate: string }) => x.plate === 'ΚΗΥ-1234');
    const p = await call('POST', '/api/fleet/papers', head, {
      vehicleId: truck.id,
      kind: 'kteo',
      validUntil: '2027-05-20',
      remindDays: [30, 7],
    });
    expect(p.statusCode, p.body).toBe(201);
    const both = await call('POST', '/api/fleet/papers', head, {
      vehicleId: truck.id,
      driverUserId: driverId,
      kind: 'kteo',
      validUntil: '2027-05-20',
    });
    expect(both.statusCode).toBe(400);
    expect((await sendDueNotices(sut.platform, '2027-05-13')).sent).toBeGreaterThanOrEqual(1);
    expect((await sendDueNotices(sut.platform, '2027-05-13')).sent).toBe(0);
    // notify's own table, read as SQL: a test may look at what another module stored, never import its schema
    const msgs = rows<{ subject_el: string }>(
      await sut.db.execute(sql`select subject_el from notify_messages where tenant_id = ${sut.tenant.id} and source = 'reminder'`),
    );
    expect(msgs.map((m) => m.subject_el)).toContain('Λήγει σε 7 ημέρες: ΚΤΕΟ ΚΗΥ-1234');
  });
});
