import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { validateBoundary } from './boundary.js';
import { tenants } from './tenancy.schema.js';
import { createTenant } from './tenant.service.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

const square = (x = 23.7, y = 38) => [
  [x, y],
  [x + 0.1, y],
  [x + 0.1, y + 0.1],
  [x, y + 0.1],
  [x, y],
];

async function auditCount(tenantId: string) {
  const [row] = await sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, tenantId));
  return Number(row?.n);
}

async function freshTenant() {
  const t = await createTenant(sut.db, { slug: `t-${Math.random().toString(36).slice(2, 10)}`, nameEl: 'Δήμος Δοκιμής', nameEn: 'Test' });
  const admin = await makeStaffSession(sut.db, t.id, 'admin');
  return { tenant: t, admin, headers: (extra: Record<string, string> = {}) => ({ 'x-tenant': t.slug, cookie: admin.cookie, ...extra }) };
}

describe('GET /api/tenant', () => {
  it('is public and shows names, contacts, branding and boundary but not settings', async () => {
    const t = await createTenant(sut.db, {
      slug: 'public-view',
      nameEl: 'Δήμος Α',
      nameEn: 'Municipality A',
      contacts: { email: 'info@a.gr' },
      branding: { primaryColor: '#112233' },
      boundary: { type: 'Polygon', coordinates: [square()] },
      settings: { secretish: 1 },
    });
    const res = await sut.app.inject({ method: 'GET', url: '/api/tenant', headers: { 'x-tenant': t.slug } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ slug: 'public-view', nameEl: 'Δήμος Α', nameEn: 'Municipality A', contacts: { email: 'info@a.gr' } });
    expect(body.branding.primaryColor).toBe('#112233');
    expect(body.boundary.type).toBe('Polygon');
    expect(body.settings).toBeUndefined();
  });

  it('shows settings to an administrator', async () => {
    const f = await freshTenant();
    const res = await sut.app.inject({ method: 'GET', url: '/api/tenant', headers: f.headers() });
    expect(res.json().settings).toEqual({});
  });
});

describe('PATCH /api/tenant', () => {
  it('changes names, merges contacts and branding, sets the boundary, audits, and is seen at once', async () => {
    const f = await freshTenant();
    // warm the resolver cache so the test proves invalidation
    await sut.app.inject({ method: 'GET', url: '/api/tenant', headers: { 'x-tenant': f.tenant.slug } });
    const res = await sut.app.inject({
      method: 'PATCH',
      url: '/api/tenant',
      headers: f.headers({ 'user-agent': 'vitest' }),
      remoteAddress: '10.1.2.3',
      payload: {
        nameEl: 'Δήμος Νέος',
        contacts: { phone: '2100000000' },
        branding: { primaryColor: '#0B5394', emailFooterEl: 'Με εκτίμηση', emailFooterEn: 'Regards' },
        boundary: { type: 'MultiPolygon', coordinates: [[square()], [square(24, 38)]] },
        settings: { kioskIdleSeconds: 90 },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      nameEl: 'Δήμος Νέος',
      nameEn: 'Test',
      contacts: { phone: '2100000000' },
      branding: { primaryColor: '#0B5394', emailFooterEl: 'Με εκτίμηση' },
      settings: { kioskIdleSeconds: 90 },
    });
    const pub = await sut.app.inject({ method: 'GET', url: '/api/tenant', headers: { 'x-tenant': f.tenant.slug } });
    expect(pub.json().nameEl).toBe('Δήμος Νέος');
    expect(pub.json().boundary.type).toBe('MultiPolygon');

    const removed = await sut.app.inject({
      method: 'PATCH',
      url: '/api/tenant',
      headers: f.headers(),
      payload: { branding: { emailFooterEn: null } },
    });
    expect(removed.json().branding).toEqual({ primaryColor: '#0B5394', emailFooterEl: 'Με εκτίμηση' });

    const rows = await sut.db.select().from(auditLog).where(eq(auditLog.tenantId, f.tenant.id));
    const first = rows.find((r) => r.action === 'tenant.updated' && (r.data.changed as string[]).includes('boundary'));
    expect(first).toMatchObject({
      actorUserId: f.admin.user.id,
      actorKind: 'staff',
      ip: '10.1.2.3',
      userAgent: 'vitest',
      entityId: f.tenant.id,
    });
    expect(JSON.stringify(first?.data)).not.toContain('coordinates');
  });

  it('is forbidden for an employee and for anonymous callers', async () => {
    const f = await freshTenant();
    const emp = await makeStaffSession(sut.db, f.tenant.id, 'employee');
    const res = await sut.app.inject({
      method: 'PATCH',
      url: '/api/tenant',
      headers: { 'x-tenant': f.tenant.slug, cookie: emp.cookie },
      payload: { nameEl: 'Όχι' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    const anon = await sut.app.inject({
      method: 'PATCH',
      url: '/api/tenant',
      headers: { 'x-tenant': f.tenant.slug },
      payload: { nameEl: 'Όχι' },
    });
    expect(anon.statusCode).toBe(401);
    const [row] = await sut.db.select().from(tenants).where(eq(tenants.id, f.tenant.id));
    expect(row?.nameEl).toBe('Δήμος Δοκιμής');
  });

  it.each([
    ['a colour that is not hex', { branding: { primaryColor: 'blue' } }, 'branding.primaryColor'],
    ['an empty name', { nameEl: '' }, 'nameEl'],
    ['an unknown field', { hosts: ['evil.example'] }, 'hosts'],
    ['an open ring', { boundary: { type: 'Polygon', coordinates: [square().slice(0, 4)] } }, 'boundary.coordinates.0'],
    [
      'a latitude out of range',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [23, 38],
              [23.1, 95],
              [23.2, 38],
              [23, 38],
            ],
          ],
        },
      },
      'boundary.coordinates.0.1',
    ],
    [
      'a ring of three positions',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [23, 38],
              [23.1, 38.1],
              [23, 38],
            ],
          ],
        },
      },
      'boundary.coordinates.0',
    ],
    [
      'a bow-tie ring',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [1, 0],
              [0, 1],
              [0, 0],
            ],
          ],
        },
      },
      'boundary.coordinates.0.0',
    ],
    ['a Point', { boundary: { type: 'Point', coordinates: [23, 38] } }, 'boundary.type'],
  ])('refuses %s, naming the field, and changes nothing', async (_name, payload, field) => {
    const f = await freshTenant();
    const before = await auditCount(f.tenant.id);
    const res = await sut.app.inject({ method: 'PATCH', url: '/api/tenant', headers: f.headers({ 'accept-language': 'en' }), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation.failed');
    expect(res.json().fields.map((x: { field: string }) => x.field)).toContain(field);
    expect(res.json().fields[0].message).toMatch(/\w/);
    expect(await auditCount(f.tenant.id)).toBe(before);
    const [row] = await sut.db.select().from(tenants).where(eq(tenants.id, f.tenant.id));
    expect(row).toMatchObject({ nameEl: 'Δήμος Δοκιμής', boundary: null, branding: {} });
  });
});

describe('boundary validation', () => {
  it('accepts a polygon with a hole and altitude', () => {
    const hole = [
      [23.72, 38.02],
      [23.73, 38.02],
      [23.73, 38.03],
      [23.72, 38.02],
    ];
    const res = validateBoundary({ type: 'Polygon', coordinates: [square().map((p) => [...p, 100]), hole] });
    expect(res.errors).toEqual([]);
  });

  it('refuses a spike that doubles back along an edge', () => {
    const res = validateBoundary({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(res.errors[0]?.code).toBe('boundary.self_intersecting');
  });

  it('refuses a ring that folds onto a line, and one too small to hold anything', () => {
    const flat = validateBoundary({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ],
      ],
    });
    expect(flat.errors[0]?.code).toBe('boundary.self_intersecting');
    const res = validateBoundary({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1e-7, 0],
          [0, 1e-7],
          [0, 0],
        ],
      ],
    });
    expect(res.errors[0]?.code).toBe('boundary.no_area');
  });
});

describe('createTenant', () => {
  it('creates a tenant and refuses a taken slug or host', async () => {
    const t = await createTenant(sut.db, { slug: 'made-by-cli', nameEl: 'Δήμος', nameEn: 'M', hosts: ['Dimos.Example.gr'] });
    expect(t.hosts).toEqual(['dimos.example.gr']);
    await expect(createTenant(sut.db, { slug: 'made-by-cli', nameEl: 'Δ', nameEn: 'M' })).rejects.toMatchObject({
      code: 'tenant.slug_taken',
    });
    await expect(createTenant(sut.db, { slug: 'other', nameEl: 'Δ', nameEn: 'M', hosts: ['dimos.example.gr'] })).rejects.toMatchObject({
      code: 'tenant.host_taken',
    });
    await expect(createTenant(sut.db, { slug: 'Bad Slug', nameEl: 'Δ', nameEn: 'M' })).rejects.toMatchObject({
      code: 'validation.failed',
      fields: [{ field: 'slug' }],
    });
  });
});
