import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownPermission } from '../../src/platform/access/access.js';
import { createTestApp, type TestApp } from '../app.js';

const LEVELS = new Set(['public', 'device', 'signed-in', 'citizen', 'citizen:taxisnet', 'partner', 'staff']);

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

describe('every route declares who may call it', () => {
  it('has a known access level or a defined permission on each route', () => {
    expect(sut.app.routes.length).toBeGreaterThan(5);
    const bad = sut.app.routes.filter((r) => {
      if (!r.access) return true;
      if (LEVELS.has(r.access)) return false;
      return !(r.access.startsWith('perm:') && knownPermission(r.access.slice(5)));
    });
    expect(bad.map((r) => `${r.method} ${r.url} → ${r.access}`)).toEqual([]);
  });

  it('lets only health, readiness, docs and the web app work without a tenant', () => {
    const tenantless = sut.app.routes.filter((r) => !r.tenant).map((r) => r.url);
    for (const url of tenantless) {
      // OAuth callbacks find their tenant from the stored state, not the request
      expect(url).toMatch(/^\/api\/(health|ready|openapi\.json|docs)|^\/api\/auth\/\w+\/callback$|^\/\*$|^\/open311\//);
    }
  });

  it('refuses staff-only routes to an anonymous caller', async () => {
    const staffRoutes = sut.app.routes.filter(
      (r) => r.method === 'GET' && !r.url.includes(':') && (r.access === 'staff' || r.access?.startsWith('perm:')),
    );
    for (const r of staffRoutes) {
      const res = await sut.app.inject({ method: 'GET', url: r.url, headers: sut.headers() });
      expect(res.statusCode, `${r.url}`).toBe(401);
    }
  });
});
