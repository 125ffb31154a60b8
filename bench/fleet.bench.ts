/**
 * Fleet ingest benchmark (issue 19, item 10): 1,000 simulated trackers publish positions over MQTT
 * QoS 1 to the compiled server's embedded broker on a fresh PostgreSQL database, while a staff map
 * listens on `GET /api/telemetry/live` (SSE). Two phases on the same server:
 *
 * 1. Backlog (throughput): each device empties a buffer of BENCH_FLEET_FIXES (20) fixes, keeping up
 *    to BENCH_FLEET_WINDOW (5) unacknowledged (a tracker back from a dead spot). Sustained positions/s
 *    end to end (first publish → last acknowledgement or last position seen on the map, whichever is
 *    later) as a ratio against a bare batched `INSERT` of the same rows into the same `positions`
 *    table, measured in the same run (target ≥ 0.5). Latency here is queueing (in flight ÷ rate), so
 *    it is printed but not judged.
 * 2. Live (latency): every device sends one fix a second, each at its own phase of the second, for
 *    BENCH_FLEET_LIVE_S (15) seconds: 1,000 positions/s offered. p99 from publish to the map's SSE
 *    (target < 1 s), and every fix stored and shown.
 *
 * BENCH_FLEET_DEVICES (1000) changes the number of devices.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { createBenchDb, percentile, runCli } from './cases-lib.js';
import { type BenchResult, fmt, freePort, type Proc, SERVER_DIR, SERVER_MAIN, startNode, waitFor } from './lib.js';

const DEVICES = Number(process.env.BENCH_FLEET_DEVICES ?? 1000);
const FIXES = Number(process.env.BENCH_FLEET_FIXES ?? 20);
const TENANT = 'demo';
const BATCH = 1000;
const WINDOW = Number(process.env.BENCH_FLEET_WINDOW ?? 5);
const LIVE_S = Number(process.env.BENCH_FLEET_LIVE_S ?? 15);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Fix = { deviceId: string; uniqueId: string; time: Date; lat: number; lon: number; speed: number };

export default async function fleetBench(): Promise<BenchResult> {
  const lines: string[] = [];
  const bdb = await createBenchDb('dimos_bench_fleet');
  let server: Proc | undefined;
  const clients: MqttClient[] = [];
  let pass = true;
  try {
    await runCli('seed', { DATABASE_URL: bdb.url, NODE_ENV: 'production', DEMO_PASSWORD: `bench-${randomUUID()}` });
    const pool = new pg.Pool({ connectionString: bdb.url, max: 4 });
    try {
      const tenant = (await pool.query<{ id: string }>('select id from tenants where slug = $1', [TENANT])).rows[0];
      if (!tenant) throw new Error('the demo tenant was not seeded');
      // devices with known secrets, and a staff session for the map
      const secret = randomBytes(24).toString('base64url');
      const devs = (
        await pool.query<{ id: string; unique_id: string }>(
          `insert into telemetry_devices (tenant_id, kind, unique_id, name, secret_hash)
           select $1, 'vehicle_tracker', 'bench-' || lpad(g::text, 5, '0'), 'Όχημα ' || g, $2 from generate_series(1, $3::int) g
           returning id, unique_id`,
          [tenant.id, sha256(secret), DEVICES],
        )
      ).rows;
      const admin = (
        await pool.query<{ user_id: string }>(
          `select user_id from role_assignments r join users u on u.id = r.user_id where u.tenant_id = $1 and r.role = 'admin' limit 1`,
          [tenant.id],
        )
      ).rows[0];
      if (!admin) throw new Error('no administrator in the demo tenant');
      const token = randomBytes(32).toString('base64url');
      await pool.query(
        `insert into sessions (tenant_id, user_id, token_hash, second_factor, expires_at) values ($1, $2, $3, true, now() + interval '2 hours')`,
        [tenant.id, admin.user_id, sha256(token)],
      );

      // the rows both runs write: FIXES per device, 10 s apart, along a line through the municipality
      const base = Date.now() - 3_600_000;
      const fixes: Fix[][] = devs.map((d, i) =>
        Array.from({ length: FIXES }, (_, k) => ({
          deviceId: d.id,
          uniqueId: d.unique_id,
          time: new Date(base + k * 10_000),
          lat: 37.995 + (i % 50) * 0.001 + k * 0.0001,
          lon: 23.7 + Math.floor(i / 50) * 0.004 + k * 0.0001,
          speed: 30 + (k % 20),
        })),
      );
      const all = fixes.flat();

      // ---- baseline: a bare batched INSERT of the same rows ----
      const t0 = performance.now();
      for (let i = 0; i < all.length; i += BATCH) {
        const chunk = all.slice(i, i + BATCH);
        const params: unknown[] = [];
        const values = chunk.map((f, j) => {
          params.push(tenant.id, f.deviceId, f.time, f.lat, f.lon, f.speed);
          const o = j * 6;
          return `($${o + 1}, $${o + 2}, $${o + 3}, now(), $${o + 4}, $${o + 5}, $${o + 6}, true, '{}'::jsonb)`;
        });
        await pool.query(
          `insert into positions (tenant_id, device_id, fix_time, received_at, lat, lon, speed_kmh, trusted, attributes) values ${values.join(',')} on conflict do nothing`,
          params,
        );
      }
      const bareMs = performance.now() - t0;
      const bareRate = (all.length / bareMs) * 1000;
      await pool.query('truncate positions');

      // ---- end to end: MQTT QoS 1 → stored → SSE map ----
      const port = await freePort();
      const mqttPort = await freePort();
      server = startNode(SERVER_MAIN, ['serve'], {
        cwd: SERVER_DIR,
        env: {
          DATABASE_URL: bdb.url,
          PORT: String(port),
          HOST: '127.0.0.1',
          MQTT_PORT: String(mqttPort),
          MQTT_HOST: '127.0.0.1',
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
        },
      });
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`${url}/api/ready`, server);

      const published = new Map<string, number>();
      const latencies: number[] = [];
      let lastSeen = 0;
      const ctrl = new AbortController();
      const res = await fetch(`${url}/api/telemetry/live?ttl=3600`, {
        headers: { cookie: `dimos_session=${token}`, 'x-tenant': TENANT },
        signal: ctrl.signal,
      });
      if (res.status !== 200) throw new Error(`live stream answered ${res.status}: ${await res.text()}`);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const pump = (async () => {
        let buf = '';
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += decoder.decode(value, { stream: true });
            let i = buf.indexOf('\n\n');
            while (i >= 0) {
              const ev = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const data = ev.split('\n').find((l) => l.startsWith('data: '));
              if (data) {
                const now = performance.now();
                for (const p of JSON.parse(data.slice(6)) as { deviceId: string; fixTime: string }[]) {
                  const at = published.get(`${p.deviceId}|${Date.parse(p.fixTime)}`);
                  if (at !== undefined) {
                    latencies.push(now - at);
                    lastSeen = now;
                  }
                }
              }
              i = buf.indexOf('\n\n');
            }
          }
        } catch {
          /* aborted */
        }
      })();

      // connect every device (in waves, so the broker is not flooded with CONNECTs)
      for (let i = 0; i < fixes.length; i += 100) {
        const wave = await Promise.all(
          fixes.slice(i, i + 100).map((f) =>
            mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
              username: `${TENANT}/${f[0]?.uniqueId}`,
              password: secret,
              reconnectPeriod: 0,
              keepalive: 120,
            }),
          ),
        );
        clients.push(...wave);
      }
      const started = performance.now();
      await Promise.all(
        fixes.map(async (list, i) => {
          const c = clients[i] as MqttClient;
          const topic = `dimos/${TENANT}/${list[0]?.uniqueId}/position`;
          // up to WINDOW fixes unacknowledged at once, as a tracker emptying its buffer after a dead spot does
          const inflight = new Set<Promise<unknown>>();
          for (const f of list) {
            published.set(`${f.deviceId}|${f.time.getTime()}`, performance.now());
            const p = c.publishAsync(topic, JSON.stringify({ time: f.time.toISOString(), lat: f.lat, lon: f.lon, speed: f.speed }), {
              qos: 1,
            });
            inflight.add(p);
            void p.finally(() => inflight.delete(p));
            if (inflight.size >= WINDOW) await Promise.race(inflight);
          }
          await Promise.all(inflight);
        }),
      );
      const acked = performance.now();
      const deadline = Date.now() + 30_000;
      while (latencies.length < all.length && Date.now() < deadline) await sleep(50);
      const stored = Number((await pool.query<{ n: string }>('select count(*) as n from positions')).rows[0]?.n ?? 0);
      const endMs = Math.max(acked, lastSeen) - started;
      const e2eRate = (Math.min(stored, latencies.length) / endMs) * 1000;
      const ratio = e2eRate / bareRate;
      lines.push(`${fmt(DEVICES)} devices × ${FIXES} fixes = ${fmt(all.length)} positions, up to ${WINDOW} unacknowledged per device`);
      lines.push(`bare batched INSERT (${BATCH} rows a statement): ${fmt(bareRate)} positions/s`);
      lines.push(`backlog, end to end (MQTT QoS 1 → stored → SSE map): ${fmt(e2eRate)} positions/s, ratio ${fmt(ratio, 2)} (target ≥ 0.5)`);
      lines.push(
        `backlog publish → map (queueing, not judged): p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms; stored ${fmt(stored)}, seen on the map ${fmt(latencies.length)}`,
      );
      if (stored !== all.length) {
        lines.push(`FAIL: ${fmt(all.length - stored)} acknowledged positions are not stored`);
        pass = false;
      }
      if (latencies.length < all.length) {
        lines.push(`FAIL: ${fmt(all.length - latencies.length)} positions never reached the map`);
        pass = false;
      }
      if (!(ratio >= 0.5)) {
        lines.push('FAIL: end-to-end throughput below half of the bare INSERT');
        pass = false;
      }

      // ---- live: one fix a second per device, p99 publish → map ----
      latencies.length = 0;
      const liveBase = base + FIXES * 10_000;
      const liveStart = performance.now();
      let liveSent = 0;
      let liveAcked = 0;
      await Promise.all(
        fixes.map(async (list, i) => {
          const c = clients[i] as MqttClient;
          const last = list[list.length - 1] as Fix;
          const topic = `dimos/${TENANT}/${last.uniqueId}/position`;
          const phase = (i / fixes.length) * 1000;
          const acks: Promise<unknown>[] = [];
          for (let k = 0; k < LIVE_S; k++) {
            const wait = liveStart + phase + k * 1000 - performance.now();
            if (wait > 0) await sleep(wait);
            const f = { time: new Date(liveBase + k * 1000), lat: last.lat + (k + 1) * 0.00005, lon: last.lon, speed: 20 };
            published.set(`${last.deviceId}|${f.time.getTime()}`, performance.now());
            liveSent++;
            acks.push(
              c
                .publishAsync(topic, JSON.stringify({ time: f.time.toISOString(), lat: f.lat, lon: f.lon, speed: f.speed }), { qos: 1 })
                .then(() => {
                  liveAcked++;
                }),
            );
          }
          await Promise.all(acks);
        }),
      );
      const liveEnd = Date.now() + 30_000;
      while (latencies.length < liveSent && Date.now() < liveEnd) await sleep(50);
      ctrl.abort();
      await pump;
      const liveStored = Number((await pool.query<{ n: string }>('select count(*) as n from positions')).rows[0]?.n ?? 0) - stored;
      const p99 = percentile(latencies, 99);
      lines.push(
        `live, ${fmt(DEVICES)} devices × 1 fix/s for ${LIVE_S} s (${fmt(DEVICES)} positions/s offered): publish → map p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(p99)} ms (target < 1000 ms); acknowledged ${fmt(liveAcked)}, stored ${fmt(liveStored)}, seen on the map ${fmt(latencies.length)} of ${fmt(liveSent)}`,
      );
      if (liveStored !== liveSent || latencies.length < liveSent) {
        lines.push(`FAIL: ${fmt(liveSent - Math.min(liveStored, latencies.length))} live positions not stored or not shown`);
        pass = false;
      }
      if (!(p99 < 1000)) {
        lines.push('FAIL: p99 publish → map is 1 s or more');
        pass = false;
      }
    } finally {
      await pool.end();
    }
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
    await server?.stop();
    await bdb.drop();
  }
  return { name: 'fleet ingest (MQTT → stored → live map)', lines, pass };
}
