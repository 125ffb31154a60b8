import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeTenant, sessionCookie } from '../../../test/factories.js';
import { startSmtpServer } from '../../../test/imitations/smtp.js';

/**
 * Every e-mailed link points at the configured public address, whatever Host or X-Forwarded-Host
 * the request carried (issue 16 item 1: a forged Host made reset links point at the attacker).
 */
let sut: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  // behind a proxy: X-Forwarded-* is trusted for the client address, but never for links
  sut = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://dimos.example.gr', TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await sut.close();
  await smtp.close();
});

const FORGED: Record<string, string>[] = [
  { host: 'attacker.example' },
  { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' },
  { host: 'attacker.example:8443', 'x-forwarded-host': 'attacker.example' },
];

describe('links are built from configuration, never from request headers', () => {
  it.each(FORGED)('password reset with forged %o links to PUBLIC_URL', async (forged) => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee', null, { locale: 'en' });
    const before = smtp.received.length;
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      headers: sut.headers(forged),
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(202);
    const mail = (await smtp.waitFor(before + 1)).text;
    expect(mail).toMatch(/https:\/\/dimos\.example\.gr\/staff\/reset\?token=/);
    expect(mail).not.toContain('attacker');
  });

  it.each(FORGED)('a staff invitation with forged %o links to PUBLIC_URL', async (forged) => {
    const admin = await makeStaff(sut.db, sut.tenant.id, 'admin');
    const cookie = await sessionCookie(sut.db, admin);
    const to = `invitee-${Date.now()}-${Math.random().toString(36).slice(2)}@example.gr`;
    const before = smtp.received.length;
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/invitations',
      headers: sut.headers({ cookie, ...forged }),
      payload: { email: to, roles: [{ role: 'employee', unitId: null }] },
    });
    expect(res.statusCode).toBe(201);
    const mail = (await smtp.waitFor(before + 1)).text;
    expect(mail).toMatch(/https:\/\/dimos\.example\.gr\/invitation\?token=/);
    expect(mail).not.toContain('attacker');
  });

  it('a tenant with its own host name gets links on that host, over the configured scheme', async () => {
    const tenant = await makeTenant(sut.db, { hosts: ['dimos-allou.example.gr'] });
    const user = await makeStaff(sut.db, tenant.id, 'employee');
    const before = smtp.received.length;
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      headers: { 'x-tenant': tenant.slug, 'x-forwarded-host': 'attacker.example' },
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(202);
    const mail = (await smtp.waitFor(before + 1)).text;
    expect(mail).toMatch(/https:\/\/dimos-allou\.example\.gr\/staff\/reset\?token=/);
    expect(mail).not.toContain('attacker');
  });
});
