import { describe, expect, it } from 'vitest';
import { decodeJsonPositions, decodeOsmAnd, decodeOwnTracks, parseTime } from './formats.js';
import { untrustedReason } from './ingest.js';
import { parseTopic } from './transports.js';

describe('telemetry formats', () => {
  it('reads times as unix seconds, milliseconds or ISO 8601', () => {
    expect(parseTime('1764979200')?.toISOString()).toBe('2025-12-06T00:00:00.000Z');
    expect(parseTime(1764979200000)?.toISOString()).toBe('2025-12-06T00:00:00.000Z');
    expect(parseTime('2025-12-06T02:00:00+02:00')?.toISOString()).toBe('2025-12-06T00:00:00.000Z');
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime(-5)).toBeNull();
  });

  it('decodes the Traccar Client OsmAnd request, speed from knots to km/h', () => {
    const p = decodeOsmAnd({
      id: '356938035643809',
      timestamp: '1764979200',
      lat: '38.0391',
      lon: '23.8047',
      speed: '10.0',
      bearing: '90.0',
      altitude: '120.5',
      accuracy: '8.0',
      batt: '76.0',
      mock: 'true',
    });
    expect(p).toMatchObject({ lat: 38.0391, lon: 23.8047, speedKmh: 18.52, course: 90, altitude: 120.5, accuracy: 8, battery: 76 });
    expect(p?.attributes).toEqual({ mock: 'true' });
    expect(decodeOsmAnd({ id: 'x', lat: '95', lon: '23', timestamp: '1764979200' })).toBeNull();
    expect(decodeOsmAnd({ id: 'x', lat: 'abc', lon: '23', timestamp: '1764979200' })).toBeNull();
    expect(decodeOsmAnd({ id: 'x', location: '38.1,23.7', timestamp: '2025-12-06T00:00:00Z' })?.lat).toBe(38.1);
  });

  it('decodes OwnTracks locations and ignores its other message types', () => {
    const [p] =
      decodeOwnTracks({ _type: 'location', lat: 38.04, lon: 23.8, tst: 1764979200, acc: 12, vel: 40, cog: 180, batt: 55, tid: 'ΑΚ' }) ?? [];
    expect(p).toMatchObject({ lat: 38.04, lon: 23.8, speedKmh: 40, course: 180, accuracy: 12, battery: 55 });
    expect(p?.fixTime.toISOString()).toBe('2025-12-06T00:00:00.000Z');
    expect(decodeOwnTracks({ _type: 'lwt', tst: 1 })).toEqual([]);
    expect(decodeOwnTracks({ lat: 1, lon: 2 })).toBeNull();
    expect(decodeOwnTracks({ _type: 'location', lat: 1, lon: 2 })).toBeNull();
  });

  it('decodes our JSON: one, many or {positions}, refusing the whole payload when one item is bad', () => {
    const one = { time: '2025-12-06T00:00:00Z', lat: 38, lon: 23.8, speed: 50, fuel: 60.5, ignition: true };
    expect(decodeJsonPositions(one)).toHaveLength(1);
    expect(decodeJsonPositions([one, { ...one, time: 1764979210 }])).toHaveLength(2);
    expect(decodeJsonPositions({ positions: [one] })?.[0]).toMatchObject({ speedKmh: 50, fuelLevel: 60.5, ignition: true });
    expect(decodeJsonPositions([one, { ...one, lat: 'x' }])).toBeNull();
    expect(decodeJsonPositions([])).toBeNull();
    expect(decodeJsonPositions('hello')).toBeNull();
  });

  it('marks (0,0), future and teleporting fixes untrusted', () => {
    const now = new Date('2025-12-06T00:00:00Z');
    const prev = { lat: 38.0, lon: 23.8, fixTime: new Date('2025-12-05T23:59:00Z') };
    expect(untrustedReason({ lat: 0, lon: 0, fixTime: now }, undefined, now)).toBe('null_island');
    expect(untrustedReason({ lat: 38, lon: 23.8, fixTime: new Date('2025-12-07T00:00:00Z') }, undefined, now)).toBe('future_time');
    // 1 km in a minute: 60 km/h, fine; 100 km in a minute: a teleport
    expect(untrustedReason({ lat: 38.009, lon: 23.8, fixTime: now }, prev, now)).toBeNull();
    expect(untrustedReason({ lat: 38.9, lon: 23.8, fixTime: now }, prev, now)).toBe('teleport');
  });

  it('reads device topics', () => {
    expect(parseTopic('dimos/nea-arkadia/truck-7/position')).toEqual({ slug: 'nea-arkadia', uniqueId: 'truck-7', type: 'position' });
    expect(parseTopic('dimos/nea-arkadia/truck-7/waste.lift')?.type).toBe('waste.lift');
    expect(parseTopic('dimos/nea-arkadia/truck-7')).toBeNull();
    expect(parseTopic('other/a/b/c')).toBeNull();
  });
});
