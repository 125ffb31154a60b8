/**
 * `npm run simulate -- fleet [--vehicles N] [--mqtt URL] [--http URL] [--minutes M] [--interval S]
 *   [--tenant slug] [--devices file.json]`
 *
 * Devices: `--devices` names a JSON file `[{uniqueId, secret}]` (secrets as shown when the devices
 * were added); without it the simulator registers `sim-001…` in the database itself (DATABASE_URL, or
 * the PGlite data directory when the server is not running) and gives each a fresh secret.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import { systemContext } from '../../service-context.js';
import { tenants } from '../../tenancy/tenancy.schema.js';
import { createDevice, rotateDeviceSecret } from '../devices.js';
import { telemetryDevices } from '../telemetry.schema.js';
import { FleetSimulator, type SimDevice } from './fleet.js';

export async function simulateFleet(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      vehicles: { type: 'string', default: '12' },
      mqtt: { type: 'string' },
      http: { type: 'string' },
      minutes: { type: 'string', default: '10' },
      interval: { type: 'string', default: '5' },
      tenant: { type: 'string', default: 'demo' },
      devices: { type: 'string' },
    },
  });
  const n = Number(values.vehicles);
  const minutes = Number(values.minutes);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error('--vehicles: a whole number from 1 to 10000');
  if (!(minutes > 0)) throw new Error('--minutes: a positive number');
  const mqttUrl = values.mqtt ?? (values.http ? undefined : `mqtt://127.0.0.1:${process.env.MQTT_PORT ?? 1884}`);
  const httpUrl = values.http;
  const slug = values.tenant as string;

  let devices: SimDevice[];
  if (values.devices) {
    devices = (JSON.parse(readFileSync(values.devices, 'utf8')) as SimDevice[]).slice(0, n);
  } else {
    const cfg = loadConfig();
    const database = await openDatabase(cfg.DATABASE_URL ? { url: cfg.DATABASE_URL } : { dataDir: cfg.DATA_DIR });
    try {
      const tenant = await database.db.query.tenants.findFirst({ where: eq(tenants.slug, slug) });
      if (!tenant) throw new Error(`no municipality with slug ${slug} (seed it first: npm run db:seed)`);
      const ctx = systemContext(tenant, { kind: 'cli', name: 'simulate fleet' });
      devices = [];
      for (let i = 1; i <= n; i++) {
        const uniqueId = `sim-${String(i).padStart(3, '0')}`;
        const [existing] = await database.db
          .select({ id: telemetryDevices.id })
          .from(telemetryDevices)
          .where(and(eq(telemetryDevices.tenantId, tenant.id), eq(telemetryDevices.uniqueId, uniqueId)));
        const secret = existing
          ? (await rotateDeviceSecret(database.db, ctx, existing.id)).secret
          : (await createDevice(database.db, ctx, { kind: 'vehicle_tracker', uniqueId, name: `Προσομοίωση ${i}` })).secret;
        devices.push({ uniqueId, secret });
      }
    } finally {
      await database.close();
    }
  }
  const sim = new FleetSimulator({
    devices,
    tenantSlug: slug,
    mqttUrl,
    httpUrl,
    intervalS: Number(values.interval),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  await sim.start();
  process.stdout.write(
    `simulating ${devices.length} vehicles over ${[mqttUrl && `MQTT ${mqttUrl}`, httpUrl && `HTTP ${httpUrl}`].filter(Boolean).join(' and ')} for ${minutes} min\n`,
  );
  const report = setInterval(() => process.stdout.write(`sent ${sim.sent}, failed ${sim.failed}\n`), 10_000);
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    setTimeout(done, minutes * 60_000);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  clearInterval(report);
  await sim.stop();
  process.stdout.write(`done: sent ${sim.sent}, failed ${sim.failed}\n`);
}
