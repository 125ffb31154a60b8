import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice, makeStaffSession, makeTenant } from '../../../test/factories.js';
import { oneTimeTokens } from '../identity/identity.schema.js';

/**
 * Issue 16 items 3 and 4, at the platform: security headers on every answer (refusals included),
 * and writes authorised by our cookies only from the tenant's own origins.
 */
let sut: TestApp;
const SITE = 'https://dimos.example.gr';
beforeAll(async () => {
  sut = await createTestApp({ PUBLIC_URL: SITE });
});
afterAll(() => sut.close());

const get = (url: string, headers: Record<string, string> = {}) => sut.app.inject({ method: 'GET', url, headers: sut.headers(headers) });

describe('security headers', () => {
  it.each([
    ['an answer', '/api/health', 200],
    ['a refusal', '/api/me/sessions', 401],
    ['an unknown path', '/api/no-such-thing', 404],
  ])('are on %s', async (_what, url, status) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/); // no inline or eval'd script
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org");
    expect(csp).not.toContain('upgrade-insecure-requests'); // only in production
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['permissions-policy']).toContain('geolocation=(self)');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    // the rest of helmet's set, made once at start and copied onto every answer
    expect(res.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
      'origin-agent-cluster': '?1',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
    // HSTS only in production (tested in security-production.test.ts)
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('let our own pages frame stored files, and nobody else', async () => {
    const res = await get(`/api/files/${crypto.randomUUID()}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'self'");
  });

  it("give the API documentation swagger-ui's own policy (its page has no inline script), still not frameable", async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(res.body).toContain('swagger-initializer.js');
    expect(csp).toMatch(/script-src 'self'\s*;/);
    expect(csp).not.toContain('unsafe-');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('cross-site writes', () => {
  async function inviteAs(cookie: string, headers: Record<string, string>) {
    const email = `x-${randomBytes(4).toString('hex')}@example.gr`;
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/invitations',
      headers: sut.headers({ cookie, ...headers }),
      payload: { email, roles: [{ role: 'employee', unitId: null }] },
    });
    const written = await sut.db
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.tenantId, sut.tenant.id), eq(oneTimeTokens.address, email)));
    return { res, written: written.length };
  }

  it.each([
    ['the same site on another port', { origin: 'https://dimos.example.gr:8443' }],
    ['the same host over http', { origin: 'http://dimos.example.gr' }],
    ['a sibling subdomain', { origin: 'https://news.dimos.example.gr' }],
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin (sandboxed frame)', { origin: 'null' }],
    ['another site, by Referer only', { referer: 'https://evil.example/page.html' }],
    ['the request host itself when it is not configured', { origin: 'http://localhost:80' }],
  ])('are refused from %s with 403 {code, message}, nothing written', async (_what, headers) => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'admin');
    const { res, written } = await inviteAs(cookie, headers as Record<string, string>);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'http.cross_site', message: expect.stringContaining('άλλον ιστότοπο') });
    expect(written).toBe(0);
  });

  it('are accepted from the configured origin, by Origin or by Referer, and from non-browser clients that send neither', async () => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'admin');
    const variants: Record<string, string>[] = [{ origin: SITE }, { referer: `${SITE}/staff/users` }, {}];
    for (const headers of variants) {
      const { res, written } = await inviteAs(cookie, headers);
      expect(res.statusCode).toBe(201);
      expect(written).toBe(1);
    }
  });

  it("are accepted from every host of the tenant, and refused from another tenant's host", async () => {
    const other = await makeTenant(sut.db, { hosts: ['allos-dimos.example.gr'] });
    const tenant = await makeTenant(sut.db, { hosts: ['dimos-b.example.gr', 'www.dimos-b.example.gr'] });
    const { cookie } = await makeStaffSession(sut.db, tenant.id, 'admin');
    const post = (origin: string) =>
      sut.app.inject({
        method: 'POST',
        url: '/api/staff/invitations',
        headers: { 'x-tenant': tenant.slug, cookie, origin },
        payload: { email: `y-${randomBytes(4).toString('hex')}@example.gr`, roles: [{ role: 'employee', unitId: null }] },
      });
    expect((await post('https://dimos-b.example.gr')).statusCode).toBe(201);
    expect((await post('https://www.dimos-b.example.gr')).statusCode).toBe(201);
    expect((await post(`https://${other.hosts[0]}`)).statusCode).toBe(403);
  });

  it('a refused sign-out leaves the session working', async () => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const out = await sut.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: sut.headers({ cookie, origin: 'http://dimos.example.gr:8080' }),
    });
    expect(out.statusCode).toBe(403);
    expect((await get('/api/me/sessions', { cookie })).statusCode).toBe(200);
  });

  it('do not concern callers that authenticate by header (devices, Open311 clients): a page cannot set those headers cross-site', async () => {
    const device = await makeDevice(sut.db, sut.tenant.id);
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/citizen/verify/start',
      headers: sut.headers({ 'x-device-token': device.token, origin: 'https://app.example' }),
      payload: { channel: 'email', address: 'polites@example.gr' },
    });
    expect(res.statusCode).not.toBe(403);
    expect(res.statusCode).toBeLessThan(300);
  });
});

describe('form-encodable bodies', () => {
  it.each([
    ['text/plain', '{"email":"a@example.gr","roles":[]}'],
    ['application/x-www-form-urlencoded', 'email=a%40example.gr'],
    [`multipart/form-data; boundary=xyz`, '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.gr\r\n--xyz--\r\n'],
  ])('%s is refused with 415 where the route takes JSON', async (type, payload) => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'admin');
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/invitations',
      headers: sut.headers({ cookie, origin: SITE, 'content-type': type }),
      payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'http.unsupported_media_type', message: expect.any(String) });
  });

  it('multipart still reaches the upload route, from our own origin', async () => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const boundary = `----dimos${randomBytes(6).toString('hex')}`;
    const pdf =
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
    const headers = (origin: string) => sut.headers({ cookie, origin, 'content-type': `multipart/form-data; boundary=${boundary}` });
    const ok = await sut.app.inject({ method: 'POST', url: '/api/files', headers: headers(SITE), payload });
    expect(ok.statusCode).toBe(201);
    const forged = await sut.app.inject({ method: 'POST', url: '/api/files', headers: headers('https://evil.example'), payload });
    expect(forged.statusCode).toBe(403);
  });
});
