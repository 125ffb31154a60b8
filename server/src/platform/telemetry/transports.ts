import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import type { Platform } from '../context.js';
import { authenticateDevice, findDevice } from './devices.js';
import { decodeJsonPositions, decodeOwnTracks } from './formats.js';
import { writerOf } from './ingest.js';
import type { IncomingPosition } from './types.js';

/**
 * MQTT into the ingest. Topic `dimos/<tenant-slug>/<uniqueId>/<type>`; `<type>` is `position` (our
 * JSON), `owntracks` (OwnTracks JSON) or a declared message type (e.g. `waste.lift`).
 *
 * - Embedded broker (aedes) on `MQTT_PORT`: devices log in as `<tenant-slug>/<uniqueId>` with their
 *   secret and may publish only under their own prefix. The message is stored inside
 *   `authorizePublish`, before aedes writes the PUBACK, so QoS 1 is acknowledged only once stored.
 * - External broker (`MQTT_URL`): the broker authenticates devices and enforces the ACL; this process
 *   subscribes to `$share/<group>/dimos/#` (N processes split the stream) and acknowledges each QoS 1
 *   message only after it is stored. Messages of unknown or disabled devices are dropped and counted.
 */
export interface TelemetryTransports {
  /** The embedded broker's port (0 when not running). */
  mqttPort: number;
  close(): Promise<void>;
}

type Target = { tenantId: string; slug: string; uniqueId: string; deviceId: string };
type DimosClient = Client & { dimos?: Target };

export function parseTopic(topic: string): { slug: string; uniqueId: string; type: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || parts[0] !== 'dimos' || !parts[1] || !parts[2] || !parts[3]) return null;
  return { slug: parts[1], uniqueId: parts[2], type: parts[3] };
}

/** Decodes and stores one MQTT payload of a known device. Resolves when stored (or refused); rejects only when storing failed. */
async function handlePayload(platform: Platform, target: Target, type: string, payload: Buffer) {
  const writer = writerOf(platform);
  const device = { tenantId: target.tenantId, deviceId: target.deviceId };
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    writer.refusals.count(target.tenantId, target.deviceId, 'malformed');
    return;
  }
  if (type === 'position' || type === 'owntracks') {
    const list: IncomingPosition[] | null = type === 'position' ? decodeJsonPositions(body) : decodeOwnTracks(body);
    if (list === null) {
      writer.refusals.count(target.tenantId, target.deviceId, 'malformed');
      return;
    }
    if (list.length) await writer.ingest(device, list);
    return;
  }
  const messages = writer.checkMessages(device, [{ type, payload: body }]);
  if (messages.length) await writer.ingest(device, [], messages);
}

export async function startTelemetryTransports(
  platform: Platform,
  opts: { mqttPort?: number; mqttHost?: string; mqttUrl?: string; shareGroup?: string; clientId?: string } = {},
): Promise<TelemetryTransports> {
  const cfg = platform.cfg;
  const url = opts.mqttUrl ?? cfg.MQTT_URL;
  const closers: (() => Promise<void>)[] = [];
  let mqttPort = 0;

  if (url) {
    const group = opts.shareGroup ?? cfg.MQTT_SHARE_GROUP;
    const clientId = opts.clientId ?? cfg.MQTT_CLIENT_ID;
    const client: MqttClient = mqtt.connect(url, {
      clientId: clientId ?? `dimos-${randomUUID().slice(0, 8)}`,
      clean: !clientId, // a fixed client id keeps a persistent session: unacknowledged messages come back
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    client.handleMessage = (packet, done) => {
      const t = parseTopic(packet.topic);
      const writer = writerOf(platform);
      const run = async () => {
        if (!t) return; // not a device topic
        const tenant = await platform.tenants.resolve({ slug: t.slug });
        if (!tenant || tenant.slug !== t.slug) return;
        const device = await findDevice(platform.db, tenant.id, t.uniqueId);
        if (!device || device.disabled) {
          writer.refusals.count(tenant.id, device?.id ?? null, device ? 'disabled' : 'unknown_device');
          return;
        }
        await handlePayload(
          platform,
          { tenantId: tenant.id, slug: t.slug, uniqueId: t.uniqueId, deviceId: device.id },
          t.type,
          packet.payload as Buffer,
        );
      };
      run().then(
        () => done(),
        (err) => {
          platform.log.error({ err }, 'telemetry: could not store an MQTT message; reconnecting so the broker redelivers it');
          client.stream?.destroy();
          done(err);
        },
      );
    };
    client.on('error', (err) => platform.log.warn({ err }, 'telemetry: MQTT client error'));
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      client.once('error', fail);
      client.once('connect', () => {
        client.off('error', fail);
        resolve();
      });
    });
    await client.subscribeAsync(`$share/${group}/dimos/#`, { qos: 1 });
    client.on('connect', () => {
      if (client.options.clean !== false) void client.subscribeAsync(`$share/${group}/dimos/#`, { qos: 1 }).catch(() => {});
    });
    closers.push(() => client.endAsync());
  } else {
    const port = opts.mqttPort ?? cfg.MQTT_PORT;
    if (port > 0 || opts.mqttPort === 0) {
      const broker = await Aedes.createBroker({
        concurrency: 1000,
        authenticate: (client: DimosClient, username, password, done) => {
          const [slug, uniqueId, extra] = (username ?? '').split('/');
          const fail = () => {
            const err = Object.assign(new Error('not authorised'), { returnCode: 4 as const });
            done(err, false);
          };
          if (!slug || !uniqueId || extra !== undefined) return fail();
          void (async () => {
            const tenant = await platform.tenants.resolve({ slug });
            if (!tenant || tenant.slug !== slug) return fail();
            const auth = await authenticateDevice(platform.db, tenant.id, uniqueId, password?.toString('utf8'));
            if (!auth.ok) {
              writerOf(platform).refusals.count(tenant.id, auth.device?.id ?? null, auth.reason);
              return fail();
            }
            client.dimos = { tenantId: tenant.id, slug, uniqueId, deviceId: auth.device.id };
            done(null, true);
          })().catch(fail);
        },
        authorizePublish: (client: DimosClient | null, packet, done) => {
          const me = client?.dimos;
          if (!me) return done(new Error('not authenticated'));
          const t = parseTopic(packet.topic);
          if (!t || t.slug !== me.slug || t.uniqueId !== me.uniqueId) {
            writerOf(platform).refusals.count(me.tenantId, me.deviceId, 'foreign_topic');
            return done(new Error('foreign topic'));
          }
          packet.retain = false;
          handlePayload(platform, me, t.type, packet.payload as Buffer).then(
            () => done(null),
            (err) => {
              platform.log.error({ err }, 'telemetry: could not store an MQTT message; the device will resend it');
              done(err);
            },
          );
        },
        authorizeSubscribe: (_client, _sub, done) => done(null, null),
      });
      const server: Server = createServer(broker.handle);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, opts.mqttHost ?? cfg.MQTT_HOST, () => {
          server.off('error', reject);
          resolve();
        });
      });
      mqttPort = (server.address() as AddressInfo).port;
      closers.push(async () => {
        await new Promise<void>((r) => broker.close(() => r()));
        await new Promise<void>((r) => server.close(() => r()));
      });
    }
  }
  return {
    mqttPort,
    async close() {
      for (const c of closers) await c().catch(() => {});
    },
  };
}
