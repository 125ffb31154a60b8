import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { outboundMessages } from '../../platform/messaging/messaging.schema.js';
import { partnerOrgs } from '../../platform/tenancy/org.schema.js';
import { schoolRequests, schools } from './schema.js';

let sut: TestApp;
let admin: Record<string, string>;
let employee: Record<string, string>;
const units: Record<string, string> = {};

async function staff(role: 'admin' | 'head' | 'employee' | 'operator', unitId: string | null = null) {
  const u = await makeStaff(sut.db, sut.tenant.id, role, unitId);
  return sut.headers({ cookie: await sessionCookie(sut.db, u) });
}

type Json = Record<string, unknown>;
const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  sut.app.inject({ method: 'POST', url, headers, payload: payload as Json });
const get = (url: string, headers: Record<string, string>) => sut.app.inject({ method: 'GET', url, headers });

async function makeSchool(name: string, extra: Json = {}) {
  const r = await post('/api/schools', admin, {
    name,
    level: 'primary',
    location: { lat: 38.01, lon: 23.73 },
    address: 'Οδός 1',
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; partnerOrgId: string; name: string };
}

async function partner(orgId: string, role: 'manager' | 'member', email: string) {
  const u = await makeUser(sut.db, sut.tenant.id, {
    kind: 'partner',
    partnerOrgId: orgId,
    partnerRole: role,
    email,
    emailVerifiedAt: new Date(),
  });
  return { user: u, headers: sut.headers({ cookie: await sessionCookie(sut.db, u) }) };
}

const request = (kind: string, data: Json = {}, extra: Json = {}) => ({
  kind,
  description: 'Σπασμένο παράθυρο στην αίθουσα',
  data: { building: 'Κεντρικό', area: 'Αίθουσα 3', urgency: 'normal', safetyRisk: false, ...data },
  ...extra,
});

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases', 'notify', 'schools'] });
  admin = await staff('admin');
  for (const k of ['maintenance', 'lighting', 'cleaning', 'green', 'technical']) units[k] = (await makeUnit(sut.db, sut.tenant.id)).id;
  employee = await staff('employee', units.maintenance);
  const r = await sut.app.inject({
    method: 'PUT',
    url: '/api/schools/request-types',
    headers: admin,
    payload: {
      units: {
        repairs: units.maintenance,
        electrical: units.maintenance,
        plumbing: units.maintenance,
        heating: units.maintenance,
        cleaning: units.cleaning,
        yard: units.technical,
        equipment: units.technical,
        safety: units.technical,
        other: units.technical,
      },
      lightingUnitId: units.lighting,
      greenUnitId: units.green,
    },
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json()).toHaveLength(9);
});

afterAll(async () => {
  await sut?.close();
});

describe('schools registry', () => {
  it('creates a school with its partner organisation, edits and deletes it, all audited', async () => {
    const s = await makeSchool('1ο Γυμνάσιο Δοκιμής', { level: 'gymnasium', code: '9050001', principalName: 'Α. Παπάς' });
    const [org] = await sut.db.select().from(partnerOrgs).where(eq(partnerOrgs.id, s.partnerOrgId));
    expect(org).toMatchObject({ kind: 'school', name: '1ο Γυμνάσιο Δοκιμής', contactName: 'Α. Παπάς' });

    const patched = await sut.app.inject({
      method: 'PATCH',
      url: `/api/schools/${s.id}`,
      headers: admin,
      payload: { name: '1ο Γυμνάσιο', contacts: [{ name: 'Γραμματεία', phone: '2100000000' }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: '1ο Γυμνάσιο', contacts: [{ name: 'Γραμματεία', phone: '2100000000' }] });
    const [org2] = await sut.db.select().from(partnerOrgs).where(eq(partnerOrgs.id, s.partnerOrgId));
    expect(org2?.name).toBe('1ο Γυμνάσιο');

    const list = await get('/api/schools?q=γυμνασιο', employee);
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { id: string }[] }).items.map((x) => x.id)).toContain(s.id);

    const del = await sut.app.inject({ method: 'DELETE', url: `/api/schools/${s.id}`, headers: admin });
    expect(del.statusCode).toBe(204);
    const actions = (await sut.db.select().from(auditLog).where(eq(auditLog.entityId, s.id))).map((a) => a.action).sort();
    expect(actions).toEqual(['school.created', 'school.deleted', 'school.updated']);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = (await sut.db.select().from(schools).where(eq(schools.tenantId, sut.tenant.id))).length;
    const r = await post('/api/schools', admin, { name: 'Χ', level: 'university' });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('level');
    const dup = await makeSchool('Σχολείο με κωδικό', { code: '123' });
    const again = await post('/api/schools', admin, { name: 'Άλλο', level: 'primary', code: '123' });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0].field).toBe('code');
    const after = (await sut.db.select().from(schools).where(eq(schools.tenantId, sut.tenant.id))).length;
    expect(after).toBe(before + 1);
    const orgs = await sut.db
      .select()
      .from(partnerOrgs)
      .where(and(eq(partnerOrgs.tenantId, sut.tenant.id), eq(partnerOrgs.name, 'Άλλο')));
    expect(orgs).toHaveLength(0);
    expect(dup.id).toBeTruthy();
  });

  it('lets only staff with schools.manage change the registry', async () => {
    const r = await post('/api/schools', employee, { name: 'Χ', level: 'primary' });
    expect(r.statusCode).toBe(403);
    const head = await staff('head', units.technical);
    const ok = await post('/api/schools', head, { name: 'Νηπιαγωγείο Δοκιμής', level: 'kindergarten' });
    expect(ok.statusCode).toBe(201);
  });
});

describe("the principal's requests", () => {
  it('files requests routed by type and field; a safety risk makes them urgent', async () => {
    const s = await makeSchool('2ο Δημοτικό Δοκιμής');
    const p = await partner(s.partnerOrgId, 'manager', 'principal2@school.gr');

    const plumbing = await post('/api/school/requests', p.headers, request('plumbing'));
    expect(plumbing.statusCode, plumbing.body).toBe(201);
    expect(plumbing.json()).toMatchObject({ unitId: units.maintenance, priority: 'normal' });

    const lighting = await post('/api/school/requests', p.headers, request('electrical', { scope: 'outdoor_lighting', urgency: 'high' }));
    expect(lighting.json()).toMatchObject({ unitId: units.lighting, priority: 'high' });
    const indoor = await post('/api/school/requests', p.headers, request('electrical', { scope: 'indoor' }));
    expect(indoor.json()).toMatchObject({ unitId: units.maintenance });

    const risky = await post('/api/school/requests', p.headers, request('repairs', { urgency: 'low', safetyRisk: true }));
    expect(risky.json()).toMatchObject({ priority: 'urgent' });

    const trees = await post('/api/school/requests', p.headers, request('yard', { task: 'trees' }));
    expect(trees.json()).toMatchObject({ unitId: units.green });

    // staff see the case in the engine: channel partner, the school's location
    const c = await get(`/api/cases/${risky.json().id}`, admin);
    expect(c.json()).toMatchObject({ channel: 'partner', priority: 'urgent', location: { lat: 38.01, lon: 23.73 } });
  });

  it('refuses a request with a missing school field, naming it, and files nothing', async () => {
    const s = await makeSchool('3ο Δημοτικό Δοκιμής');
    const p = await partner(s.partnerOrgId, 'manager', 'principal3@school.gr');
    const r = await post('/api/school/requests', p.headers, request('heating', { building: undefined }));
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain('building');
    const links = await sut.db.select().from(schoolRequests).where(eq(schoolRequests.schoolId, s.id));
    expect(links).toHaveLength(0);
  });

  it('shows each school only its own requests', async () => {
    const a = await makeSchool('Σχολείο Α');
    const b = await makeSchool('Σχολείο Β');
    const pa = await partner(a.partnerOrgId, 'manager', 'a@school.gr');
    const deputyA = await partner(a.partnerOrgId, 'member', 'a2@school.gr');
    const pb = await partner(b.partnerOrgId, 'manager', 'b@school.gr');
    const ra = (await post('/api/school/requests', pa.headers, request('cleaning'))).json();
    const rb = (await post('/api/school/requests', pb.headers, request('other'))).json();

    const listA = (await get('/api/school/requests', deputyA.headers)).json() as { items: { id: string; expectedDate: string | null }[] };
    expect(listA.items.map((i) => i.id)).toEqual([ra.id]);
    expect(listA.items[0]?.expectedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const listB = (await get('/api/school/requests', pb.headers)).json() as { items: { id: string }[] };
    expect(listB.items.map((i) => i.id)).toEqual([rb.id]);

    expect((await get(`/api/school/requests/${ra.id}`, pb.headers)).statusCode).toBe(404);
    expect((await post(`/api/school/requests/${ra.id}/answer`, pb.headers, { body: 'x' })).statusCode).toBe(404);
    expect((await post(`/api/school/requests/${ra.id}/reopen`, pb.headers, { comment: 'x' })).statusCode).toBe(404);
    expect((await get(`/api/school/requests/${ra.id}`, deputyA.headers)).statusCode).toBe(200);

    // staff of the school's view see the same split
    const staffA = (await get(`/api/schools/${a.id}/requests`, employee)).json() as { items: { id: string }[] };
    expect(staffA.items.map((i) => i.id)).toEqual([ra.id]);

    // a partner organisation that is not a school, and a citizen, are refused
    const [vet] = await sut.db.insert(partnerOrgs).values({ tenantId: sut.tenant.id, kind: 'vet', name: 'Κτηνίατρος' }).returning();
    const v = await partner(vet?.id as string, 'manager', 'vet@example.gr');
    expect((await get('/api/school/requests', v.headers)).statusCode).toBe(403);
    const citizen = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen', emailVerifiedAt: new Date() });
    const ch = sut.headers({ cookie: await sessionCookie(sut.db, citizen) });
    expect((await post('/api/school/requests', ch, request('other'))).statusCode).toBe(403);
    // and the private types cannot be filed through the citizens' route
    const direct = await post('/api/cases', ch, { caseType: 'school-other', data: request('other').data });
    expect(direct.statusCode).toBe(403);
  });

  it('lets staff file a request for a school that phoned; the school sees and follows it', async () => {
    const s = await makeSchool('Σχολείο Τηλεφώνου');
    const p = await partner(s.partnerOrgId, 'manager', 'phone@school.gr');
    const operator = await staff('operator', units.technical);
    const r = await post(`/api/schools/${s.id}/requests`, operator, request('heating', { safetyRisk: true }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ priority: 'urgent', unitId: units.maintenance });
    const mine = (await get('/api/school/requests', p.headers)).json() as { items: { id: string; channel: string }[] };
    expect(mine.items).toEqual([expect.objectContaining({ id: r.json().id, channel: 'phone' })]);
    // a partner may not use the staff route, and an unknown school is not found
    expect((await post(`/api/schools/${s.id}/requests`, p.headers, request('heating'))).statusCode).toBe(403);
    const missing = await post('/api/schools/00000000-0000-4000-8000-000000000000/requests', operator, request('heating'));
    expect(missing.statusCode).toBe(404);
    await post(`/api/cases/${r.json().id}/transition`, employee, { transition: 'assign' });
    await sut.platform.jobs.drain();
    const inbox = (await get('/api/notify/inbox', p.headers)).json() as { items: { data: Json }[] };
    expect(inbox.items.some((m) => m.data.caseId === r.json().id && m.data.to === 'assigned')).toBe(true);
  });

  it('answers questions, confirms completion, or says it was not done', async () => {
    const s = await makeSchool('Σχολείο Γ');
    const p = await partner(s.partnerOrgId, 'manager', 'c@school.gr');
    const id = (await post('/api/school/requests', p.headers, request('plumbing'))).json().id as string;
    const move = (t: string, comment?: string) => post(`/api/cases/${id}/transition`, employee, { transition: t, comment });

    expect((await move('assign')).statusCode).toBe(200);
    const ask = await post(`/api/cases/${id}/request-info`, employee, { message: 'Ποια βρύση;' });
    expect(ask.statusCode).toBe(200);
    const answered = await post(`/api/school/requests/${id}/answer`, p.headers, { body: 'Η δεύτερη από αριστερά.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'assigned' });

    expect((await post(`/api/school/requests/${id}/confirm`, p.headers, {})).statusCode).toBe(409);
    await move('start');
    await move('done');
    const notDone = await post(`/api/school/requests/${id}/reopen`, p.headers, { comment: 'Στάζει ακόμη.' });
    expect(notDone.statusCode, notDone.body).toBe(200);
    expect(notDone.json()).toMatchObject({ state: 'in_progress', stateCategory: 'in_progress' });

    await move('done');
    const ok = await post(`/api/school/requests/${id}/confirm`, p.headers, { comment: 'Ευχαριστούμε' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'closed', stateCategory: 'closed' });
    const kinds = (ok.json().timeline as { kind: string }[]).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['info_requested', 'citizen_reply', 'reopened', 'requester_confirmed']));
  });

  it('tells the principal and the deputies of every change (in-app and e-mail)', async () => {
    const s = await makeSchool('Σχολείο Δ');
    const p = await partner(s.partnerOrgId, 'manager', 'd@school.gr');
    const id = (await post('/api/school/requests', p.headers, request('heating'))).json().id as string;
    // a deputy who joins after the request was filed hears of it too (subscribed when the school's view syncs)
    const deputy = await partner(s.partnerOrgId, 'member', 'd2@school.gr');
    expect((await get('/api/school', deputy.headers)).statusCode).toBe(200);
    await sut.platform.jobs.drain();
    const inboxBefore = (await get('/api/notify/inbox', deputy.headers)).json() as { items: unknown[] };

    const t = await post(`/api/cases/${id}/transition`, employee, { transition: 'assign' });
    expect(t.statusCode).toBe(200);
    await sut.platform.jobs.drain();

    for (const who of [p, deputy]) {
      const inbox = (await get('/api/notify/inbox', who.headers)).json() as { items: { data: Json; url: string | null }[] };
      expect(inbox.items.some((m) => m.data.caseId === id && m.data.to === 'assigned')).toBe(true);
    }
    expect(((await get('/api/notify/inbox', deputy.headers)).json() as { items: unknown[] }).items.length).toBe(
      inboxBefore.items.length + 1,
    );
    const mails = await sut.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, sut.tenant.id), eq(outboundMessages.channel, 'email')));
    expect(mails.filter((m) => m.recipient === 'd@school.gr').length).toBeGreaterThanOrEqual(2); // received + status change
    expect(mails.some((m) => m.recipient === 'd2@school.gr')).toBe(true);
  });
});

describe("the municipality's view", () => {
  it('counts per school and per unit, maps schools with open requests, and reports a year as CSV and PDF', async () => {
    const s = await makeSchool('Σχολείο Ε', { location: { lat: 38.02, lon: 23.74 } });
    const p = await partner(s.partnerOrgId, 'manager', 'e@school.gr');
    const ids: string[] = [];
    for (const k of ['plumbing', 'plumbing', 'cleaning']) ids.push((await post('/api/school/requests', p.headers, request(k))).json().id);
    for (const t of ['assign', 'start', 'done']) await post(`/api/cases/${ids[0]}/transition`, employee, { transition: t });

    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', year: 'numeric' }).format(new Date()));
    const stats = await get(`/api/schools/stats?year=${year}`, employee);
    expect(stats.statusCode, stats.body).toBe(200);
    const body = stats.json();
    const mine = body.bySchool.find((x: { schoolId: string }) => x.schoolId === s.id);
    expect(mine.figures).toMatchObject({ total: 3, open: 2, completed: 1 });
    expect(mine.figures.avgCompletionDays).toBeGreaterThanOrEqual(0);
    const cleaning = body.byUnit.find((x: { unitId: string }) => x.unitId === units.cleaning);
    expect(cleaning.figures.open).toBeGreaterThanOrEqual(1);
    expect(body.byKind.map((k: { kind: string }) => k.kind)).toContain('plumbing');
    const other = await get(`/api/schools/stats?year=${year - 5}`, employee);
    expect(other.json().totals.total).toBe(0);

    const map = (await get('/api/schools/map', employee)).json();
    const f = map.features.find((x: { properties: { schoolId: string } }) => x.properties.schoolId === s.id);
    expect(f).toMatchObject({ geometry: { type: 'Point', coordinates: [23.74, 38.02] }, properties: { open: 2 } });

    const csv = await get(`/api/schools/${s.id}/report.csv?year=${year}`, employee);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Αρ. πρωτοκόλλου');
    expect(csv.body).toContain('Σχολείο: Υδραυλικά');

    const pdf = await sut.app.inject({
      method: 'GET',
      url: `/api/schools/${s.id}/report.pdf?year=${year}`,
      headers: { ...employee, 'accept-language': 'en' },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain('Σχολείο Ε');
  });

  it('spreads a long year over several PDF pages', async () => {
    const s = await makeSchool('Σχολείο ΣΤ');
    const p = await partner(s.partnerOrgId, 'manager', 'f@school.gr');
    for (let i = 0; i < 45; i++) await post('/api/school/requests', p.headers, request('other'));
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', year: 'numeric' }).format(new Date()));
    const pdf = await get(`/api/schools/${s.id}/report.pdf?year=${year}`, employee);
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBeGreaterThan(1);
  });
});
