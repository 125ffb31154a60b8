/**
 * Public map benchmark (issue 9, item 8): the demo municipality with 100,000 street-problem reports
 * in a fresh PostgreSQL database; `GET /api/reports/map` for the whole municipality (its bounding box)
 * at the zoom a phone shows it (13) and one level closer (15), loaded with autocannon. Printed as
 * requests/s and p99 and as a ratio against a bare Fastify server measured in the same run.
 * BENCH_REPORTS changes the number of reports (default 100,000). Fails when any answer is not 200
 * or the map does not account for every report, or either zoom is below 0.3× bare.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createBenchDb, runCli } from './cases-lib.js';
import {
  BENCH_DIR,
  type BenchResult,
  fmt,
  freePort,
  type Load,
  load,
  type Proc,
  SERVER_DIR,
  SERVER_MAIN,
  settings,
  startNode,
  waitFor,
} from './lib.js';

const TOTAL = Number(process.env.BENCH_REPORTS ?? 100_000);
/** Each zoom's requests/s as a share of bare Fastify's, measured in the same run. */
const TARGET_RATIO = 0.3;
const TENANT = 'demo';
const BBOX = '23.69,37.99,23.78,38.045';

export default async function reportsMapBench(): Promise<BenchResult> {
  const lines: string[] = [];
  const bdb = await createBenchDb('dimos_bench_reports');
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-bench-reports-'));
  const procs: Proc[] = [];
  let pass = true;
  try {
    await runCli('seed', { DATABASE_URL: bdb.url, NODE_ENV: 'production', DEMO_PASSWORD: `bench-${randomUUID()}` });
    const pool = new pg.Pool({ connectionString: bdb.url, max: 2 });
    try {
      const tenant = (await pool.query<{ id: string }>('select id from tenants where slug = $1', [TENANT])).rows[0];
      if (!tenant) throw new Error('the demo tenant was not seeded');
      const started = Date.now();
      // every report category in turn, states spread over the street workflow, points over the municipality's box
      await pool.query(
        `with types as (
           select t.id, t.current_version, v.id as version_id, row_number() over (order by t.key) - 1 as k, count(*) over () as n
             from report_categories rc join case_types t on t.id = rc.case_type_id
             join case_type_versions v on v.case_type_id = t.id and v.version = t.current_version
            where rc.tenant_id = $1),
         wf as (select id from workflows where tenant_id = $1 and key = 'street'),
         states(i, key, cat) as (values (0, 'new', 'new'), (1, 'planned', 'open'), (2, 'in_progress', 'in_progress'),
                                        (3, 'fixed', 'resolved'), (4, 'not_fixed', 'closed'))
         insert into cases (tenant_id, case_type_id, case_type_version_id, workflow_id, protocol_status, tracking_code, title,
                            channel, state, state_category, lat, lon, submitted_at)
         select $1, types.id, types.version_id, wf.id, 'pending', 'BENCH' || lpad(g::text, 9, '0'), 'Αναφορά ' || g,
                'app', states.key, states.cat, 37.99 + random() * 0.055, 23.69 + random() * 0.09,
                now() - (random() * interval '365 days')
           from generate_series(1, $2::int) g
           join types on types.k = g % types.n
           cross join wf
           join states on states.i = g % 5`,
        [tenant.id, TOTAL],
      );
      await pool.query('analyze cases');
      const visible = (
        await pool.query<{ n: number }>(
          `select count(*)::int as n from cases c join report_categories rc on rc.case_type_id = c.case_type_id
            left join report_moderation m on m.case_id = c.id
            where c.tenant_id = $1 and c.merged_into_id is null and c.lat is not null and not coalesce(m.hidden, false)`,
          [tenant.id],
        )
      ).rows[0]?.n as number;
      lines.push(
        `PostgreSQL ${bdb.name}: ${fmt(TOTAL)} reports inserted in ${fmt((Date.now() - started) / 1000, 1)} s; ${fmt(visible)} on the public map`,
      );

      const barePort = await freePort();
      const bare = startNode(join(BENCH_DIR, 'bare-server.ts'), [], { cwd: SERVER_DIR, env: { PORT: String(barePort) } });
      procs.push(bare);
      const port = await freePort();
      const server = startNode(SERVER_MAIN, ['serve'], {
        cwd: SERVER_DIR,
        env: {
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: dataDir,
          DATABASE_URL: bdb.url,
          SEED_DEMO: 'false',
          LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        },
      });
      procs.push(server);
      await waitFor(`http://127.0.0.1:${barePort}/`, bare);
      await waitFor(`http://127.0.0.1:${port}/api/ready`, server);
      // as a browser asks: it takes gzip (the server compresses each answer once, when it makes it)
      const headers = { 'x-tenant': TENANT, 'accept-encoding': 'gzip' };

      const url = (zoom: number) => `http://127.0.0.1:${port}/api/reports/map?bbox=${BBOX}&zoom=${zoom}`;
      const t0 = Date.now();
      const first = await fetch(url(13), { headers });
      const firstMs = Date.now() - t0;
      const body = (await first.json()) as { total: number; items: { kind: string; count?: number }[] };
      const counted = body.items.reduce((n, x) => n + (x.kind === 'cluster' ? (x.count ?? 0) : 1), 0);
      lines.push(
        `first request (loads and indexes every report): ${fmt(firstMs)} ms; zoom 13 answer: ${body.items.length} items covering ${fmt(counted)} of ${fmt(body.total)} reports`,
      );
      if (first.status !== 200 || body.total !== visible || counted !== visible) {
        pass = false;
        lines.push(`FAIL: the map accounts for ${counted}/${body.total} reports, the database has ${visible} (HTTP ${first.status})`);
      }
      for (const zoom of [13, 15]) {
        const r = await fetch(url(zoom), { headers: { 'x-tenant': TENANT } });
        const text = await r.text();
        const gz = await fetch(url(zoom), { headers });
        const gzBytes = Number(gz.headers.get('content-length') ?? text.length); // fetch unpacks the body; the header says what was sent
        await gz.arrayBuffer();
        const items = (JSON.parse(text) as { items: unknown[] }).items.length;
        lines.push(
          `zoom ${zoom}: ${fmt(items)} items, ${fmt(text.length / 1024, 1)} KB JSON, ${fmt(gzBytes / 1024, 1)} KB as sent (${gz.headers.get('content-encoding') ?? 'identity'})`,
        );
      }

      const bareLoad = await load(`http://127.0.0.1:${barePort}/`);
      const row = (name: string, x: Load, ref?: Load) =>
        `${name.padEnd(44)} ${fmt(x.rps).padStart(7)} req/s  p99 ${fmt(x.p99).padStart(4)} ms` +
        (ref ? `  = ${fmt(x.rps / ref.rps, 3)}× bare throughput, p99 ${fmt(x.p99 / Math.max(ref.p99, 1), 1)}× bare` : '');
      lines.push(`autocannon: ${settings.connections} connections, ${settings.durationS} s each`);
      lines.push(row('bare Fastify GET / (baseline)', bareLoad));
      for (const zoom of [13, 15]) {
        const l = await load(url(zoom), headers);
        const ratio = l.rps / bareLoad.rps;
        lines.push(
          `${row(`GET /api/reports/map whole municipality z${zoom}`, l, bareLoad)}  ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'} ≥ ${TARGET_RATIO}×`,
        );
        if (ratio < TARGET_RATIO) pass = false;
        if (l.non2xx || l.errors) {
          pass = false;
          lines.push(`FAIL: ${l.non2xx} non-2xx answers, ${l.errors} errors`);
        }
      }
      if (bareLoad.non2xx || bareLoad.errors) pass = false;
    } finally {
      await pool.end();
    }
  } finally {
    for (const p of procs) await p.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await bdb.drop();
  }
  return { name: 'reports-map', lines, pass };
}
