/**
 * Consultation comments benchmark (issue 12, item 7): one consultation with 5,000 comments, then
 * every page of 20 walked with the cursor through the real routes (`app.inject` on
 * `GET /api/participation/consultations/:id/comments`), newest first and most supported first.
 * Prints p50/p99/max per page, whether every page stayed under 100 ms, the ratio to a bare
 * `SELECT 1` round trip timed in the same run, and EXPLAIN (ANALYZE, BUFFERS) of a page query from
 * the middle of the walk. Runs on PostgreSQL (a fresh database made on BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres, dropped at the end) and on PGlite (in memory).
 * BENCH_COMMENTS changes the number of comments (default 5,000).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { commentPageQuery } from '../server/src/modules/participation/consultation.service.js';
import { participationApi } from '../server/src/modules/participation/index.js';
import { articles, consultations } from '../server/src/modules/participation/schema.js';
import { loadConfig } from '../server/src/platform/config/config.js';
import { type Database, openDatabase, rows } from '../server/src/platform/db/database.js';
import { buildApp } from '../server/src/platform/http/app.js';
import { createPlatform } from '../server/src/platform/platform.js';
import { tenants } from '../server/src/platform/tenancy/tenancy.schema.js';
import { createBenchDb, percentile } from './cases-lib.js';
import { type BenchResult, fmt } from './lib.js';

const TARGET_MS = 100;
const PAGE = 20;
const TOTAL = Number(process.env.BENCH_COMMENTS ?? 5_000);

async function timeSelect1(database: Database, n = 200) {
  const samples: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const t0 = performance.now();
    await database.db.execute(sql`select 1`);
    if (i >= 20) samples.push(performance.now() - t0);
  }
  return percentile(samples, 50);
}

async function run(database: Database, label: string): Promise<{ lines: string[]; pass: boolean }> {
  const lines: string[] = [];
  const cfg = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'dimos-bench-')) });
  const platform = await createPlatform(cfg, database);
  const app = await buildApp(platform, [participationApi], { logger: false });
  await app.ready();
  const { db } = platform;
  try {
    const [tenant] = await db.insert(tenants).values({ slug: 'bench', nameEl: 'Δήμος Bench', nameEn: 'Bench' }).returning();
    if (!tenant) throw new Error('tenant');
    const [c] = await db
      .insert(consultations)
      .values({
        tenantId: tenant.id,
        title: 'Κανονισμός',
        status: 'open',
        verification: 'none',
        closesAt: new Date(Date.now() + 86400_000),
      })
      .returning();
    if (!c) throw new Error('consultation');
    const arts = await db
      .insert(articles)
      .values(
        [1, 2, 3, 4, 5].map((i) => ({
          tenantId: tenant.id,
          consultationId: c.id,
          position: i,
          label: `Άρθρο ${i}`,
          title: `Άρθρο ${i}`,
          body: 'Κείμενο άρθρου.',
        })),
      )
      .returning({ id: articles.id });
    const seed0 = performance.now();
    // Spread over time (one comment a minute) and over articles, with scores in -5..25, like a busy consultation.
    await db.execute(sql`
      insert into participation_comments (tenant_id, consultation_id, article_id, voter_key, author_name, body, up_count, down_count, score, created_at)
      select ${tenant.id}::uuid, ${c.id}::uuid, (${sql.raw(`array[${arts.map((a) => `'${a.id}'::uuid`).join(',')}]`)})[1 + (g % 5)],
             'd:' || gen_random_uuid(), 'Πολίτης ' || g,
             'Σχόλιο αριθμός ' || g || ': ' || repeat('προτείνω αλλαγή στη διατύπωση του άρθρου ', 1 + g % 6),
             (g * 7) % 26, (g * 3) % 6, (g * 7) % 26 - (g * 3) % 6, now() - make_interval(mins => ${TOTAL} - g)
      from generate_series(1, ${TOTAL}) g`);
    await db.execute(sql`update participation_consultations set comment_count = ${TOTAL} where id = ${c.id}`);
    await db.execute(sql`analyze participation_comments`);
    lines.push(`${label}: seeded ${fmt(TOTAL)} comments in ${fmt(performance.now() - seed0)} ms`);

    const select1 = await timeSelect1(database);
    let pass = true;
    for (const sort of ['newest', 'supported'] as const) {
      const samples: number[] = [];
      let cursor: string | null = null;
      let seen = 0;
      let midCursor: string | undefined;
      do {
        const url: string = `/api/participation/consultations/${c.id}/comments?sort=${sort}&limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`;
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { 'x-tenant': 'bench' } });
        samples.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`page ${samples.length}: ${res.statusCode} ${res.body}`);
        const body = res.json() as { items: unknown[]; nextCursor: string | null };
        seen += body.items.length;
        cursor = body.nextCursor;
        if (samples.length === Math.floor(TOTAL / PAGE / 2)) midCursor = cursor ?? undefined;
      } while (cursor);
      const p50 = percentile(samples, 50);
      const p99 = percentile(samples, 99);
      const max = Math.max(...samples);
      const under = samples.every((s) => s < TARGET_MS);
      pass &&= under && seen === TOTAL;
      lines.push(
        `${label} ${sort.padEnd(9)} ${samples.length} pages, ${fmt(seen)} comments: p50 ${fmt(p50, 2)} ms, p99 ${fmt(p99, 2)} ms, max ${fmt(max, 2)} ms; ` +
          `every page < ${TARGET_MS} ms: ${under ? 'yes' : 'NO'}; p50 / SELECT 1 (${fmt(select1, 3)} ms) = ${fmt(p50 / select1, 1)}×`,
      );
      if (sort === 'newest' || label === 'postgres') {
        const q = commentPageQuery(db, tenant.id, c.id, { sort, limit: PAGE, cursor: midCursor }).toSQL();
        const plan = rows<Record<string, string>>(
          await database.db.execute(sql.raw(`explain (analyze, buffers) ${inline(q.sql, q.params)}`)),
        );
        lines.push(`  EXPLAIN (${label}, ${sort}, page ${Math.floor(TOTAL / PAGE / 2) + 1}):`);
        for (const r of plan) lines.push(`    ${Object.values(r)[0]}`);
      }
    }
    return { lines, pass };
  } finally {
    await app.close();
  }
}

/** Inlines $n parameters for EXPLAIN (values here are uuids, timestamps and numbers we made). */
function inline(text: string, params: unknown[]) {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

export default async function participationComments(): Promise<BenchResult> {
  const lines: string[] = [];
  let pass = true;
  const pgDb = await createBenchDb('bench_participation');
  try {
    const database = await openDatabase({ url: pgDb.url, poolSize: 4 });
    try {
      await database.migrate();
      const r = await run(database, 'postgres');
      lines.push(...r.lines);
      pass &&= r.pass;
    } finally {
      await database.close();
    }
  } finally {
    await pgDb.drop();
  }
  const lite = await openDatabase({});
  try {
    await lite.migrate();
    const r = await run(lite, 'pglite');
    lines.push(...r.lines);
    pass &&= r.pass;
  } finally {
    await lite.close();
  }
  return { name: 'participation-comments', lines, pass };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await participationComments();
  for (const l of r.lines) process.stdout.write(`${l}\n`);
  process.exit(r.pass ? 0 : 1);
}
