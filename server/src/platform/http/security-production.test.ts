import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { cspHeader } from './security-headers.js';

/** What production adds: HSTS and upgrade-insecure-requests. */
let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp({ NODE_ENV: 'production', PUBLIC_URL: 'https://dimos.example.gr' });
});
afterAll(() => sut.close());

describe('security headers in production', () => {
  it('add HSTS and upgrade insecure requests', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it("name the tenant's own tile server when it configured one, with {s} subdomains as a wildcard", () => {
    const csp = cspHeader({ NODE_ENV: 'production' }, { settings: { map: { tileUrl: 'https://{s}.tiles.example.gr/{z}/{x}/{y}.png' } } });
    expect(csp).toContain("img-src 'self' data: blob: https://*.tiles.example.gr;");
    expect(cspHeader({ NODE_ENV: 'production', MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' })).toContain("img-src 'self' data: blob:;");
  });
});
