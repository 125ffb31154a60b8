/**
 * A busy day's data for the platform benchmark, added to the freshly seeded demo municipality in its
 * own process (before the server starts; PGlite has one user at a time): 10,000 open street cases
 * in the technical directorate's inbox, a signed-in citizen with 20 requests of their own.
 * Prints one JSON line: `{ "citizenCookie": "dimos_session=…" }`.
 * DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite) as for the server.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, rows } from '../server/src/platform/db/database.js';
import { hashToken, newToken } from '../server/src/platform/identity/tokens.js';

const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
const MINE = 20;

const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { url, poolSize: 2 } : { dataDir: process.env.DATA_DIR ?? join(process.cwd(), 'data') });
try {
  const { db } = database;
  const [tenant] = rows<{ id: string }>(await db.execute(sql`select id from tenants where slug = 'demo'`));
  if (!tenant) throw new Error('the demo municipality is not seeded');
  const [citizen] = rows<{ id: string }>(
    await db.execute(sql`insert into users (tenant_id, kind, email, given_name, family_name, email_verified_at)
      values (${tenant.id}, 'citizen', 'bench.citizen@example.gr', 'Μαρία', 'Παπαδοπούλου', now()) returning id`),
  );
  const token = newToken();
  await db.execute(sql`insert into sessions (tenant_id, user_id, token_hash, second_factor, expires_at)
    values (${tenant.id}, ${citizen?.id}, ${hashToken(token)}, false, now() + interval '12 hours')`);
  // street problems in the states the street workflow calls open, in the technical directorate;
  // the first MINE are the citizen's own
  await db.execute(sql`
    with types as (
      select t.id, v.id as version_id, row_number() over (order by t.key) - 1 as k, count(*) over () as n
        from report_categories rc join case_types t on t.id = rc.case_type_id
        join case_type_versions v on v.case_type_id = t.id and v.version = t.current_version
       where rc.tenant_id = ${tenant.id}),
    wf as (select id from workflows where tenant_id = ${tenant.id} and key = 'street'),
    unit as (select id from org_units where tenant_id = ${tenant.id} and code = 'TEXN')
    insert into cases (tenant_id, case_type_id, case_type_version_id, workflow_id, protocol_status, tracking_code, title,
                       channel, state, state_category, unit_id, lat, lon, citizen_user_id, submitted_at, updated_at)
    select ${tenant.id}, types.id, types.version_id, wf.id, 'pending', 'PB' || lpad(g::text, 8, '0'), 'Λακκούβα στην οδό Ερμού ' || g,
           'app', case when g % 2 = 0 then 'new' else 'planned' end, case when g % 2 = 0 then 'new' else 'open' end, unit.id,
           37.99 + random() * 0.055, 23.69 + random() * 0.09,
           case when g <= ${MINE} then ${citizen?.id}::uuid end,
           now() - g * interval '1 minute', now() - g * interval '1 minute'
      from generate_series(1, ${OPEN_CASES}::int) g
      join types on types.k = g % types.n
      cross join wf cross join unit`);
  await db.execute(sql`analyze cases`);
  process.stdout.write(`${JSON.stringify({ citizenCookie: `dimos_session=${token}` })}\n`);
} finally {
  await database.close();
}
