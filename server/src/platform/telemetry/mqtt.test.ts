import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { systemContext } from '../service-context.js';
import { createDevice, setDeviceDisabled } from './index.js';
import { writerOf } from './ingest.js';
import { positions } from './positions.table.js';
import { telemetryRefusals } from './telemetry.schema.js';
import { startTelemetryTransports, type TelemetryTransports } from './transports.js';

let sut: TestApp;
let broker: TelemetryTransports;
let url: string;

beforeAll(async () => {
  sut = await createTestApp();
  broker = await startTelemetryTransports(sut.platform, { mqttPort: 0, mqttHost: '127.0.0.1' });
  url = `mqtt://127.0.0.1:${broker.mqttPort}`;
});
afterAll(async () => {
  await broker?.close();
  await sut?.close();
});

const ctx = () => systemContext(sut.tenant, { kind: 'seed', name: 'test' });
const count = async (deviceId: string) =>
  (
    await sut.db
      .select()
      .from(positions)
      .where(and(eq(positions.tenantId, sut.tenant.id), eq(positions.deviceId, deviceId)))
  ).length;
async function refused(deviceId: string | null, reason: string) {
  await writerOf(sut.platform).refusals.flush();
  const list = await sut.db.select().from(telemetryRefusals).where(eq(telemetryRefusals.tenantId, sut.tenant.id));
  return list.filter((r) => r.deviceId === deviceId && r.reason === reason).reduce((n, r) => n + Number(r.count), 0);
}

describe('embedded MQTT broker', () => {
  it('stores a QoS 1 position before acknowledging it, once, in our JSON and OwnTracks formats', async () => {
    const { device: d, secret } = await createDevice(sut.db, ctx(), {
      kind: 'vehicle_tracker',
      uniqueId: 'mqtt-1',
      name: 'Απορριμματοφόρο 1',
    });
    const client = await mqtt.connectAsync(url, { username: `${sut.tenant.slug}/mqtt-1`, password: secret, reconnectPeriod: 0 });
    try {
      const topic = `dimos/${sut.tenant.slug}/mqtt-1/position`;
      const fix = { time: '2025-12-06T07:00:00Z', lat: 38.04, lon: 23.806, speed: 25, ignition: true };
      await client.publishAsync(topic, JSON.stringify(fix), { qos: 1 });
      // the PUBACK came back: the row exists now, with no waiting
      expect(await count(d.id)).toBe(1);
      await client.publishAsync(topic, JSON.stringify(fix), { qos: 1 });
      expect(await count(d.id)).toBe(1);
      await client.publishAsync(
        `dimos/${sut.tenant.slug}/mqtt-1/owntracks`,
        JSON.stringify({ _type: 'location', lat: 38.0402, lon: 23.8063, tst: 1765004410, vel: 20, acc: 10, tid: 'A1' }),
        { qos: 1 },
      );
      expect(await count(d.id)).toBe(2);
      // garbage is refused and counted; the connection and later messages go on
      await client.publishAsync(topic, '{not json', { qos: 1 });
      await client.publishAsync(topic, JSON.stringify({ time: 'never', lat: 1, lon: 2 }), { qos: 1 });
      await client.publishAsync(topic, JSON.stringify({ ...fix, time: '2025-12-06T07:00:20Z', lat: 38.0405 }), { qos: 1 });
      expect(await count(d.id)).toBe(3);
      expect(await refused(d.id, 'malformed')).toBe(2);
    } finally {
      await client.endAsync();
    }
  });

  it('refuses wrong secrets, unknown devices and foreign topics, counting them, without stopping others', async () => {
    const a = await createDevice(sut.db, ctx(), { kind: 'vehicle_tracker', uniqueId: 'mqtt-a', name: 'A' });
    const b = await createDevice(sut.db, ctx(), { kind: 'vehicle_tracker', uniqueId: 'mqtt-b', name: 'B' });

    await expect(
      mqtt.connectAsync(url, { username: `${sut.tenant.slug}/mqtt-a`, password: 'guess', reconnectPeriod: 0 }),
    ).rejects.toThrow();
    await expect(mqtt.connectAsync(url, { username: `${sut.tenant.slug}/ghost`, password: 'x', reconnectPeriod: 0 })).rejects.toThrow();
    await expect(mqtt.connectAsync(url, { username: 'no-such-town/mqtt-a', password: a.secret, reconnectPeriod: 0 })).rejects.toThrow();
    expect(await refused(a.device.id, 'bad_secret')).toBe(1);
    expect(await refused(null, 'unknown_device')).toBe(1);

    const good = await mqtt.connectAsync(url, { username: `${sut.tenant.slug}/mqtt-b`, password: b.secret, reconnectPeriod: 0 });
    const evil = await mqtt.connectAsync(url, { username: `${sut.tenant.slug}/mqtt-a`, password: a.secret, reconnectPeriod: 0 });
    try {
      const closed = new Promise<void>((r) => evil.once('close', () => r()));
      // a publishes as b: refused (the broker drops the connection), nothing stored
      evil.publish(`dimos/${sut.tenant.slug}/mqtt-b/position`, JSON.stringify({ time: '2025-12-06T07:10:00Z', lat: 38, lon: 23.8 }), {
        qos: 1,
      });
      await closed;
      expect(await count(b.device.id)).toBe(0);
      expect(await refused(a.device.id, 'foreign_topic')).toBe(1);
      // b itself goes on
      await good.publishAsync(
        `dimos/${sut.tenant.slug}/mqtt-b/position`,
        JSON.stringify({ time: '2025-12-06T07:10:00Z', lat: 38, lon: 23.8 }),
        { qos: 1 },
      );
      expect(await count(b.device.id)).toBe(1);
      // devices cannot subscribe (nobody reads another's positions through the broker)
      await expect(good.subscribeAsync(`dimos/${sut.tenant.slug}/#`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    } finally {
      evil.end(true);
      await good.endAsync();
    }

    // a disabled device cannot log in any more
    await setDeviceDisabled(sut.db, ctx(), b.device.id, true);
    await expect(
      mqtt.connectAsync(url, { username: `${sut.tenant.slug}/mqtt-b`, password: b.secret, reconnectPeriod: 0 }),
    ).rejects.toThrow();
    expect(await refused(b.device.id, 'disabled')).toBe(1);
  });
});

describe('external broker (Mosquitto on 127.0.0.1:1883)', () => {
  it('takes device messages from a shared subscription, acknowledged after storing, dropping unknown devices', async () => {
    const group = `t${randomUUID().slice(0, 8)}`;
    // two workers in one group split the stream; every message is stored exactly once
    const w1 = await startTelemetryTransports(sut.platform, { mqttUrl: 'mqtt://127.0.0.1:1883', shareGroup: group });
    const w2 = await startTelemetryTransports(sut.platform, { mqttUrl: 'mqtt://127.0.0.1:1883', shareGroup: group });
    const { device: d } = await createDevice(sut.db, ctx(), { kind: 'vehicle_tracker', uniqueId: `ext-${group}`, name: 'Εξωτερικός' });
    const dev = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `dev-${group}`, reconnectPeriod: 0 });
    try {
      const base = Date.parse('2025-12-06T10:00:00Z');
      for (let i = 0; i < 20; i++) {
        await dev.publishAsync(
          `dimos/${sut.tenant.slug}/ext-${group}/position`,
          JSON.stringify({ time: new Date(base + i * 10_000).toISOString(), lat: 38.04 + i * 0.0003, lon: 23.806 }),
          { qos: 1 },
        );
      }
      await dev.publishAsync(`dimos/${sut.tenant.slug}/ghost-${group}/position`, JSON.stringify({ time: base, lat: 38, lon: 23 }), {
        qos: 1,
      });
      await expect.poll(() => count(d.id), { timeout: 10_000 }).toBe(20);
      await expect.poll(() => refused(null, 'unknown_device'), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await dev.endAsync();
      await w1.close();
      await w2.close();
    }
  });
});
