import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeUnit } from '../../../test/factories.js';
import { countQueries } from '../../../test/query-count.js';
import { ACTOR_CACHE_TTL_MS } from './actor.js';

/**
 * The authenticated read path: how many queries a signed-in GET costs (counted at the driver, so a
 * new per-request query anywhere in the hooks shows up here), and that the caches that make it cheap
 * forget a revoked session, a new role or a new unit at once — in this process and, through the
 * database's NOTIFY, when the change came from elsewhere.
 */
let sut: TestApp;
let queriesOf: ReturnType<typeof countQueries>['queriesOf'];

beforeAll(async () => {
  sut = await createTestApp();
  queriesOf = countQueries(sut.db).queriesOf;
});
afterAll(() => sut?.close());

/** Polls (bounded, well under the cache's lifetime) until `check` holds; the NOTIFY arrives in milliseconds. */
async function soon(check: () => Promise<boolean>) {
  const end = Date.now() + ACTOR_CACHE_TTL_MS / 2;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('authenticated reads', () => {
  it('GET /api/units with a staff session asks the database nothing once warm, one query for a new session', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id, { code: 'QC' });
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'employee', unit.id);
    const other = await makeStaffSession(sut.db, sut.tenant.id, 'employee', unit.id);
    const get = () => sut.app.inject({ method: 'GET', url: '/api/units', headers: sut.headers({ cookie }) });
    expect((await get()).statusCode).toBe(200); // warms the tenant, the session and the tree
    // (the announcements of the inserts above may still be on their way and drop the tree once more)
    const warm = async () => (await queriesOf(async () => expect((await get()).statusCode).toBe(200))).length === 0;
    expect(await soon(warm)).toBe(true);
    expect(await warm()).toBe(true);

    // a session never seen: the session, its user and its roles in one round trip, nothing else
    const first = await queriesOf(async () =>
      expect((await sut.app.inject({ method: 'GET', url: '/api/units', headers: sut.headers({ cookie: other.cookie }) })).statusCode).toBe(
        200,
      ),
    );
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/from "sessions"/);

    // an uncached route pays only for its own data: the actor still costs nothing
    const one = await queriesOf(async () =>
      expect((await sut.app.inject({ method: 'GET', url: `/api/units/${unit.id}`, headers: sut.headers({ cookie }) })).statusCode).toBe(
        200,
      ),
    );
    expect(one.some((q) => /from "sessions"|from "role_assignments" where "role_assignments"."user_id"/.test(q))).toBe(false);
    expect(one).toHaveLength(2);
  });

  it('a signed-out session is refused on the very next request', async () => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const get = () => sut.app.inject({ method: 'GET', url: '/api/units', headers: sut.headers({ cookie }) });
    expect((await get()).statusCode).toBe(200);
    const out = await sut.app.inject({ method: 'POST', url: '/api/auth/logout', headers: sut.headers({ cookie }) });
    expect(out.statusCode).toBe(204);
    expect((await get()).statusCode).toBe(401);
  });

  it('a session revoked, a role granted or a unit added by another process reaches this one through NOTIFY', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id, { code: 'NTF' });
    const { user, cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'employee', unit.id);
    const tree = async () => {
      const res = await sut.app.inject({ method: 'GET', url: '/api/units', headers: sut.headers({ cookie }) });
      return { status: res.statusCode, body: res.body };
    };
    const staffOf = (body: string, code: string) => {
      const walk = (nodes: { code: string; staffCount?: number; children: unknown[] }[]): number | undefined => {
        for (const n of nodes) {
          if (n.code === code) return n.staffCount;
          const inner = walk(n.children as typeof nodes);
          if (inner !== undefined) return inner;
        }
        return undefined;
      };
      return walk((JSON.parse(body) as { items: [] }).items);
    };
    const before = await tree();
    expect(before.status).toBe(200);
    const staffBefore = staffOf(before.body, 'NTF');
    expect(staffBefore).toBe(1);

    // not through this app (no write request here): only the database's announcement can tell it
    await sut.db.execute(
      sql`insert into org_units (tenant_id, kind, code, name_el, name_en) values (${sut.tenant.id}, 'office', 'NTF2', 'Νέο', 'New')`,
    );
    expect(await soon(async () => (await tree()).body.includes('"NTF2"'))).toBe(true);

    await sut.db.execute(
      sql`insert into role_assignments (tenant_id, user_id, unit_id, role) values (${sut.tenant.id}, ${user.id}, ${unit.id}, 'head')`,
    );
    expect(await soon(async () => staffOf((await tree()).body, 'NTF') === 2)).toBe(true);

    await sut.db.execute(sql`update sessions set revoked_at = now() where user_id = ${user.id}`);
    expect(await soon(async () => (await tree()).status === 401)).toBe(true);
  });
});
