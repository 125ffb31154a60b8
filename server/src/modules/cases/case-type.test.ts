import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUnit } from '../../../test/factories.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';
import { cases, caseTypes, caseTypeVersions } from './schema.js';
import { seedCasesDemo } from './seed.js';
import { ensureDefaultWorkflows } from './workflow.service.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
  await ensureDefaultWorkflows(sut.db, sut.tenant.id);
});
afterAll(() => sut.close());

const body = (unitId: string, over: Record<string, unknown> = {}) => ({
  key: 'bulky-waste',
  group: 'cleaning',
  icon: 'truck',
  snapshot: {
    nameEl: 'Αποκομιδή ογκωδών',
    nameEn: 'Bulky waste pickup',
    form: { fields: [{ id: 'items', kind: 'text', label: { el: 'Αντικείμενα', en: 'Items' }, required: true }] },
    requiredDocuments: [],
    defaultUnitId: unitId,
    workflowKey: 'problems',
    slaDays: 5,
    fee: null,
    anonymousAllowed: true,
    ...over,
  },
});

describe('case types', () => {
  it('are managed by administrators only', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { headers } = await staffHeaders(sut, 'employee', unit.id);
    const res = await sut.app.inject({ method: 'POST', url: '/api/admin/case-types', headers, payload: body(unit.id) });
    expect(res.statusCode).toBe(403);
    const anon = await sut.app.inject({ method: 'GET', url: '/api/admin/case-types', headers: sut.headers() });
    expect(anon.statusCode).toBe(401);
  });

  it('are versioned: an edit makes a new version and a filed case keeps the one it was filed under', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { headers } = await staffHeaders(sut, 'admin');
    const created = await sut.app.inject({ method: 'POST', url: '/api/admin/case-types', headers, payload: body(unit.id) });
    expect(created.statusCode, created.body).toBe(201);
    const t = created.json();
    expect(t.version).toBe(1);
    expect(t.snapshot.fee).toBeNull();
    const filed = await submit(sut, { caseType: 'bulky-waste', data: { items: 'Καναπές' } });
    expect(filed.statusCode, filed.body).toBe(201);

    // the new version charges a fee (paid by e-παράβολο); the case filed before keeps version 1, free
    const { key: _k, ...update } = body(unit.id, {
      nameEl: 'Αποκομιδή ογκωδών αντικειμένων',
      slaDays: 7,
      fee: { cents: 1500, eParavoloCode: '2096' },
    });
    const edited = await sut.app.inject({
      method: 'PUT',
      url: `/api/admin/case-types/${t.id}`,
      headers,
      payload: { ...update, active: true },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    expect(edited.json().snapshot.fee).toEqual({ cents: 1500, eParavoloCode: '2096' });
    const versions = await sut.app.inject({ method: 'GET', url: `/api/admin/case-types/${t.id}/versions`, headers });
    expect(versions.json().map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const [c] = await sut.db.select().from(cases).where(eq(cases.id, filed.json().id));
    const [v] = await sut.db
      .select()
      .from(caseTypeVersions)
      .where(eq(caseTypeVersions.id, c?.caseTypeVersionId as string));
    expect(v?.version).toBe(1);
    expect(v?.snapshot.nameEl).toBe('Αποκομιδή ογκωδών');
    expect(v?.snapshot.fee).toBeNull();
    const pub = await sut.app.inject({ method: 'GET', url: '/api/case-types/bulky-waste', headers: sut.headers() });
    expect(pub.json().snapshot.nameEl).toBe('Αποκομιδή ογκωδών αντικειμένων');
  });

  it('refuse unknown workflows and units and a duplicate key, naming the field, and write nothing', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { headers } = await staffHeaders(sut, 'admin');
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/admin/case-types',
      headers: { ...headers, 'accept-language': 'en' },
      payload: { ...body(unit.id, { workflowKey: 'nope', defaultUnitId: '00000000-0000-4000-8000-000000000000' }), key: 'broken' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['snapshot.defaultUnitId', 'snapshot.workflowKey']);
    const [none] = await sut.db.select().from(caseTypes).where(eq(caseTypes.key, 'broken'));
    expect(none).toBeUndefined();
    const badForm = await sut.app.inject({
      method: 'POST',
      url: '/api/admin/case-types',
      headers,
      payload: { ...body(unit.id, { form: { fields: [{ id: 'x', kind: 'nope' }] } }), key: 'broken2' },
    });
    expect(badForm.statusCode).toBe(400);
    await makeCaseType(sut, { key: 'taken' });
    const dup = await sut.app.inject({
      method: 'POST',
      url: '/api/admin/case-types',
      headers,
      payload: { ...body(unit.id), key: 'taken' },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('hides inactive and private types from citizens', async () => {
    await makeCaseType(sut, { key: 'internal-only', public: false });
    const list = await sut.app.inject({ method: 'GET', url: '/api/case-types', headers: sut.headers() });
    expect(list.json().some((t: { key: string }) => t.key === 'internal-only')).toBe(false);
    const one = await sut.app.inject({ method: 'GET', url: '/api/case-types/internal-only', headers: sut.headers() });
    expect(one.statusCode).toBe(404);
  });

  it('seeds the demo workflows and case types, idempotently', async () => {
    await seedCasesDemo(sut.db, sut.tenant.id);
    await seedCasesDemo(sut.db, sut.tenant.id);
    const list = await sut.app.inject({ method: 'GET', url: '/api/case-types', headers: sut.headers() });
    const keys = list.json().map((t: { key: string }) => t.key);
    for (const k of ['pothole', 'streetlight', 'residence-certificate', 'complaint']) expect(keys).toContain(k);
  });

  it('documents every route in OpenAPI under the module’s tags', async () => {
    const spec = (await sut.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const tags = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, { tags?: string[] }>>)) {
      if (!/\/api\/(cases|case-types|admin\/case-types|workflows|admin\/workflows|track|my\/cases|case-views)/.test(path)) continue;
      for (const op of Object.values(ops)) for (const t of op.tags ?? []) tags.add(t);
    }
    expect([...tags].sort()).toEqual(['case-types', 'cases', 'tracking', 'workflows']);
    expect(spec.paths['/api/track'].get).toBeDefined();
  });
});
