import mqtt, { type MqttClient } from 'mqtt';
import { demoStreets, rng, type SimFix, Vehicle } from './streets.js';

export type SimDevice = { uniqueId: string; secret: string };
export type FleetSimOptions = {
  devices: SimDevice[];
  tenantSlug: string;
  /** mqtt://host:port of the embedded or external broker. */
  mqttUrl?: string;
  /** The server's base URL (with `/t/<slug>` when the host does not pick the municipality). */
  httpUrl?: string;
  /** Seconds between two fixes of one vehicle. */
  intervalS?: number;
  seed?: number;
  log?: (line: string) => void;
};

/**
 * Drives simulated vehicles over the demo municipality's streets and sends their fixes as real
 * devices do: over MQTT (our JSON on `dimos/<slug>/<uniqueId>/position`, QoS 1, logged in with the
 * device secret) and/or over HTTP (the OsmAnd request of the Traccar Client, speed in knots, the
 * secret as the last path segment). With both, vehicles alternate between the two.
 */
export class FleetSimulator {
  private vehicles: { device: SimDevice; vehicle: Vehicle; via: 'mqtt' | 'http'; client?: MqttClient }[] = [];
  private timer: NodeJS.Timeout | undefined;
  sent = 0;
  failed = 0;

  constructor(private opts: FleetSimOptions) {
    if (!opts.mqttUrl && !opts.httpUrl) throw new Error('give --mqtt URL, --http URL or both');
  }

  async start() {
    const nodes = demoStreets();
    const random = rng(this.opts.seed ?? 19);
    for (const [i, device] of this.opts.devices.entries()) {
      const via = this.opts.mqttUrl && (!this.opts.httpUrl || i % 2 === 0) ? 'mqtt' : 'http';
      const v = { device, vehicle: new Vehicle(nodes, random), via: via as 'mqtt' | 'http', client: undefined as MqttClient | undefined };
      if (via === 'mqtt') {
        v.client = await mqtt.connectAsync(this.opts.mqttUrl as string, {
          username: `${this.opts.tenantSlug}/${device.uniqueId}`,
          password: device.secret,
          clientId: `sim-${device.uniqueId}`,
          reconnectPeriod: 2000,
        });
      }
      this.vehicles.push(v);
    }
    const interval = (this.opts.intervalS ?? 5) * 1000;
    const tick = () => void this.tick(interval / 1000);
    void this.tick(0);
    this.timer = setInterval(tick, interval);
  }

  private async tick(seconds: number) {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await Promise.all(
      this.vehicles.map(async (v) => {
        const fix = v.vehicle.step(seconds, now);
        try {
          if (v.via === 'mqtt') await this.sendMqtt(v.device, v.client as MqttClient, fix);
          else await this.sendHttp(v.device, fix);
          this.sent++;
        } catch (err) {
          this.failed++;
          if (this.failed <= 5) this.opts.log?.(`${v.device.uniqueId}: ${(err as Error).message}`);
        }
      }),
    );
  }

  private async sendMqtt(device: SimDevice, client: MqttClient, f: SimFix) {
    const payload = {
      time: f.time.toISOString(),
      lat: round(f.lat),
      lon: round(f.lon),
      speed: f.speedKmh,
      course: f.course,
      ignition: f.ignition,
      motion: f.motion,
      fuel: f.fuel,
      odometer: f.odometerKm,
    };
    await client.publishAsync(`dimos/${this.opts.tenantSlug}/${device.uniqueId}/position`, JSON.stringify(payload), { qos: 1 });
  }

  private async sendHttp(device: SimDevice, f: SimFix) {
    const q = new URLSearchParams({
      id: device.uniqueId,
      timestamp: String(Math.floor(f.time.getTime() / 1000)),
      lat: String(round(f.lat)),
      lon: String(round(f.lon)),
      speed: String(Math.round((f.speedKmh / 1.852) * 100) / 100),
      bearing: String(f.course),
      altitude: '85.0',
      accuracy: '6.0',
      batt: '100.0',
      ignition: String(f.ignition),
      fuel: String(f.fuel),
    });
    const base = (this.opts.httpUrl as string).replace(/\/$/, '');
    const res = await fetch(`${base}/api/telemetry/osmand/${encodeURIComponent(device.secret)}?${q}`, { method: 'POST' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.vehicles.map((v) => v.client?.endAsync()));
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
