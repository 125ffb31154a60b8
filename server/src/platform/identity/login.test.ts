import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeUnit, makeUser, sessionCookie, TEST_PASSWORD } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { sessions, users } from './identity.schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

let ipSeq = 0;
/** Each test its own client address, so the per-IP rate limits of one test do not spill into another. */
const newIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

function login(body: Record<string, unknown>, ip: string, lang = 'el') {
  return sut.app.inject({
    method: 'POST',
    url: '/api/staff/login',
    headers: sut.headers({ 'accept-language': lang }),
    remoteAddress: ip,
    payload: body,
  });
}

function cookieFrom(res: { cookies: { name: string; value: string }[] }) {
  const c = res.cookies.find((x) => x.name === 'dimos_session');
  return c ? `dimos_session=${c.value}` : '';
}

/** A code for a given 30 s step offset: each use of a TOTP secret needs a fresh step (replay protection). */
const totp = (secret: string, stepOffset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepOffset * 30 });

describe('staff login', () => {
  it('signs in with e-mail and password and sets an http-only session cookie', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee', unit.id);
    const res = await login({ email: user.email?.toUpperCase(), password: TEST_PASSWORD }, newIp());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: user.id, kind: 'staff', secondFactor: false, mustEnrollTotp: false });
    const cookie = res.cookies.find((c) => c.name === 'dimos_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const [stored] = await sut.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored?.tokenHash).not.toBe(cookie?.value);

    const me = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers({ cookie: cookieFrom(res) }) });
    expect(me.json()).toMatchObject({
      kind: 'staff',
      userId: user.id,
      email: user.email,
      roles: [{ role: 'employee', unitId: unit.id, unitName: { el: unit.nameEl, en: unit.nameEn } }],
    });
    const audits = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audits.map((a) => a.action)).toContain('auth.login');
    expect(JSON.stringify(audits)).not.toContain(TEST_PASSWORD);
  });

  it('answers the same for a wrong password and an unknown e-mail, in Greek or English', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const ip = newIp();
    const wrong = await login({ email: user.email, password: 'λάθος-κωδικός' }, ip);
    const unknown = await login({ email: 'nobody@example.gr', password: 'λάθος-κωδικός' }, ip);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ code: 'auth.invalid_credentials', message: 'Λάθος e-mail ή κωδικός πρόσβασης.' });
    const en = await login({ email: 'nobody@example.gr', password: 'x' }, ip, 'en');
    expect(en.json().message).toBe('Wrong e-mail or password.');
    expect(wrong.cookies.find((c) => c.name === 'dimos_session')).toBeUndefined();
  });

  it('rejects a bad body naming the field', async () => {
    const res = await login({ password: 'x' }, newIp());
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'email', code: 'validation.required' });
  });

  it('locks the account after 5 wrong passwords, even for the right one, and records it', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const ip = newIp();
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: user.email, password: `wrong-${i}` }, ip)).statusCode).toBe(401);
    }
    const locked = await login({ email: user.email, password: TEST_PASSWORD }, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.locked');
    const [row] = await sut.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.lockedUntil).toBeTruthy();
    const audits = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audits.map((a) => a.action)).toContain('auth.locked');

    // once the lock has passed, the right password works again and the counter restarts
    await sut.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
  });

  it('does not lock after fewer than 5 failures followed by a success', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const ip = newIp();
    for (let i = 0; i < 4; i++) await login({ email: user.email, password: 'wrong' }, ip);
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login({ email: user.email, password: 'wrong' }, ip);
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
  });

  it('rate-limits login attempts per client address', async () => {
    const ip = newIp();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await login({ email: `x${i}@example.gr`, password: 'x' }, ip)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    const limited = await login({ email: 'y@example.gr', password: 'x' }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('http.rate_limited');
    // another address is not affected
    expect((await login({ email: 'y@example.gr', password: 'x' }, newIp())).statusCode).toBe(401);
  });

  it('partners sign in through the same endpoint (and its /api/partner/login alias)', async () => {
    const { makePartnerOrg } = await import('../../../test/factories.js');
    const org = await makePartnerOrg(sut.db, sut.tenant.id);
    const user = await makeUser(sut.db, sut.tenant.id, { kind: 'partner', partnerOrgId: org.id, partnerRole: 'manager' });
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/partner/login',
      headers: sut.headers(),
      remoteAddress: newIp(),
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const me = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers({ cookie: cookieFrom(res) }) });
    expect(me.json()).toMatchObject({ kind: 'partner', partnerOrg: { id: org.id, name: org.name, role: 'manager' } });
  });

  it('logout ends the session', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const cookie = await sessionCookie(sut.db, user);
    const out = await sut.app.inject({ method: 'POST', url: '/api/auth/logout', headers: sut.headers({ cookie }) });
    expect(out.statusCode).toBe(204);
    const me = await sut.app.inject({ method: 'GET', url: '/api/me/sessions', headers: sut.headers({ cookie }) });
    expect(me.statusCode).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('withholds admin powers until an administrator enrols, then the same session has them', async () => {
    const admin = await makeStaff(sut.db, sut.tenant.id, 'admin');
    const res = await login({ email: admin.email, password: TEST_PASSWORD }, newIp());
    expect(res.json()).toMatchObject({ secondFactor: false, mustEnrollTotp: true });
    const cookie = cookieFrom(res);
    const headers = sut.headers({ cookie });

    expect((await sut.app.inject({ method: 'GET', url: '/api/audit', headers })).statusCode).toBe(403);
    const me = (await sut.app.inject({ method: 'GET', url: '/api/me', headers })).json();
    expect(me).toMatchObject({ mustEnrollTotp: true, roles: [] });

    const setup = await sut.app.inject({ method: 'POST', url: '/api/me/totp/setup', headers });
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);

    const bad = await sut.app.inject({ method: 'POST', url: '/api/me/totp/enable', headers, payload: { code: '000000' } });
    expect(bad.json().code).toBe('auth.totp_invalid');
    const ok = await sut.app.inject({ method: 'POST', url: '/api/me/totp/enable', headers, payload: { code: await totp(secret) } });
    expect(ok.statusCode).toBe(204);

    expect((await sut.app.inject({ method: 'GET', url: '/api/audit', headers })).statusCode).toBe(200);
    expect((await sut.app.inject({ method: 'GET', url: '/api/me', headers })).json()).toMatchObject({
      mustEnrollTotp: false,
      secondFactor: true,
      totpEnabled: true,
      roles: [{ role: 'admin', unitId: null }],
    });

    // administrators cannot turn it off
    const off = await sut.app.inject({ method: 'POST', url: '/api/me/totp/disable', headers, payload: { code: await totp(secret, 1) } });
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('auth.totp_mandatory');
  });

  it('keeps other roles of an administrator without second factor', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const user = await makeStaff(sut.db, sut.tenant.id, 'admin');
    const { roleAssignments } = await import('./identity.schema.js');
    await sut.db.insert(roleAssignments).values({ tenantId: sut.tenant.id, userId: user.id, role: 'head', unitId: unit.id });
    const cookie = await sessionCookie(sut.db, user, false);
    const me = (await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers({ cookie }) })).json();
    expect(me.roles).toEqual([{ role: 'head', unitId: unit.id, unitName: { el: unit.nameEl, en: unit.nameEn } }]);
    expect(me.mustEnrollTotp).toBe(true);
  });

  it('requires the code at login once enabled, refuses a wrong or replayed one, and marks the session', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const cookie = await sessionCookie(sut.db, user);
    const headers = sut.headers({ cookie });
    const { secret } = (await sut.app.inject({ method: 'POST', url: '/api/me/totp/setup', headers })).json();
    await sut.app.inject({ method: 'POST', url: '/api/me/totp/enable', headers, payload: { code: await totp(secret, -1) } });

    const ip = newIp();
    const missing = await login({ email: user.email, password: TEST_PASSWORD }, ip);
    expect(missing.json().code).toBe('auth.totp_required');
    expect(missing.cookies.find((c) => c.name === 'dimos_session')).toBeUndefined();
    const wrong = await login(
      { email: user.email, password: TEST_PASSWORD, totp: '123456' === (await totp(secret)) ? '654321' : '123456' },
      ip,
    );
    expect(wrong.json().code).toBe('auth.totp_invalid');

    const code = await totp(secret);
    const ok = await login({ email: user.email, password: TEST_PASSWORD, totp: code }, ip);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().secondFactor).toBe(true);
    const replay = await login({ email: user.email, password: TEST_PASSWORD, totp: code }, ip);
    expect(replay.json().code).toBe('auth.totp_invalid');

    // a non-admin may turn it off with a fresh code
    const off = await sut.app.inject({ method: 'POST', url: '/api/me/totp/disable', headers, payload: { code: await totp(secret, 1) } });
    expect(off.statusCode).toBe(204);
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('lists my sessions, marks the current one, and revokes another so its cookie stops working', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const first = cookieFrom(await login({ email: user.email, password: TEST_PASSWORD }, newIp()));
    const second = cookieFrom(await login({ email: user.email, password: TEST_PASSWORD }, newIp()));
    const other = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const othersCookie = await sessionCookie(sut.db, other);

    const list = await sut.app.inject({
      method: 'GET',
      url: '/api/me/sessions',
      headers: sut.headers({ cookie: first, 'user-agent': 'ua' }),
    });
    expect(list.statusCode).toBe(200);
    const rows = list.json() as { id: string; current: boolean; ip: string }[];
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    const secondRow = rows.find((r) => !r.current);
    if (!secondRow) throw new Error('no second session');

    // someone else's session cannot be revoked through my account
    const [othersSession] = await sut.db.select().from(sessions).where(eq(sessions.userId, other.id));
    const foreign = await sut.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${othersSession?.id}`,
      headers: sut.headers({ cookie: first }),
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await sut.app.inject({ method: 'GET', url: '/api/me/sessions', headers: sut.headers({ cookie: othersCookie }) })).statusCode,
    ).toBe(200);

    const del = await sut.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${secondRow.id}`,
      headers: sut.headers({ cookie: first }),
    });
    expect(del.statusCode).toBe(204);
    expect((await sut.app.inject({ method: 'GET', url: '/api/me/sessions', headers: sut.headers({ cookie: second }) })).statusCode).toBe(
      401,
    );
    expect((await sut.app.inject({ method: 'GET', url: '/api/me/sessions', headers: sut.headers({ cookie: first }) })).json()).toHaveLength(
      1,
    );
  });
});
