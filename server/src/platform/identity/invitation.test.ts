import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makePartnerOrg, makeStaff, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { outboundMessages } from '../messaging/messaging.schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

let seq = 0;
const email = () => `invitee-${++seq}-${Date.now()}@example.gr`;

async function linkTokenFor(to: string) {
  const [m] = await sut.db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, sut.tenant.id), eq(outboundMessages.recipient, to)))
    .orderBy(desc(outboundMessages.createdAt))
    .limit(1);
  return decodeURIComponent(m?.body.match(/\/invitation\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
}

const post = (url: string, cookie: string, payload: unknown) =>
  sut.app.inject({ method: 'POST', url, headers: sut.headers(cookie ? { cookie } : {}), payload: payload as Record<string, unknown> });

const accept = (token: string) =>
  post('/api/auth/invitations/accept', '', { token, password: 'Καλός-κωδικός-2026', givenName: 'Νίκος', familyName: 'Γεωργίου' });

describe('invitations', () => {
  it('staff with partners.manage invite a partner manager, who accepts and is signed in', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const head = await makeStaff(sut.db, sut.tenant.id, 'head', unit.id);
    const org = await makePartnerOrg(sut.db, sut.tenant.id, { kind: 'vet' });
    const to = email();
    const res = await post(`/api/partners/${org.id}/invitations`, await sessionCookie(sut.db, head), { email: to, role: 'manager' });
    expect(res.statusCode).toBe(201);
    const audits = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, res.json().id));
    expect(audits[0]?.action).toBe('invitation.create');

    const token = await linkTokenFor(to);
    expect(token).toBeTruthy();
    const ok = await accept(token);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().kind).toBe('partner');
    const cookie = ok.cookies.find((c) => c.name === 'dimos_session');
    const me = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers({ cookie: `dimos_session=${cookie?.value}` }) });
    expect(me.json()).toMatchObject({ kind: 'partner', email: to, givenName: 'Νίκος', partnerOrg: { id: org.id, role: 'manager' } });

    expect((await accept(token)).json().code).toBe('invitation.invalid');
  });

  it('partner managers invite members of their own organisation only', async () => {
    const org = await makePartnerOrg(sut.db, sut.tenant.id);
    const otherOrg = await makePartnerOrg(sut.db, sut.tenant.id);
    const manager = await makeUser(sut.db, sut.tenant.id, { kind: 'partner', partnerOrgId: org.id, partnerRole: 'manager' });
    const member = await makeUser(sut.db, sut.tenant.id, { kind: 'partner', partnerOrgId: org.id, partnerRole: 'member' });
    const mc = await sessionCookie(sut.db, manager);
    expect((await post(`/api/partners/${org.id}/invitations`, mc, { email: email(), role: 'member' })).statusCode).toBe(201);
    expect((await post(`/api/partners/${org.id}/invitations`, mc, { email: email(), role: 'manager' })).statusCode).toBe(403);
    expect((await post(`/api/partners/${otherOrg.id}/invitations`, mc, { email: email(), role: 'member' })).statusCode).toBe(403);
    const memberCookie = await sessionCookie(sut.db, member);
    expect((await post(`/api/partners/${org.id}/invitations`, memberCookie, { email: email(), role: 'member' })).statusCode).toBe(403);
    const employee = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const ec = await sessionCookie(sut.db, employee);
    expect((await post(`/api/partners/${org.id}/invitations`, ec, { email: email(), role: 'member' })).statusCode).toBe(403);
  });

  it('administrators invite staff with roles per unit; the new staff member gets those roles', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const admin = await makeStaff(sut.db, sut.tenant.id, 'admin');
    const cookie = await sessionCookie(sut.db, admin);
    const to = email();

    const badUnit = await post('/api/staff/invitations', cookie, {
      email: to,
      roles: [{ role: 'employee', unitId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().fields[0]).toMatchObject({ field: 'roles.0.unitId', code: 'invitation.unit_not_found' });

    const res = await post('/api/staff/invitations', cookie, { email: to, roles: [{ role: 'employee', unitId: unit.id }] });
    expect(res.statusCode).toBe(201);
    const ok = await accept(await linkTokenFor(to));
    expect(ok.json().kind).toBe('staff');
    const session = ok.cookies.find((c) => c.name === 'dimos_session');
    const me = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers({ cookie: `dimos_session=${session?.value}` }) });
    expect(me.json().roles).toEqual([{ role: 'employee', unitId: unit.id, unitName: { el: unit.nameEl, en: unit.nameEn } }]);

    // an existing address cannot be invited again
    const dup = await post('/api/staff/invitations', cookie, { email: to.toUpperCase(), roles: [{ role: 'employee', unitId: null }] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('invitation.email_taken');

    // staff without staff.manage may not invite staff
    const head = await makeStaff(sut.db, sut.tenant.id, 'head', unit.id);
    const hc = await sessionCookie(sut.db, head);
    expect((await post('/api/staff/invitations', hc, { email: email(), roles: [{ role: 'employee', unitId: null }] })).statusCode).toBe(
      403,
    );
  });

  it('rejects a short password at acceptance naming the field, and keeps the invitation usable', async () => {
    const admin = await makeStaff(sut.db, sut.tenant.id, 'admin');
    const to = email();
    await post('/api/staff/invitations', await sessionCookie(sut.db, admin), { email: to, roles: [{ role: 'operator', unitId: null }] });
    const token = await linkTokenFor(to);
    const short = await post('/api/auth/invitations/accept', '', { token, password: 'short', givenName: 'Α', familyName: 'Β' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].field).toBe('password');
    expect((await accept(token)).statusCode).toBe(201);
  });
});
