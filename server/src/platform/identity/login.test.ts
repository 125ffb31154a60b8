import { and, desc, eq, gt, like, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice, makeStaff, makeUnit, makeUser, sessionCookie, TEST_PASSWORD } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { rateLimits } from '../http/rate-limit.schema.js';
import { outboundMessages } from '../messaging/messaging.schema.js';
import { sessions } from './identity.schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

let ipSeq = 0;
/** Each test its own client address, so the per-IP rate limits of one test do not spill into another. */
const newIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

function login(body: Record<string, unknown>, ip: string, lang = 'el', deviceToken?: string) {
  return sut.app.inject({
    method: 'POST',
    url: '/api/staff/login',
    headers: sut.headers({ 'accept-language': lang, ...(deviceToken ? { cookie: `dimos_device=${deviceToken}` } : {}) }),
    remoteAddress: ip,
    payload: body,
  });
}

/** Time passes for the sign-in throttle: every running delay ends now (the series of failures is kept). */
async function letDelaysPass() {
  await sut.db
    .update(rateLimits)
    .set({ resetAt: sql`now()` })
    .where(and(like(rateLimits.key, 'login|%'), gt(rateLimits.resetAt, sql`now()`)));
}

/** The enrolment code the server e-mailed (no SMTP here: it waits in the development outbox). */
async function enrolCodeFor(email: string) {
  const [m] = await sut.db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, sut.tenant.id), eq(outboundMessages.recipient, email)))
    .orderBy(desc(outboundMessages.createdAt))
    .limit(1);
  return m?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
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

  it('throttles an account with growing delays instead of a lock, answering alike whether the account exists or not', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const known = { email: user.email as string, ip: newIp() };
    const unknown = { email: `nobody-${ipSeq}@example.gr`, ip: newIp() };
    const answers: Record<string, { status: number; body: unknown }[]> = { known: [], unknown: [] };
    for (let i = 0; i < 9; i++) {
      for (const [name, who] of Object.entries({ known, unknown })) {
        const res = await login({ email: who.email, password: `wrong-${i}` }, who.ip);
        answers[name]?.push({ status: res.statusCode, body: res.json() });
      }
      if (i < 8) await letDelaysPass(); // a patient guesser: waits out every delay
    }
    expect(answers.known).toEqual(answers.unknown);
    expect(answers.known?.every((a) => a.status === 401)).toBe(true);
    // the 9th failure started a delay of 8 s (5 free, then 1, 2, 4, 8): meanwhile even the right password waits
    const early = await login({ email: known.email, password: TEST_PASSWORD }, known.ip);
    const earlyUnknown = await login({ email: unknown.email, password: TEST_PASSWORD }, unknown.ip);
    expect(early.statusCode).toBe(429);
    expect(early.json().code).toBe('auth.throttled');
    expect(earlyUnknown.statusCode).toBe(429);
    expect(earlyUnknown.json().code).toBe('auth.throttled');
    expect(early.json().message).toMatch(/Περιμένετε \d+ δευτερόλεπτα/);
    const audits = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audits.map((a) => a.action)).toContain('auth.throttled');
    // the account is not locked: once the delay has passed, the right password works
    await letDelaysPass();
    expect((await login({ email: known.email, password: TEST_PASSWORD }, known.ip)).statusCode).toBe(200);
  });

  it("an outsider's failures do not keep an administrator out of their own browser", async () => {
    const admin = await makeStaff(sut.db, sut.tenant.id, 'head');
    const browser = (await makeDevice(sut.db, sut.tenant.id)).token;
    const home = newIp();
    expect((await login({ email: admin.email, password: TEST_PASSWORD }, home, 'el', browser)).statusCode).toBe(200);
    // someone elsewhere guesses, from many addresses, as fast as the delays allow
    for (let i = 0; i < 12; i++) {
      await login({ email: admin.email, password: `guess-${i}` }, newIp());
      await letDelaysPass();
    }
    await login({ email: admin.email, password: 'one-more-guess' }, newIp());
    // the account is throttled for strangers (even with the right password) ...
    expect((await login({ email: admin.email, password: TEST_PASSWORD }, newIp())).json().code).toBe('auth.throttled');
    // ... but not for the browser that signed in to it before
    expect((await login({ email: admin.email, password: TEST_PASSWORD }, home, 'el', browser)).statusCode).toBe(200);
  });

  it('throttles an address that tries many accounts, and only that address', async () => {
    const ip = newIp();
    for (let i = 0; i < 11; i++) expect((await login({ email: `spray-${ipSeq}-${i}@example.gr`, password: 'x' }, ip)).statusCode).toBe(401);
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).json().code).toBe('auth.throttled');
    expect((await login({ email: user.email, password: TEST_PASSWORD }, newIp())).statusCode).toBe(200);
  });

  it('does not hold back after a few failures followed by a success', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const ip = newIp();
    for (let i = 0; i < 5; i++) await login({ email: user.email, password: 'wrong' }, ip);
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) await login({ email: user.email, password: 'wrong' }, ip);
    expect((await login({ email: user.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
  });

  it('rate-limits login attempts per client address', async () => {
    const ip = newIp();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await login({ email: `x${i}@example.gr`, password: 'x' }, ip)).statusCode);
    // 10 free failures and an 11th that starts the address's delay; then the delays answer, and past 20 a minute the route's limit
    expect(codes.slice(0, 11).every((c) => c === 401)).toBe(true);
    expect(codes.slice(11).every((c) => c === 401 || c === 429)).toBe(true);
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
    const { secret, uri, qr, emailedTo } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(qr).toMatch(/^data:image\/png;base64,/);
    expect(emailedTo).toBe(`${admin.email?.slice(0, 1)}•••@${admin.email?.split('@')[1]}`);
    const emailCode = await enrolCodeFor(admin.email as string);

    // the password alone (a session and a code from the attacker's own app) does not enrol
    const enable = (payload: Record<string, unknown>) => sut.app.inject({ method: 'POST', url: '/api/me/totp/enable', headers, payload });
    const noMail = await enable({ code: await totp(secret) });
    expect(noMail.statusCode).toBe(400);
    expect(noMail.json().fields[0]).toMatchObject({ field: 'emailCode', code: 'validation.required' });
    const wrongMail = await enable({ code: await totp(secret), emailCode: emailCode === '111111' ? '222222' : '111111' });
    expect(wrongMail.json()).toMatchObject({ code: 'auth.totp_email_code_invalid', fields: [{ field: 'emailCode' }] });
    const bad = await enable({ code: '000000', emailCode });
    expect(bad.json().code).toBe('auth.totp_invalid');
    const ok = await enable({ code: await totp(secret), emailCode });
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
    const emailCode = await enrolCodeFor(user.email as string);
    const enabled = await sut.app.inject({
      method: 'POST',
      url: '/api/me/totp/enable',
      headers,
      payload: { code: await totp(secret, -1), emailCode },
    });
    expect(enabled.statusCode).toBe(204);

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
