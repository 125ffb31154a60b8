import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parts } from '../../src/api.js';
import { rows } from '../../src/platform/db/database.js';
import { seedDemo } from '../../src/platform/seed/demo.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeDevice, makeStaff, makeUser, sessionCookie } from '../factories.js';

/**
 * One generic test for the whole route table: a second tenant's administrator, citizen and
 * anonymous device call every route with the first tenant's row ids in every path parameter, and
 * every operation with a JSON body with the first tenant's ids in its id fields.
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

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
};

async function victimIdsByTable(perTable = 2) {
  const out: Record<string, string[]> = {};
  for (const { table_name, has_id } of await tenantTables()) {
    if (!has_id) continue;
    const found = rows<{ id: string }>(
      await sut.db.execute(sql.raw(`select id::text as id from "${table_name}" where tenant_id = '${victim}' limit ${perTable}`)),
    );
    if (found.length) out[table_name] = found.map((f) => f.id);
  }
  return out;
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

  it('never lets a body point at another tenant’s rows (ids in body fields, not only in paths)', async () => {
    const before = await snapshot(victim);
    const ids = await victimIds(3);
    const byTable = await victimIdsByTable();
    const spec = (await sut.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
      components?: { schemas?: Record<string, JsonSchema> };
    };
    const deref = (s: JsonSchema | undefined): JsonSchema =>
      s?.$ref ? (spec.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? {}) : (s ?? {});
    // A victim id for a field: from the table its name suggests (unitId → org_units), else any table's.
    const idFor = (field: string, n: number) => {
      const stem = field
        .replace(/Ids?$/, '')
        .replace(/([a-z])([A-Z])/g, '$1_$2')
        .toLowerCase();
      const tables = Object.keys(byTable).filter((t) => stem && (t.includes(stem) || (stem === 'unit' && t === 'org_units')));
      const pool = tables.flatMap((t) => byTable[t] ?? []);
      const from = pool.length ? pool : ids;
      return from[n % from.length] as string;
    };
    const fill = (raw: JsonSchema | undefined, n: number, name = '', depth = 0): unknown => {
      const s = deref(raw);
      const alt = s.anyOf ?? s.oneOf;
      if (alt?.length) return fill(alt.find((a) => deref(a).type !== 'null') ?? alt[0], n, name, depth + 1);
      if (s.enum?.length) return s.enum[0];
      const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
      if (depth > 5) return null;
      if (type === 'object' || s.properties)
        return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fill(v, n, k, depth + 1)]));
      if (type === 'array') return [fill(s.items, n, name, depth + 1)];
      if (type === 'string' && (s.format === 'uuid' || /Ids?$|^id$/.test(name))) return idFor(name, n);
      if (type === 'string') return s.format === 'date-time' ? '2026-03-02T09:00:00.000Z' : s.format === 'date' ? '2026-03-02' : 'Δοκιμή';
      if (type === 'integer' || type === 'number') return s.minimum ?? 1;
      if (type === 'boolean') return true;
      return null;
    };
    const leaks: string[] = [];
    let calls = 0;
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema || !['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
        for (let n = 0; n < 2; n++) {
          const body = fill(schema, n);
          if (!JSON.stringify(body).match(/[0-9a-f]{8}-[0-9a-f]{4}-/)) continue;
          for (const caller of callers) {
            const res = await sut.app.inject({
              method: method.toUpperCase() as 'POST',
              url,
              headers: { ...caller.headers, 'content-type': 'application/json' },
              payload: JSON.stringify(body),
            });
            calls++;
            for (const id of ids)
              if (res.body.includes(id) && !JSON.stringify(body).includes(id)) leaks.push(`${caller.name} ${method} ${path} leaked ${id}`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
    expect(await snapshot(victim)).toEqual(before);
    // and nothing of the intruder's tenant now points at the victim's rows
    const pointing: string[] = [];
    for (const { table_name } of await tenantTables()) {
      const found = rows<{ t: string }>(
        await sut.db.execute(sql.raw(`select t::text as t from "${table_name}" t where tenant_id = '${intruder}'`)),
      );
      for (const r of found) for (const id of ids) if (r.t.includes(id)) pointing.push(`${table_name} → ${id}`);
    }
    expect(pointing).toEqual([]);
  }, 600_000);
});
