import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, sessionCookie, TEST_PASSWORD } from '../../../test/factories.js';
import { startSmtpServer } from '../../../test/imitations/smtp.js';
import { oneTimeTokens } from './identity.schema.js';

let sut: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  sut = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://dimos.example.gr' });
});
afterAll(async () => {
  await sut.close();
  await smtp.close();
});

const post = (url: string, payload: unknown, extra: Record<string, string> = {}) =>
  sut.app.inject({ method: 'POST', url, headers: sut.headers(extra), payload: payload as Record<string, unknown> });

describe('password reset by e-mail', () => {
  it('sends a link over SMTP in the user language; the token works once, sets the password and ends every session', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee', null, { locale: 'en' });
    const oldSession = await sessionCookie(sut.db, user);
    const before = smtp.received.length;

    const res = await post('/api/auth/password/forgot', { email: user.email });
    expect(res.statusCode).toBe(202);
    const mail = await smtp.waitFor(before + 1);
    expect(mail.to).toEqual([user.email]);
    expect(mail.subject).toBe('Password reset');
    const link = mail.text.match(/https:\/\/dimos\.example\.gr\/staff\/reset\?token=([A-Za-z0-9_%-]+)/);
    expect(link).toBeTruthy();
    const token = decodeURIComponent(link?.[1] ?? '');
    // only the hash is stored
    const stored = await sut.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id));
    expect(JSON.stringify(stored)).not.toContain(token);

    const short = await post('/api/auth/password/reset', { token, password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0]).toMatchObject({ field: 'password', code: 'validation.too_short' });

    const ok = await post('/api/auth/password/reset', { token, password: 'Νέος-κωδικός-πρόσβασης' });
    expect(ok.statusCode).toBe(204);
    const again = await post('/api/auth/password/reset', { token, password: 'Άλλος-κωδικός-πρόσβασης' });
    expect(again.json().code).toBe('auth.reset_token_invalid');

    expect(
      (await sut.app.inject({ method: 'GET', url: '/api/me/sessions', headers: sut.headers({ cookie: oldSession }) })).statusCode,
    ).toBe(401);
    expect((await post('/api/staff/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await post('/api/staff/login', { email: user.email, password: 'Νέος-κωδικός-πρόσβασης' })).statusCode).toBe(200);
  });

  it('writes in Greek by default', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const before = smtp.received.length;
    await post('/api/auth/password/forgot', { email: user.email });
    const mail = await smtp.waitFor(before + 1);
    expect(mail.subject).toBe('Επαναφορά κωδικού πρόσβασης');
    expect(mail.text).toContain('Ζητήσατε επαναφορά');
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await post('/api/auth/password/forgot', { email: 'nobody@example.gr' });
    expect(res.statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(before);
  });

  it('refuses an expired link', async () => {
    const user = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const before = smtp.received.length;
    await post('/api/auth/password/forgot', { email: user.email });
    const mail = await smtp.waitFor(before + 1);
    const token = decodeURIComponent(mail.text.match(/token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
    await sut.db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oneTimeTokens.userId, user.id));
    const res = await post('/api/auth/password/reset', { token, password: 'Νέος-κωδικός-πρόσβασης' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('auth.reset_token_invalid');
  });
});
