import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeStaffSession, makeTenant, makeUnit, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { roleAssignments, sessions, users } from '../identity/identity.schema.js';

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
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n);
  return {
    users: await n(sut.db.select({ n: count() }).from(users).where(eq(users.tenantId, tenantId))),
    grants: await n(sut.db.select({ n: count() }).from(roleAssignments).where(eq(roleAssignments.tenantId, tenantId))),
    audit: await n(sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, tenantId))),
  };
}

describe('POST /api/staff', () => {
  it('creates a staff member without a password, with role grants, and says an invitation is needed', async () => {
    const s = await setup();
    const unit = await makeUnit(sut.db, s.tenant.id);
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: s.headers(),
      remoteAddress: '198.51.100.4',
      payload: {
        email: 'Nea.Ypallili@Dimos.gr',
        givenName: 'Νίκη',
        familyName: 'Αλεξίου',
        phone: '2101111111',
        roles: [
          { role: 'employee', unitId: unit.id },
          { role: 'employee', unitId: unit.id },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      email: 'nea.ypallili@dimos.gr',
      invitationRequired: true,
      invitationPending: true,
      disabled: false,
      roles: [{ role: 'employee', unitId: unit.id, unitCode: unit.code }],
    });
    expect(JSON.stringify(body)).not.toMatch(/password/i);
    const [row] = await sut.db.select().from(users).where(eq(users.id, body.id));
    expect(row).toMatchObject({ kind: 'staff', passwordHash: null, tenantId: s.tenant.id });
    const [a] = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, body.id), eq(auditLog.action, 'staff.created')));
    expect(a).toMatchObject({ actorUserId: s.admin.user.id, ip: '198.51.100.4' });
  });

  it('refuses a taken e-mail, a unit of another tenant and a unit-scoped admin, writing nothing', async () => {
    const s = await setup();
    const other = await makeTenant(sut.db);
    const foreign = await makeUnit(sut.db, other.id);
    const mine = await makeUnit(sut.db, s.tenant.id);
    await makeStaff(sut.db, s.tenant.id, 'employee', null, { email: 'taken@dimos.gr' });
    const before = await counts(s.tenant.id);
    const base = { givenName: 'Α', familyName: 'Β' };
    const taken = await sut.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: s.headers(),
      payload: { ...base, email: 'TAKEN@dimos.gr', roles: [] },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().fields[0]).toMatchObject({ field: 'email', code: 'staff.email_taken' });
    const cross = await sut.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: s.headers(),
      payload: {
        ...base,
        email: 'x@dimos.gr',
        roles: [
          { role: 'employee', unitId: foreign.id },
          { role: 'admin', unitId: mine.id },
        ],
      },
    });
    // another tenant's unit is refused at the edge for every route, as an unknown reference (issue 16)
    expect(cross.statusCode).toBe(400);
    expect(cross.json().fields).toMatchObject([{ field: 'roles.0.unitId', code: 'validation.unknown_reference' }]);
    const scoped = await sut.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: s.headers(),
      payload: {
        ...base,
        email: 'x@dimos.gr',
        roles: [
          { role: 'employee', unitId: '00000000-0000-4000-8000-000000000000' },
          { role: 'admin', unitId: mine.id },
        ],
      },
    });
    expect(scoped.statusCode).toBe(400);
    expect(scoped.json().fields).toMatchObject([
      { field: 'roles.0.unitId', code: 'units.not_found' },
      { field: 'roles.1.unitId', code: 'staff.admin_tenant_wide' },
    ]);
    const invalid = await sut.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: s.headers(undefined, { 'accept-language': 'en' }),
      payload: { email: 'not-an-email', givenName: 'Α', roles: [{ role: 'king', unitId: null }] },
    });
    expect(invalid.statusCode).toBe(400);
    const fields = invalid.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'familyName', 'roles.0.role']));
    expect(invalid.json().fields.find((f: { field: string }) => f.field === 'email').message).toContain('not a valid e-mail');
    expect(await counts(s.tenant.id)).toEqual(before);
  });

  it('is forbidden for an employee and for a head', async () => {
    const s = await setup();
    for (const role of ['employee', 'head'] as const) {
      const u = await makeStaffSession(sut.db, s.tenant.id, role);
      const res = await sut.app.inject({
        method: 'POST',
        url: '/api/staff',
        headers: s.headers(u.cookie),
        payload: { email: `${role}@x.gr`, givenName: 'Α', familyName: 'Β' },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('GET /api/staff', () => {
  it('filters by unit (with sub-units), role and accent-insensitive text, paginated', async () => {
    const s = await setup();
    const dir = await makeUnit(sut.db, s.tenant.id, { kind: 'directorate' });
    const dep = await makeUnit(sut.db, s.tenant.id, { parentId: dir.id });
    const other = await makeUnit(sut.db, s.tenant.id);
    const a = await makeStaff(sut.db, s.tenant.id, 'employee', dep.id, { givenName: 'Γιώργος', familyName: 'Παπαδάκης' });
    const b = await makeStaff(sut.db, s.tenant.id, 'head', dir.id, { givenName: 'Ελένη', familyName: 'Ζαχαρίου' });
    await makeStaff(sut.db, s.tenant.id, 'employee', other.id, { givenName: 'Άλλος', familyName: 'Υπάλληλος' });

    const get = async (qs: string) => {
      const res = await sut.app.inject({ method: 'GET', url: `/api/staff?${qs}`, headers: s.headers() });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string }[]; total: number };
    };
    expect((await get(`unitId=${dir.id}`)).items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect((await get(`unitId=${dir.id}&role=head`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get('q=papadakis')).total).toBe(0);
    expect((await get('q=ΠΑΠΑΔΑΚΗΣ')).items.map((i) => i.id)).toEqual([a.id]);
    expect((await get('q=γιωργος')).items.map((i) => i.id)).toEqual([a.id]);
    const page = await get('limit=2&offset=0');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(4);
    const bad = await sut.app.inject({ method: 'GET', url: '/api/staff?role=king', headers: s.headers() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('role');
  });

  it('lets a head see only the staff of their units and below; an employee sees nothing', async () => {
    const s = await setup();
    const dir = await makeUnit(sut.db, s.tenant.id, { kind: 'directorate' });
    const dep = await makeUnit(sut.db, s.tenant.id, { parentId: dir.id });
    const other = await makeUnit(sut.db, s.tenant.id);
    const head = await makeStaffSession(sut.db, s.tenant.id, 'head', dir.id);
    const inside = await makeStaff(sut.db, s.tenant.id, 'employee', dep.id);
    const outside = await makeStaff(sut.db, s.tenant.id, 'employee', other.id);
    const list = await sut.app.inject({ method: 'GET', url: '/api/staff', headers: s.headers(head.cookie) });
    expect(
      list
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([head.user.id, inside.id].sort());
    const one = await sut.app.inject({ method: 'GET', url: `/api/staff/${inside.id}`, headers: s.headers(head.cookie) });
    expect(one.statusCode).toBe(200);
    const hidden = await sut.app.inject({ method: 'GET', url: `/api/staff/${outside.id}`, headers: s.headers(head.cookie) });
    expect(hidden.statusCode).toBe(404);
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee', dep.id);
    const denied = await sut.app.inject({ method: 'GET', url: '/api/staff', headers: s.headers(emp.cookie) });
    expect(denied.statusCode).toBe(403);
  });

  it('does not show staff of another tenant', async () => {
    const s = await setup();
    const other = await makeTenant(sut.db);
    const foreign = await makeStaff(sut.db, other.id, 'employee');
    const res = await sut.app.inject({ method: 'GET', url: `/api/staff/${foreign.id}`, headers: s.headers() });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('staff.not_found');
  });
});

describe('PATCH /api/staff/:id', () => {
  it('changes names and phone, disables (revoking sessions) and re-enables, auditing each', async () => {
    const s = await setup();
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee');
    await sessionCookie(sut.db, emp.user);
    const res = await sut.app.inject({
      method: 'PATCH',
      url: `/api/staff/${emp.user.id}`,
      headers: s.headers(),
      payload: { familyName: 'Νέο', phone: null, disabled: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ familyName: 'Νέο', phone: null, disabled: true });
    const live = await sut.db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, emp.user.id), isNull(sessions.revokedAt)));
    expect(Number(live[0]?.n)).toBe(0);
    const me = await sut.app.inject({ method: 'GET', url: '/api/units', headers: s.headers(emp.cookie) });
    expect(me.statusCode).toBe(401);
    const again = await sut.app.inject({
      method: 'PATCH',
      url: `/api/staff/${emp.user.id}`,
      headers: s.headers(),
      payload: { disabled: false },
    });
    expect(again.json().disabled).toBe(false);
    const actions = (await sut.db.select().from(auditLog).where(eq(auditLog.entityId, emp.user.id))).map((r) => r.action).sort();
    expect(actions).toEqual(['staff.disabled', 'staff.enabled']);
  });

  it('refuses to disable oneself, and the last active administrator, writing nothing', async () => {
    const s = await setup();
    const self = await sut.app.inject({
      method: 'PATCH',
      url: `/api/staff/${s.admin.user.id}`,
      headers: s.headers(),
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().fields[0]).toMatchObject({ field: 'disabled', code: 'staff.cannot_disable_self' });
    // an administrator scoped to a unit passes the route check but does not count as the municipality's administrator
    const unit = await makeUnit(sut.db, s.tenant.id);
    const scoped = await makeStaffSession(sut.db, s.tenant.id, 'admin', unit.id);
    const before = await counts(s.tenant.id);
    const last = await sut.app.inject({
      method: 'PATCH',
      url: `/api/staff/${s.admin.user.id}`,
      headers: s.headers(scoped.cookie, { 'accept-language': 'en' }),
      payload: { disabled: true, familyName: 'Άλλο' },
    });
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({ code: 'staff.last_admin', fields: [{ field: 'disabled' }] });
    expect(await counts(s.tenant.id)).toEqual(before);
    const [row] = await sut.db.select().from(users).where(eq(users.id, s.admin.user.id));
    expect(row).toMatchObject({ disabledAt: null, familyName: s.admin.user.familyName });
    // with a second administrator, one may disable the other
    const second = await makeStaffSession(sut.db, s.tenant.id, 'admin');
    const ok = await sut.app.inject({
      method: 'PATCH',
      url: `/api/staff/${s.admin.user.id}`,
      headers: s.headers(second.cookie),
      payload: { disabled: true },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('PUT /api/staff/:id/roles', () => {
  it('replaces grants and refuses to remove the last administrator, writing nothing then', async () => {
    const s = await setup();
    const unit = await makeUnit(sut.db, s.tenant.id);
    const emp = await makeStaff(sut.db, s.tenant.id, 'employee');
    const res = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${emp.id}/roles`,
      headers: s.headers(),
      payload: {
        roles: [
          { role: 'head', unitId: unit.id },
          { role: 'council', unitId: null },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .roles.map((r: { role: string }) => r.role)
        .sort(),
    ).toEqual(['council', 'head']);
    const [a] = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, emp.id), eq(auditLog.action, 'staff.roles_replaced')));
    expect(a?.data).toMatchObject({ before: [{ role: 'employee', unitId: null }] });

    const before = await counts(s.tenant.id);
    const last = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${s.admin.user.id}/roles`,
      headers: s.headers(undefined, { 'accept-language': 'en' }),
      payload: { roles: [{ role: 'employee', unitId: null }] },
    });
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({
      code: 'staff.last_admin',
      message: 'Not possible: the municipality must keep at least one active administrator.',
    });
    expect(await counts(s.tenant.id)).toEqual(before);

    // with a second admin the first may step down
    await makeStaff(sut.db, s.tenant.id, 'admin');
    const ok = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${s.admin.user.id}/roles`,
      headers: s.headers(),
      payload: { roles: [] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual([]);
  });

  it('does not count a disabled administrator as the one who remains', async () => {
    const s = await setup();
    await makeStaff(sut.db, s.tenant.id, 'admin', null, { disabledAt: new Date() });
    const res = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${s.admin.user.id}/roles`,
      headers: s.headers(),
      payload: { roles: [] },
    });
    expect(res.statusCode).toBe(409);
  });

  it('refuses a unit of another tenant, and a user of another tenant', async () => {
    const s = await setup();
    const other = await makeTenant(sut.db);
    const foreignUnit = await makeUnit(sut.db, other.id);
    const foreignUser = await makeStaff(sut.db, other.id, 'employee');
    const emp = await makeStaff(sut.db, s.tenant.id, 'employee');
    const before = await counts(s.tenant.id);
    const r1 = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${emp.id}/roles`,
      headers: s.headers(),
      payload: { roles: [{ role: 'head', unitId: foreignUnit.id }] },
    });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().fields[0]).toMatchObject({ field: 'roles.0.unitId', code: 'validation.unknown_reference' });
    const r2 = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${foreignUser.id}/roles`,
      headers: s.headers(),
      payload: { roles: [] },
    });
    expect(r2.statusCode).toBe(404);
    expect(await counts(s.tenant.id)).toEqual(before);
    const [g] = await sut.db.select().from(roleAssignments).where(eq(roleAssignments.userId, foreignUser.id));
    expect(g?.role).toBe('employee');
  });

  it('is forbidden for an employee', async () => {
    const s = await setup();
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee');
    const res = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/${emp.user.id}/roles`,
      headers: s.headers(emp.cookie),
      payload: { roles: [{ role: 'admin', unitId: null }] },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /api/roles', () => {
  it('lists roles with Greek and English names and their permissions', async () => {
    const s = await setup();
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee');
    const res = await sut.app.inject({ method: 'GET', url: '/api/roles', headers: s.headers(emp.cookie) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.roles.map((r: { role: string }) => r.role)).toEqual(['admin', 'head', 'employee', 'operator', 'council', 'mayor_office']);
    const admin = body.roles.find((r: { role: string }) => r.role === 'admin');
    expect(admin).toMatchObject({ nameEl: 'Διαχειριστής', nameEn: 'Administrator', allPermissions: true });
    expect(admin.permissions).toContain('tenant.manage');
    const head = body.roles.find((r: { role: string }) => r.role === 'head');
    expect(head.permissions).toContain('staff.read');
    expect(head.permissions).not.toContain('staff.manage');
    expect(body.permissions.find((p: { name: string }) => p.name === 'audit.read')).toMatchObject({
      nameEn: 'Browse the audit log',
      roles: ['admin'],
    });
    const anon = await sut.app.inject({ method: 'GET', url: '/api/roles', headers: { 'x-tenant': s.tenant.slug } });
    expect(anon.statusCode).toBe(401);
  });

  it('documents the administration routes in OpenAPI with their tags', async () => {
    const spec = (await sut.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/units'].get.tags).toEqual(['units']);
    expect(spec.paths['/api/staff/{id}/roles'].put.tags).toEqual(['staff']);
    expect(spec.paths['/api/tenant'].patch.tags).toEqual(['tenant']);
    expect(spec.paths['/api/partners'].post.tags).toEqual(['partners']);
    expect(spec.paths['/api/audit'].get.tags).toEqual(['audit']);
  });
});
