import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUser, sessionCookie } from '../../../test/factories.js';
import { countQueries } from '../../../test/query-count.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';

/**
 * What the hot case reads cost the database (counted at the driver, so a query added anywhere on the
 * path shows up): the staff inbox's first page and a citizen's "my requests", once warm. The unit
 * tree, workflows and type versions come from the process's caches, which a change drops at once.
 */
let sut: TestApp;
let queriesOf: ReturnType<typeof countQueries>['queriesOf'];

beforeAll(async () => {
  sut = await createTestApp();
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
    // the page and the counts per category: no unit tree, no workflows, no case types
    const warm = await settlesAt(2, inbox);
    expect(warm).toHaveLength(2);
    expect(warm.some((q) => /from "org_units"|from "workflows"|from "case_type_versions"/.test(q))).toBe(false);

    const mine = async () => {
      const res = await sut.app.inject({ method: 'GET', url: '/api/my/cases', headers: sut.headers({ cookie }) });
      expect(res.statusCode).toBe(200);
      return res.json() as { stateName: { el: string } }[];
    };
    expect(await mine()).toHaveLength(3);
    // the citizen's devices, the cases they follow, their cases: nothing for shaping them
    const mineWarm = await settlesAt(3, mine);
    expect(mineWarm).toHaveLength(3);
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
});
