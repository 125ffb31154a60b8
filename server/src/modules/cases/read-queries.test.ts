import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { countQueries } from '../../../test/query-count.js';
import { rows } from '../../platform/db/database.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';

/**
 * What the hot case reads cost the database (counted at the driver, so a query added anywhere on the
 * path shows up): the staff inbox's first page and a citizen's "my requests", once warm. The unit
 * tree, workflows and type versions come from the process's caches, which a change drops at once.
 */
let sut: TestApp;
let queriesOf: ReturnType<typeof countQueries>['queriesOf'];

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases'] });
  queriesOf = countQueries(sut.db).queriesOf;
});
afterAll(() => sut?.close());

/** Repeats `get` (bounded) until it costs `n` queries: the announcements of the setup's writes may still drop a cache once. */
async function settlesAt(n: number, get: () => Promise<unknown>) {
  let last: string[] = [];
  for (let i = 0; i < 40; i++) {
    last = await queriesOf(get);
    if (last.length <= n) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return last;
}

describe('hot case reads', () => {
  it('the staff inbox and "my requests" ask only for their own rows once warm, and see a renamed state at once', async () => {
    const type = await makeCaseType(sut);
    const citizen = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen' });
    const cookie = await sessionCookie(sut.db, citizen);
    for (let i = 0; i < 3; i++) expect((await submit(sut, { caseType: type.key, data: {} }, { cookie })).statusCode).toBe(201);
    const { headers } = await staffHeaders(sut, 'admin');

    const inbox = async () => {
      const res = await sut.app.inject({ method: 'GET', url: '/api/cases?category=new&category=open&limit=25', headers });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: { stateName: { el: string } }[]; total: number };
    };
    // a text search runs in its own transaction: the caches read through it (on PGlite, beside it would wait forever)
    // (first, while the unit tree is not cached yet)
    const found = await sut.app.inject({ method: 'GET', url: '/api/cases?q=%CE%BB%CE%B1%CE%BA%CE%BA%CE%BF%CF%8D%CE%B2%CE%B1', headers });
    expect(found.statusCode).toBe(200);

    expect((await inbox()).total).toBe(3);
    // the page alone: no unit tree, no workflows, no case types, and the counts per category from memory
    const warm = await settlesAt(1, inbox);
    expect(warm).toHaveLength(1);
    expect(warm[0]).toMatch(/from "cases"/);
    expect(warm.some((q) => /from "org_units"|from "workflows"|from "case_type_versions"/.test(q))).toBe(false);

    const mine = async () => {
      const res = await sut.app.inject({ method: 'GET', url: '/api/my/cases', headers: sut.headers({ cookie }) });
      expect(res.statusCode).toBe(200);
      return res.json() as { stateName: { el: string } }[];
    };
    expect(await mine()).toHaveLength(3);
    // one round trip: their cases, with their devices and the cases they follow inside it; nothing for shaping them
    const mineWarm = await settlesAt(1, mine);
    expect(mineWarm).toHaveLength(1);
    expect(mineWarm[0]).toMatch(/from "cases"/);
    expect(mineWarm.some((q) => /from "workflows"|from "case_type_versions"/.test(q))).toBe(false);

    // a state renamed by another process (no write request here): the next lists show the new name
    const [first] = await mine();
    const before = first?.stateName.el as string;
    await sut.db.execute(
      sql`update workflows set definition = jsonb_set(definition, '{states}', (select jsonb_agg(case when s->>'nameEl' = ${before} then jsonb_set(s, '{nameEl}', to_jsonb('Μετονομασμένη'::text)) else s end) from jsonb_array_elements(definition->'states') s)) where tenant_id = ${sut.tenant.id}`,
    );
    let renamed = false;
    for (let i = 0; i < 40 && !renamed; i++) {
      renamed = (await mine())[0]?.stateName.el === 'Μετονομασμένη' && (await inbox()).items[0]?.stateName.el === 'Μετονομασμένη';
      if (!renamed) await new Promise((r) => setTimeout(r, 25));
    }
    expect(renamed).toBe(true);
  });

  it("keeps the inbox's counts per category exact: a change through this process at once, one by another process once announced, other filters counted afresh", async () => {
    const type = await makeCaseType(sut);
    const otherType = await makeCaseType(sut);
    const unitId = type.snapshot.defaultUnitId as string;
    const citizen = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen' });
    const cookie = await sessionCookie(sut.db, citizen);
    const ids: string[] = [];
    for (const t of [type, type, type, otherType]) {
      const res = await submit(sut, { caseType: t.key, data: {} }, { cookie });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const admin = (await staffHeaders(sut, 'admin')).headers;
    const inUnit = (await staffHeaders(sut, 'head', unitId)).headers;
    const elsewhere = (await staffHeaders(sut, 'head', (await makeUnit(sut.db, sut.tenant.id)).id)).headers;

    type Counts = Record<string, number>;
    const countsOf = async (headers: Record<string, string>, query = '') => {
      const res = await sut.app.inject({ method: 'GET', url: `/api/cases?category=new&category=open&limit=1${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { counts: Counts; total: number };
    };
    /** What counting in the database itself says, for the whole tenant or one unit (with an extra condition). */
    const exact = async (unit: string | null, extra = sql`true`) => {
      const found = rows<{ c: string; n: number }>(
        await sut.db.execute(
          sql`select state_category as c, count(*)::int as n from cases where tenant_id = ${sut.tenant.id}
              and (${unit}::uuid is null or unit_id = ${unit}::uuid) and ${extra} group by 1`,
        ),
      );
      const out: Counts = { new: 0, open: 0, in_progress: 0, waiting_citizen: 0, resolved: 0, rejected: 0, closed: 0 };
      for (const r of found) out[r.c] = Number(r.n);
      return out;
    };
    /** Asks until the answer matches (bounded): a change by another process reaches this one with the database's announcement. */
    const eventually = async (headers: Record<string, string>, unit: string | null) => {
      let got: Counts = {};
      const want = await exact(unit);
      for (let i = 0; i < 80; i++) {
        got = (await countsOf(headers)).counts;
        if (JSON.stringify(got) === JSON.stringify(want)) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return { got, want };
    };

    expect((await countsOf(admin)).counts).toEqual(await exact(null));
    expect((await countsOf(inUnit)).counts).toEqual(await exact(unitId));
    expect((await countsOf(inUnit)).counts.new).toBe(3);
    expect(Object.values((await countsOf(elsewhere)).counts).every((n) => n === 0)).toBe(true);
    // warm: the page alone, the counts from memory
    expect(await settlesAt(1, () => countsOf(admin))).toHaveLength(1);

    // a transition through this process (a write request): the very next inbox counts it
    const detail = await sut.app.inject({ method: 'GET', url: `/api/cases/${ids[0]}`, headers: admin });
    const step = (detail.json().transitions as { key: string; to: string; allowed: boolean }[]).find((t) => t.allowed);
    expect(step).toBeDefined();
    const before = (await countsOf(inUnit)).counts;
    const moved = await sut.app.inject({
      method: 'POST',
      url: `/api/cases/${ids[0]}/transition`,
      headers: admin,
      payload: { transition: step?.key, comment: 'Ελέγχθηκε' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await countsOf(admin)).counts).toEqual(await exact(null));
    const after = (await countsOf(inUnit)).counts;
    expect(after).toEqual(await exact(unitId));
    expect(after).not.toEqual(before);

    // another process resolves one case and moves another to a unit the head does not see
    await sut.db.execute(sql`update cases set state = 'resolved', state_category = 'resolved' where id = ${ids[1]}`);
    const outside = await makeUnit(sut.db, sut.tenant.id);
    await sut.db.execute(sql`update cases set unit_id = ${outside.id} where id = ${ids[2]}`);
    const a = await eventually(admin, null);
    expect(a.got).toEqual(a.want);
    const u = await eventually(inUnit, unitId);
    expect(u.got).toEqual(u.want);
    expect(u.want.resolved).toBe(1);

    // a filter the counts are not kept for: counted afresh every time, with the filter
    const unassigned = await countsOf(admin, '&assigneeId=none');
    expect(unassigned.counts).toEqual(await exact(null, sql`assignee_id is null`));
    await sut.db.execute(sql`update cases set assignee_id = ${citizen.id} where id = ${ids[3]}`);
    expect((await countsOf(admin, '&assigneeId=none')).counts).toEqual(await exact(null, sql`assignee_id is null`));
  });
});
