import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeStaffSession, makeTenant, makeUnit } from '../../../test/factories.js';
import { can } from '../access/access.js';
import { auditLog } from '../audit/audit.schema.js';
import { orgUnits } from './org.schema.js';
import { unitAncestry } from './units.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

async function setup() {
  const tenant = await makeTenant(sut.db);
  const admin = await makeStaffSession(sut.db, tenant.id, 'admin');
  const headers = (cookie = admin.cookie, extra: Record<string, string> = {}) => ({ 'x-tenant': tenant.slug, cookie, ...extra });
  return { tenant, admin, headers };
}

async function counts(tenantId: string) {
  const [u] = await sut.db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId));
  const [a] = await sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, tenantId));
  return { units: Number(u?.n), audit: Number(a?.n) };
}

describe('org units', () => {
  it('creates a directorate and a department under it, lists them as a tree, audits with actor and ip', async () => {
    const s = await setup();
    const dir = await sut.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: s.headers(),
      remoteAddress: '192.0.2.7',
      payload: { kind: 'directorate', code: 'TEXN', nameEl: 'Διεύθυνση Τεχνικών Υπηρεσιών', nameEn: 'Technical Services' },
    });
    expect(dir.statusCode, dir.body).toBe(201);
    const dep = await sut.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: s.headers(),
      payload: { kind: 'department', code: 'SYNT', nameEl: 'Τμήμα Συντήρησης', nameEn: 'Maintenance', parentId: dir.json().id },
    });
    expect(dep.statusCode, dep.body).toBe(201);
    await makeStaff(sut.db, s.tenant.id, 'employee', dep.json().id);

    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee', dep.json().id);
    const tree = await sut.app.inject({ method: 'GET', url: '/api/units', headers: s.headers(emp.cookie) });
    expect(tree.statusCode, tree.body).toBe(200);
    const items = tree.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ code: 'TEXN', children: [{ code: 'SYNT', staffCount: 2, children: [] }] });

    const rows = await sut.db.select().from(auditLog).where(eq(auditLog.tenantId, s.tenant.id));
    expect(rows.find((r) => r.entityId === dir.json().id)).toMatchObject({
      action: 'units.created',
      actorUserId: s.admin.user.id,
      ip: '192.0.2.7',
    });
  });

  it('is forbidden for an employee to create, change or delete units', async () => {
    const s = await setup();
    const unit = await makeUnit(sut.db, s.tenant.id);
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee', unit.id);
    const before = await counts(s.tenant.id);
    for (const [method, url] of [
      ['POST', '/api/units'],
      ['PATCH', `/api/units/${unit.id}`],
      ['DELETE', `/api/units/${unit.id}`],
    ] as const) {
      const res = await sut.app.inject({
        method,
        url,
        headers: s.headers(emp.cookie),
        ...(method === 'DELETE' ? {} : { payload: { kind: 'office', code: 'X', nameEl: 'Χ', nameEn: 'X' } }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await counts(s.tenant.id)).toEqual(before);
  });

  it('refuses a parent from another municipality as not found, and writes nothing', async () => {
    const s = await setup();
    const other = await makeTenant(sut.db);
    const foreign = await makeUnit(sut.db, other.id);
    const mine = await makeUnit(sut.db, s.tenant.id);
    const before = await counts(s.tenant.id);
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: s.headers(undefined, { 'accept-language': 'en' }),
      payload: { kind: 'office', code: 'NEW', nameEl: 'Νέο', nameEn: 'New', parentId: foreign.id },
    });
    expect(res.statusCode).toBe(400);
    // another tenant's row is refused at the edge for every route, as an unknown reference (issue 16)
    expect(res.json()).toMatchObject({ code: 'validation.failed', fields: [{ field: 'parentId', code: 'validation.unknown_reference' }] });
    const moved = await sut.app.inject({
      method: 'PATCH',
      url: `/api/units/${mine.id}`,
      headers: s.headers(),
      payload: { parentId: foreign.id },
    });
    expect(moved.statusCode).toBe(400);
    // a unit of another tenant cannot be read, changed or deleted through this one
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const r = await sut.app.inject({
        method,
        url: `/api/units/${foreign.id}`,
        headers: s.headers(),
        ...(method === 'PATCH' ? { payload: { nameEl: 'Χακ' } } : {}),
      });
      expect(r.statusCode, method).toBe(404);
      expect(r.json().code).toBe('units.not_found');
    }
    expect(await counts(s.tenant.id)).toEqual(before);
    const [f] = await sut.db.select().from(orgUnits).where(eq(orgUnits.id, foreign.id));
    expect(f?.nameEl).toBe(foreign.nameEl);
  });

  it('refuses a duplicate code and bad fields, naming the field, writing nothing', async () => {
    const s = await setup();
    await makeUnit(sut.db, s.tenant.id, { code: 'KEP' });
    const before = await counts(s.tenant.id);
    const dupe = await sut.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: s.headers(),
      payload: { kind: 'office', code: 'KEP', nameEl: 'ΚΕΠ', nameEn: 'KEP' },
    });
    expect(dupe.statusCode).toBe(409);
    expect(dupe.json().fields[0]).toMatchObject({ field: 'code', code: 'units.code_taken' });
    expect(dupe.json().message).toContain('KEP');
    const bad = await sut.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: s.headers(),
      payload: { kind: 'ministry', code: 'has space', nameEl: '', nameEn: 'X' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['code', 'kind', 'nameEl']);
    expect(await counts(s.tenant.id)).toEqual(before);
  });

  it('refuses to move a unit under itself or its own descendant', async () => {
    const s = await setup();
    const a = await makeUnit(sut.db, s.tenant.id, { kind: 'directorate' });
    const b = await makeUnit(sut.db, s.tenant.id, { parentId: a.id });
    const c = await makeUnit(sut.db, s.tenant.id, { kind: 'office', parentId: b.id });
    const before = await counts(s.tenant.id);
    for (const parentId of [a.id, c.id]) {
      const res = await sut.app.inject({ method: 'PATCH', url: `/api/units/${a.id}`, headers: s.headers(), payload: { parentId } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'units.cycle', fields: [{ field: 'parentId' }] });
    }
    expect(await counts(s.tenant.id)).toEqual(before);
    const [row] = await sut.db.select().from(orgUnits).where(eq(orgUnits.id, a.id));
    expect(row?.parentId).toBeNull();
    // a legal move still works: c up to the top
    const ok = await sut.app.inject({
      method: 'PATCH',
      url: `/api/units/${c.id}`,
      headers: s.headers(),
      payload: { parentId: null, nameEn: 'Top' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ parentId: null, nameEn: 'Top' });
  });

  it('refuses to delete a unit with sub-units or staff, then deletes an empty one', async () => {
    const s = await setup();
    const parent = await makeUnit(sut.db, s.tenant.id, { kind: 'directorate' });
    const child = await makeUnit(sut.db, s.tenant.id, { parentId: parent.id });
    await makeStaff(sut.db, s.tenant.id, 'employee', child.id);
    const p = await sut.app.inject({
      method: 'DELETE',
      url: `/api/units/${parent.id}`,
      headers: s.headers(undefined, { 'accept-language': 'en' }),
    });
    expect(p.statusCode).toBe(409);
    expect(p.json()).toMatchObject({ code: 'units.has_children', message: 'The unit has 1 sub-units; move or delete them first.' });
    const c = await sut.app.inject({ method: 'DELETE', url: `/api/units/${child.id}`, headers: s.headers() });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('units.has_staff');
    const empty = await makeUnit(sut.db, s.tenant.id);
    const before = await counts(s.tenant.id);
    const ok = await sut.app.inject({ method: 'DELETE', url: `/api/units/${empty.id}`, headers: s.headers() });
    expect(ok.statusCode).toBe(204);
    expect(await counts(s.tenant.id)).toEqual({ units: before.units - 1, audit: before.audit + 1 });
  });

  it('gives ancestry so a grant on a directorate covers its departments', async () => {
    const s = await setup();
    const dir = await makeUnit(sut.db, s.tenant.id, { kind: 'directorate' });
    const dep = await makeUnit(sut.db, s.tenant.id, { parentId: dir.id });
    const office = await makeUnit(sut.db, s.tenant.id, { kind: 'office', parentId: dep.id });
    const elsewhere = await makeUnit(sut.db, s.tenant.id);
    const sutAncestry = await unitAncestry(sut.db, s.tenant.id);
    expect(sutAncestry(office.id)).toEqual([dep.id, dir.id]);
    expect(sutAncestry('00000000-0000-0000-0000-000000000000')).toEqual([]);
    const head = {
      kind: 'staff' as const,
      userId: 'x',
      sessionId: 'y',
      secondFactor: true,
      roles: [{ role: 'head' as const, unitId: dir.id }],
    };
    expect(can(head, 'staff.read', { unitId: office.id, ancestry: sutAncestry })).toBe(true);
    expect(can(head, 'staff.read', { unitId: elsewhere.id, ancestry: sutAncestry })).toBe(false);
  });
});
