import { describe, expect, it } from 'vitest';
import { detect, fuelUsedAcrossRefuels, haversineKm, newState, type TArea, type TFix } from './detect.js';

const T0 = Date.parse('2026-03-02T06:00:00Z');
const rules = { speedLimitKmh: 50, refuelThresholdL: 10, dropThresholdL: 8 };

/** A fix every 10 s; `east` moves ~100 m per fix eastwards at 36 km/h. */
function fix(i: number, over: Partial<TFix> = {}): TFix {
  return {
    fixTime: new Date(T0 + i * 10_000),
    lat: 38.0,
    lon: 23.7,
    speedKmh: 0,
    ignition: null,
    motion: null,
    fuelLevel: null,
    odometerKm: null,
    engineHours: null,
    driverUniqueId: null,
    trusted: true,
    ...over,
  };
}
const lonAt = (k: number) => 23.7 + k * 0.00114; // ~100 m per step at 38°N

describe('trip detection', () => {
  it('finds a trip from ignition with distance, duration, idle time and top speed, and the stop after it', () => {
    const fixes: TFix[] = [];
    for (let i = 0; i < 3; i++) fixes.push(fix(i, { ignition: false }));
    // ignition on at 3, idle 3 fixes (30 s), then 20 fixes moving, top 62 km/h at 12
    for (let i = 3; i < 6; i++) fixes.push(fix(i, { ignition: true }));
    for (let i = 6; i < 26; i++) fixes.push(fix(i, { ignition: true, lon: lonAt(i - 5), speedKmh: i === 12 ? 62 : 36 }));
    fixes.push(fix(26, { ignition: false, lon: lonAt(20) }));
    for (let i = 27; i < 60; i++) fixes.push(fix(i, { ignition: false, lon: lonAt(20) }));
    fixes.push(fix(60, { ignition: true, lon: lonAt(20) }));
    fixes.push(fix(61, { ignition: true, lon: lonAt(21), speedKmh: 30 }));

    const state = newState();
    const out = detect(state, fixes, rules, []);
    expect(out.trips).toHaveLength(1);
    const t = out.trips[0];
    expect(t?.startAt.toISOString()).toBe(new Date(T0 + 30_000).toISOString());
    expect(t?.endAt.toISOString()).toBe(new Date(T0 + 260_000).toISOString());
    expect(t?.durationS).toBe(230);
    expect(t?.distanceKm).toBeCloseTo(haversineKm(38, 23.7, 38, lonAt(20)), 2);
    expect(t?.idleS).toBe(20); // standing with the engine on from 3 to 5
    expect(t?.maxSpeedKmh).toBe(62);
    // the stop between ignition off (26) and on (60)
    expect(out.stops).toEqual([
      { startAt: new Date(T0 + 260_000), endAt: new Date(T0 + 600_000), lat: 38, lon: lonAt(20), durationS: 340 },
    ]);
    expect(state.trip).toBeDefined(); // the second trip is still open
  });

  it('gives the same trips fed all at once or in any batches, and ignores late and repeated fixes', () => {
    const fixes: TFix[] = [];
    let k = 0;
    for (let i = 0; i < 240; i++) {
      const driving = i % 80 < 40;
      if (driving) k++;
      fixes.push(fix(i, { lon: lonAt(k), speedKmh: driving ? 36 : 0 }));
    }
    const whole = detect(newState(), fixes, rules, []);
    const state = newState();
    const parts = { trips: [] as unknown[], stops: [] as unknown[] };
    for (let i = 0; i < fixes.length; i += 7) {
      const batch = fixes.slice(i, i + 7);
      if (i > 0) batch.unshift(fixes[i - 3] as TFix); // a repeated, older fix
      const out = detect(state, batch, rules, []);
      parts.trips.push(...out.trips);
      parts.stops.push(...out.stops);
    }
    expect(whole.trips.length).toBe(3);
    expect(parts.trips).toEqual(whole.trips);
    expect(parts.stops).toEqual(whole.stops);
    // without ignition a trip ends where it last moved, after five minutes of rest
    expect(whole.trips[0]?.endAt.toISOString()).toBe(new Date(T0 + 390_000).toISOString());
  });

  it('ends a trip at the last fix before a long gap', () => {
    const fixes = [
      fix(0, { ignition: true, speedKmh: 30 }),
      fix(1, { ignition: true, lon: lonAt(1), speedKmh: 30 }),
      fix(2, { ignition: true, lon: lonAt(2), speedKmh: 30 }),
      fix(200, { ignition: true, lon: lonAt(3), speedKmh: 30 }),
    ];
    const out = detect(newState(), fixes, rules, []);
    expect(out.trips).toHaveLength(1);
    expect(out.trips[0]?.endAt.toISOString()).toBe(new Date(T0 + 20_000).toISOString());
  });
});

describe('areas and overspeed', () => {
  const depot: TArea = {
    id: 'depot',
    kind: 'depot',
    speedLimitKmh: null,
    polygon: [
      [
        [23.69, 37.99],
        [23.705, 37.99],
        [23.705, 38.01],
        [23.69, 38.01],
        [23.69, 37.99],
      ],
    ],
  };
  const school: TArea = {
    id: 'school',
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
  };

  it('emits enter and exit once each, and overspeed against the lower of the road and vehicle limits', () => {
    const fixes: TFix[] = [];
    for (let k = 0; k < 25; k++) fixes.push(fix(k, { lon: lonAt(k), speedKmh: k >= 10 && k <= 14 ? 40 : k >= 20 && k <= 22 ? 58 : 25 }));
    const state = newState();
    const out = detect(state, fixes.slice(0, 12), rules, [depot, school]);
    const out2 = detect(state, fixes.slice(12), rules, [depot, school]);
    const ev = [...out.events, ...out2.events].map((e) => [e.kind, e.geofenceId ?? null, e.value ?? null, e.limitKmh ?? null]);
    // starts inside the depot (enter at the first fix), leaves it, enters and leaves the 30 km/h zone
    expect(ev).toEqual([
      ['geofence_enter', 'depot', null, null],
      ['geofence_exit', 'depot', null, null],
      ['geofence_enter', 'school', null, null],
      ['overspeed', null, 40, 30],
      ['geofence_exit', 'school', null, null],
      ['overspeed', null, 58, 50],
    ]);
  });
});

describe('fuel', () => {
  it('detects a refuel and a drop while parked, with the litres, and counts burning into the trip', () => {
    const fixes: TFix[] = [];
    let lvl = 60;
    for (let i = 0; i < 30; i++) {
      lvl -= 0.1;
      fixes.push(fix(i, { ignition: true, lon: lonAt(i), speedKmh: 40, fuelLevel: lvl + (i % 2 ? 0.4 : 0) }));
    }
    fixes.push(fix(30, { ignition: false, lon: lonAt(29), fuelLevel: 57 }));
    fixes.push(fix(40, { ignition: false, lon: lonAt(29), fuelLevel: 57.2 }));
    fixes.push(fix(50, { ignition: false, lon: lonAt(29), fuelLevel: 97 })); // refuel of 40 L
    fixes.push(fix(100, { ignition: false, lon: lonAt(29), fuelLevel: 96.8 }));
    fixes.push(fix(110, { ignition: false, lon: lonAt(29), fuelLevel: 76.8 })); // 20 L gone, parked
    const out = detect(newState(), fixes, rules, []);
    const fuel = out.events.filter((e) => e.kind === 'refuel' || e.kind === 'fuel_drop').map((e) => [e.kind, e.value]);
    expect(fuel).toEqual([
      ['refuel', 40],
      ['fuel_drop', 20],
    ]);
    expect(out.trips).toHaveLength(1);
    expect(out.trips[0]?.fuelUsedL).toBeCloseTo(3, 0);
  });

  it('a normal fall while driving is not a drop', () => {
    const fixes: TFix[] = [];
    for (let i = 0; i < 100; i++) fixes.push(fix(i, { ignition: true, lon: lonAt(i), speedKmh: 50, fuelLevel: 80 - i * 0.15 }));
    const out = detect(newState(), fixes, rules, []);
    expect(out.events.filter((e) => e.kind === 'fuel_drop')).toHaveLength(0);
  });

  it('fuel used over a period stays right across refuels (never start minus end)', () => {
    const at = (m: number) => new Date(T0 + m * 60_000);
    const levels = [
      { t: at(0), level: 50 },
      { t: at(10), level: 45 },
      { t: at(20), level: 40 },
      { t: at(21), level: 90 }, // refuel +50
      { t: at(30), level: 84 },
      { t: at(40), level: 80 },
    ];
    const r = fuelUsedAcrossRefuels(levels, 10);
    expect(r.usedL).toBe(20); // 10 before the refuel, 10 after; start−end would say −30
    expect(r.refuelledL).toBe(50);
  });
});
