import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makePartnerOrg, makeStaffSession, makeTenant, makeUnit, makeUser } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { partnerOrgs } from './org.schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

async function setup(role: 'admin' | 'head' = 'admin') {
  const tenant = await makeTenant(sut.db);
  const unit = role === 'head' ? (await makeUnit(sut.db, tenant.id)).id : null;
  const actor = await makeStaffSession(sut.db, tenant.id, role, unit);
  const headers = (cookie = actor.cookie, extra: Record<string, string> = {}) => ({ 'x-tenant': tenant.slug, cookie, ...extra });
  return { tenant, actor, headers };
}

async function counts(tenantId: string) {
  const [p] = await sut.db.select({ n: count() }).from(partnerOrgs).where(eq(partnerOrgs.tenantId, tenantId));
  const [a] = await sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, tenantId));
  return { partners: Number(p?.n), audit: Number(a?.n) };
}

describe('partner organisations', () => {
  it('creates, reads, lists, changes and deletes, auditing each write with actor and ip', async () => {
    const s = await setup('head');
    const created = await sut.app.inject({
      method: 'POST',
      url: '/api/partners',
      headers: s.headers(),
      remoteAddress: '203.0.113.9',
      payload: {
        kind: 'vet',
        name: 'Κτηνιατρείο Αγίου Νικολάου',
        contactName: 'Δρ. Σταύρου',
        email: 'vet@example.gr',
        phone: '2102222222',
        website: 'https://vet.example.gr',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ kind: 'vet', contactName: 'Δρ. Σταύρου', userCount: 0, address: null });

    await makePartnerOrg(sut.db, s.tenant.id, { kind: 'school', name: 'Σχολείο' });
    const list = await sut.app.inject({ method: 'GET', url: '/api/partners?kind=vet&q=αγιου', headers: s.headers() });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id }] });

    const changed = await sut.app.inject({
      method: 'PATCH',
      url: `/api/partners/${id}`,
      headers: s.headers(),
      payload: { address: 'Οδός 1', website: null },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ address: 'Οδός 1', website: null, name: 'Κτηνιατρείο Αγίου Νικολάου' });

    const del = await sut.app.inject({ method: 'DELETE', url: `/api/partners/${id}`, headers: s.headers() });
    expect(del.statusCode).toBe(204);
    const gone = await sut.app.inject({ method: 'GET', url: `/api/partners/${id}`, headers: s.headers() });
    expect(gone.statusCode).toBe(404);

    const rows = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(rows.map((r) => r.action).sort()).toEqual(['partners.created', 'partners.deleted', 'partners.updated']);
    expect(rows.every((r) => r.actorUserId === s.actor.user.id)).toBe(true);
    expect(rows.find((r) => r.action === 'partners.created')?.ip).toBe('203.0.113.9');
  });

  it('lists the users of an organisation and refuses to delete it while it has any', async () => {
    const s = await setup();
    const org = await makePartnerOrg(sut.db, s.tenant.id);
    const principal = await makeUser(sut.db, s.tenant.id, { kind: 'partner', partnerOrgId: org.id, partnerRole: 'manager' });
    const res = await sut.app.inject({ method: 'GET', url: `/api/partners/${org.id}/users`, headers: s.headers() });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([{ id: principal.id, partnerRole: 'manager', disabled: false, invitationPending: false }]);
    expect(JSON.stringify(res.json())).not.toMatch(/password/i);
    const before = await counts(s.tenant.id);
    const del = await sut.app.inject({
      method: 'DELETE',
      url: `/api/partners/${org.id}`,
      headers: s.headers(undefined, { 'accept-language': 'en' }),
    });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ code: 'partners.has_users', message: 'The organisation has 1 users; remove them first.' });
    expect(await counts(s.tenant.id)).toEqual(before);
  });

  it('is forbidden for an employee', async () => {
    const s = await setup();
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee');
    const before = await counts(s.tenant.id);
    const list = await sut.app.inject({ method: 'GET', url: '/api/partners', headers: s.headers(emp.cookie) });
    expect(list.statusCode).toBe(403);
    const create = await sut.app.inject({
      method: 'POST',
      url: '/api/partners',
      headers: s.headers(emp.cookie),
      payload: { kind: 'school', name: 'Χ' },
    });
    expect(create.statusCode).toBe(403);
    expect(await counts(s.tenant.id)).toEqual(before);
  });

  it('does not show or change an organisation of another tenant', async () => {
    const s = await setup();
    const other = await makeTenant(sut.db);
    const foreign = await makePartnerOrg(sut.db, other.id, { name: 'Ξένο' });
    for (const [method, url] of [
      ['GET', `/api/partners/${foreign.id}`],
      ['GET', `/api/partners/${foreign.id}/users`],
      ['PATCH', `/api/partners/${foreign.id}`],
      ['DELETE', `/api/partners/${foreign.id}`],
    ] as const) {
      const res = await sut.app.inject({ method, url, headers: s.headers(), ...(method === 'PATCH' ? { payload: { name: 'Χακ' } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().code).toBe('partners.not_found');
    }
    const [row] = await sut.db.select().from(partnerOrgs).where(eq(partnerOrgs.id, foreign.id));
    expect(row?.name).toBe('Ξένο');
  });

  it('refuses bad input naming the fields, writing nothing', async () => {
    const s = await setup();
    const before = await counts(s.tenant.id);
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/partners',
      headers: s.headers(),
      payload: { kind: 'bank', name: '', email: 'nope', website: 'ftp://x' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['email', 'kind', 'name', 'website']);
    expect(await counts(s.tenant.id)).toEqual(before);
  });
});
