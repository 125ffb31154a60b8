import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeTenant } from '../../../test/factories.js';
import { tenants } from '../tenancy/tenancy.schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp({ MAP_TILE_URL: 'https://tiles.example.gr/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Example' });
});
afterAll(() => sut.close());

describe('GET /api/config/map', () => {
  it('serves the configured tiles to anyone, and a tenant its own', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/config/map', headers: sut.headers() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tileUrl: 'https://tiles.example.gr/{z}/{x}/{y}.png', tileAttribution: '© Example', maxZoom: 19 });

    const other = await makeTenant(sut.db);
    await sut.db
      .update(tenants)
      .set({ settings: { map: { tileUrl: 'https://own.example.gr/{z}/{x}/{y}.png', tileAttribution: 'Δήμος', zoom: 15 } } })
      .where(eq(tenants.id, other.id));
    sut.platform.tenants.invalidate();
    const own = await sut.app.inject({ method: 'GET', url: '/api/config/map', headers: { 'x-tenant': other.slug } });
    expect(own.json()).toMatchObject({ tileUrl: 'https://own.example.gr/{z}/{x}/{y}.png', tileAttribution: 'Δήμος', zoom: 15 });
    // the first tenant is unchanged
    expect((await sut.app.inject({ method: 'GET', url: '/api/config/map', headers: sut.headers() })).json().tileUrl).toContain(
      'tiles.example.gr',
    );
  });
});
