import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parts } from '../../src/api.js';
import { rows } from '../../src/platform/db/database.js';
import { seedDemo } from '../../src/platform/seed/demo.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeDevice, makeStaff, makeUser, sessionCookie } from '../factories.js';

/**
 * One generic test for the whole route table: a second tenant's administrator, citizen and
 * anonymous device call every route with the first tenant's row ids in every path parameter.
 * Nothing of the first tenant may appear in any answer, and none of its rows may change.
 * New modules are covered automatically: their routes are in the table, their rows carry tenant_id,
 * and their demo seed gives the first tenant data to protect.
 */
let sut: TestApp;
let victim: string;
let intruder: string;
let intruderSlug: string;
const callers: { name: string; headers: Record<string, string> }[] = [];

async function tenantTables() {
  return rows<{ table_name: string; has_id: boolean }>(
    await sut.db.execute(sql`
      select c.table_name, exists(select 1 from information_schema.columns i
        where i.table_schema = 'public' and i.table_name = c.table_name and i.column_name = 'id') as has_id
      from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
      order by c.table_name`),
  );
}

async function snapshot(tenantId: string) {
  const out: Record<string, string> = {};
  for (const { table_name } of await tenantTables()) {
    const [r] = rows<{ h: string | null; n: number }>(
      await sut.db.execute(
        sql.raw(
          `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from "${table_name}" t where tenant_id = '${tenantId}'`,
        ),
      ),
    );
    out[table_name] = `${r?.n}:${r?.h}`;
  }
  return out;
}

async function victimIds(perTable = 3) {
  const ids: string[] = [];
  for (const { table_name, has_id } of await tenantTables()) {
    if (!has_id) continue;
    const found = rows<{ id: string }>(
      await sut.db.execute(sql.raw(`select id::text as id from "${table_name}" where tenant_id = '${victim}' limit ${perTable}`)),
    );
    ids.push(...found.map((f) => f.id));
  }
  return [...new Set(ids)];
}

beforeAll(async () => {
  sut = await createTestApp();
  const a = await seedDemo(sut.db, { slug: 'victim', printPasswords: false, password: 'victim-password-1' });
  for (const p of parts) await p.seedDemo?.(sut.platform, a.tenantId);
  victim = a.tenantId;
  intruder = sut.tenant.id;
  intruderSlug = sut.tenant.slug;
  // some per-person rows the seed does not make
  const citizenA = await makeUser(sut.db, victim, { kind: 'citizen', email: null, phone: '+306900000001' });
  await makeDevice(sut.db, victim, citizenA.id);
  await sessionCookie(sut.db, citizenA);

  const admin = await makeStaff(sut.db, intruder, 'admin', null);
  const citizen = await makeUser(sut.db, intruder, { kind: 'citizen', email: null, phone: '+306900000002', phoneVerifiedAt: new Date() });
  const device = await makeDevice(sut.db, intruder);
  callers.push(
    { name: 'admin', headers: { 'x-tenant': intruderSlug, cookie: await sessionCookie(sut.db, admin) } },
    { name: 'citizen', headers: { 'x-tenant': intruderSlug, cookie: await sessionCookie(sut.db, citizen) } },
    { name: 'device', headers: { 'x-tenant': intruderSlug, 'x-device-token': device.token } },
  );
}, 120_000);
afterAll(() => sut.close());

describe('tenant isolation across the whole route table', () => {
  it('never returns or changes another tenant’s rows', async () => {
    const before = await snapshot(victim);
    // Any of three rows per table must never show up; one row per table goes into the paths
    // (every table still has its ids tried on every route, at a third of the calls).
    const ids = await victimIds(3);
    const probes = await victimIds(1);
    expect(ids.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    const check = (label: string, body: string) => {
      for (const id of ids) if (body.includes(id)) leaks.push(`${label} leaked ${id}`);
    };
    const routes = sut.app.routes.filter((r) => r.tenant && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    let calls = 0;
    for (const r of routes) {
      const params = r.url.match(/:\w+/g) ?? [];
      const urls = params.length ? probes.map((id) => params.reduce((u, p) => u.replace(p, id), r.url)) : [r.url];
      for (const url of urls) {
        for (const caller of callers) {
          const res = await sut.app.inject({
            method: r.method as 'GET',
            url,
            headers: { ...caller.headers, 'content-type': 'application/json' },
            payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}',
          });
          calls++;
          check(`${caller.name} ${r.method} ${url} (${res.statusCode})`, res.body);
        }
      }
    }
    expect(calls).toBeGreaterThan(routes.length);
    expect(leaks).toEqual([]);
    expect(await snapshot(victim)).toEqual(before);
  }, 600_000);
});
