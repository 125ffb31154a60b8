/**
 * Fleet report benchmark (issue 19, item 10): a year's trips report for one vehicle with a fix every
 * 10 seconds (about 3.15 million positions). The demo municipality is seeded into a fresh PostgreSQL
 * database; a year of positions for ΚΗΟ-4521 is written with one INSERT … SELECT; the fleet's durable
 * walk (`processAll`, in process) turns them into trips, printed as positions/s; then the year's trips
 * report (rows and CSV) is timed against a baseline query in the same run: a bare scan of the same
 * vehicle's positions for the year (count, distance proxy). Ratio = baseline ÷ report; the report reads
 * the derived trips, so it must be at least as fast as the bare scan (target ≥ 1).
 * BENCH_FLEET_DAYS changes the number of days (default 365).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { processAll } from '../server/src/modules/fleet/process.service.js';
import { buildReport, renderReport } from '../server/src/modules/fleet/reports.service.js';
import { fleetVehicles } from '../server/src/modules/fleet/schema.js';
import type { Platform } from '../server/src/platform/context.js';
import type { Db } from '../server/src/platform/db/database.js';
import * as schema from '../server/src/platform/db/schema.js';
import { tenants } from '../server/src/platform/tenancy/tenancy.schema.js';
import { createBenchDb, runCli } from './cases-lib.js';
import { type BenchResult, fmt } from './lib.js';

const DAYS = Number(process.env.BENCH_FLEET_DAYS ?? 365);
const TARGET_RATIO = 1;

async function median(n: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export default async function fleetReportBench(): Promise<BenchResult> {
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    process.stdout.write(`  ${s}\n`);
  };
  const bdb = await createBenchDb('dimos_bench_fleet');
  const pool = new pg.Pool({ connectionString: bdb.url, max: 2 });
  let pass = true;
  try {
    await runCli('seed', { DATABASE_URL: bdb.url, NODE_ENV: 'production', DEMO_PASSWORD: `bench-${randomUUID()}` });
    const db = drizzle(pool, { schema }) as unknown as Db;
    const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'demo'));
    if (!tenant) throw new Error('the demo tenant was not seeded');
    const [v] = await db
      .select()
      .from(fleetVehicles)
      .where(and(eq(fleetVehicles.tenantId, tenant.id), eq(fleetVehicles.plate, 'ΚΗΟ-4521')));
    if (!v?.deviceId) throw new Error('the demo vehicle ΚΗΟ-4521 was not seeded');
    const from = new Date(Date.now() - (DAYS + 5) * 86_400_000);
    const to = new Date(Date.now() - 5 * 86_400_000);

    // the vehicle starts afresh (its demo days are newer than the year written here)
    await pool.query('delete from fleet_vehicle_state where vehicle_id = $1', [v.id]);
    // a year of 10-second fixes: working hours 06–14 (UTC+2) on the move along a loop, parked otherwise
    let t0 = performance.now();
    const ins = await pool.query(
      `insert into positions (tenant_id, device_id, fix_time, lat, lon, speed_kmh, ignition, motion, fuel_level, trusted, attributes)
       select $1, $2, t,
              38.003 + case when w then 0.02 * sin(extract(epoch from t) / 900.0) else 0 end,
              23.705 + case when w then 0.03 * (1 - cos(extract(epoch from t) / 900.0)) else 0 end,
              case when w then 35 else 0 end, w, w,
              200 - (extract(epoch from t)::bigint % 86400) / 1000.0,
              true, '{}'::jsonb
       from (select t, extract(hour from t at time zone 'Europe/Athens') between 6 and 13 as w
             from generate_series($3::timestamptz, $4::timestamptz, interval '10 seconds') t) s
       on conflict do nothing`,
      [tenant.id, v.deviceId, from.toISOString(), to.toISOString()],
    );
    await pool.query('analyze positions');
    log(`${fmt(ins.rowCount ?? 0)} positions over ${DAYS} days written in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    t0 = performance.now();
    const processed = await processAll({ db } as unknown as Platform, { settleMs: 0, maxBatches: 100_000 });
    const procS = (performance.now() - t0) / 1000;
    log(`fleet walk: ${fmt(processed)} positions → trips in ${fmt(procS, 1)} s (${fmt(processed / procS)} positions/s)`);

    const opts = { vehicleId: v.id, from, to, lang: 'el' as const };
    const rep = await buildReport(db, tenant.id, 'trips', opts);
    log(`report: ${fmt(rep.rows.length)} trips`);
    if (rep.rows.length < DAYS * 0.9) {
      pass = false;
      log(`FAIL expected about one trip a day, got ${rep.rows.length}`);
    }
    const reportMs = await median(5, async () => renderReport(await buildReport(db, tenant.id, 'trips', opts), 'csv', 'el'));
    const baselineMs = await median(5, () =>
      pool.query(`select count(*), sum(speed_kmh) from positions where tenant_id = $1 and device_id = $2 and fix_time between $3 and $4`, [
        tenant.id,
        v.deviceId,
        from.toISOString(),
        to.toISOString(),
      ]),
    );
    const ratio = baselineMs / reportMs;
    log(`year's trips report (rows + CSV): ${fmt(reportMs, 1)} ms; baseline scan of the positions: ${fmt(baselineMs, 1)} ms`);
    log(`ratio baseline/report ${fmt(ratio, 2)} (target ≥ ${TARGET_RATIO})`);
    if (ratio < TARGET_RATIO) pass = false;
  } finally {
    await pool.end();
    await bdb.drop();
  }
  return { name: 'fleet-report', lines, pass };
}
