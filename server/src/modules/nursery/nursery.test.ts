import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { caseEvents, cases } from '../../../test/case-tables.js';
import { makeStaff, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { files } from '../../platform/files/files.schema.js';
import { getCaseType } from '../cases/index.js';
import { nurseryApplications } from './schema.js';

let sut: TestApp;
let head: Record<string, string>;
let outsider: Record<string, string>;
let paidUnit: string;
const st: Record<string, string> = {};

type Json = Record<string, unknown>;
const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  sut.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Json }) });
const get = (url: string, headers: Record<string, string> = sut.headers()) => sut.app.inject({ method: 'GET', url, headers });

async function staff(role: 'admin' | 'head' | 'employee', unitId: string | null) {
  const u = await makeStaff(sut.db, sut.tenant.id, role, unitId);
  return sut.headers({ cookie: await sessionCookie(sut.db, u) });
}

let n = 0;
async function citizen(taxisnet = true) {
  n++;
  const u = await makeUser(sut.db, sut.tenant.id, {
    kind: 'citizen',
    givenName: 'Γονέας',
    familyName: `Οικογένεια ${'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ'[n % 24]}${'αβγδεζηθικλμνξοπρστυφχψω'[Math.floor(n / 24) % 24]}`,
    email: `parent-${n}-${Date.now()}@example.gr`,
    emailVerifiedAt: new Date(),
    taxisnetVerifiedAt: taxisnet ? new Date() : null,
  });
  const h = sut.headers({ cookie: await sessionCookie(sut.db, u) });
  const upload = async () => {
    const [f] = await sut.db
      .insert(files)
      .values({
        tenantId: sut.tenant.id,
        sha256: 'c'.repeat(64),
        size: 5,
        mime: 'application/pdf',
        kind: 'document',
        originalName: 'doc.pdf',
        ownerUserId: u.id,
      })
      .returning();
    return f?.id as string;
  };
  return { user: u, h, en: { ...h, 'accept-language': 'en' }, upload };
}

async function docs(c: Awaited<ReturnType<typeof citizen>>, keys: string[]) {
  const out: Record<string, string[]> = {};
  for (const k of keys) out[k] = [await c.upload()];
  return out;
}

const year = new Date().getUTCFullYear() + 1;
const DAY = 86_400_000;
async function makeCall(over: Json = {}, open = true) {
  const r = await post('/api/nursery/admin/calls', head, {
    schoolYear: `${year}-${year + 1}`,
    titleEl: 'Προκήρυξη δοκιμής',
    titleEn: 'Test call',
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
    referenceDate: `${year}-09-01`,
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  const call = r.json() as { id: string; criteria: unknown[]; status: string };
  if (open) {
    const o = await post(`/api/nursery/admin/calls/${call.id}/open`, head);
    expect(o.statusCode, o.body).toBe(200);
    return o.json() as typeof call & { capacity: Record<string, { infant: number; toddler: number }> };
  }
  return call as typeof call & { capacity: Record<string, { infant: number; toddler: number }> };
}

const toddlerBirth = `${year - 3}-03-15`; // 41 months at 1 September
const application = (callId: string, extra: Json = {}) => ({
  callId,
  child: { givenName: 'Ελένη', familyName: 'Δοκιμαστική', birthDate: toddlerBirth },
  preferences: [st.s1],
  answers: { workingParents: 'none', familyIncome: 35000 },
  ...extra,
});

/** Messages the notify module made for a user (its tables are its own: read them by SQL). */
async function messagesTo(userId: string, dedupe: string) {
  const r = await sut.db.execute(
    sql`select m.text_el, m.subject_en from notify_messages m join notify_deliveries d on d.message_id = m.id
        where d.user_id = ${userId} and m.dedupe_key like ${dedupe}`,
  );
  return (r as { rows: unknown[] }).rows as { text_el: string; subject_en: string }[];
}

async function counts() {
  const a = await sut.db.select().from(nurseryApplications).where(eq(nurseryApplications.tenantId, sut.tenant.id));
  const c = await sut.db.select().from(cases).where(eq(cases.tenantId, sut.tenant.id));
  return { apps: a.length, cases: c.length };
}

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases', 'notify', 'nursery'] });
  paidUnit = (await makeUnit(sut.db, sut.tenant.id, { nameEl: 'Τμήμα Παιδικών Σταθμών' })).id;
  const other = (await makeUnit(sut.db, sut.tenant.id)).id;
  const admin = await staff('admin', null);
  const setup = await sut.app.inject({ method: 'PUT', url: '/api/nursery/setup', headers: admin, payload: { unitId: paidUnit } });
  expect(setup.statusCode, setup.body).toBe(200);
  head = await staff('head', paidUnit);
  outsider = await staff('employee', other);
  for (const [k, infant, toddler] of [
    ['s1', 1, 1],
    ['s2', 0, 1],
  ] as const) {
    const r = await post('/api/nursery/admin/stations', head, {
      name: `Σταθμός ${k}`,
      address: 'Οδός 1',
      location: { lat: 38.01, lon: 23.73 },
      capacityInfant: infant,
      capacityToddler: toddler,
    });
    expect(r.statusCode, r.body).toBe(201);
    st[k] = r.json().id;
  }
});

afterAll(async () => {
  await sut?.close();
});

describe('nursery: set-up, stations and calls', () => {
  it('seeds its case type with the contract’s fields', async () => {
    const t = await getCaseType(sut.db, sut.tenant.id, 'nursery-enrolment');
    expect(t.snapshot).toMatchObject({
      identity: 'taxisnet',
      lifeEvents: ['children'],
      applyPath: '/nursery',
      defaultUnitId: paidUnit,
      slaDays: 30,
    });
    const docs = t.snapshot.requiredDocuments;
    expect(docs.filter((d) => !d.optional).map((d) => d.key)).toEqual(['birth_certificate', 'income_statement', 'health_card']);
    // every document key has a files field of the same id, as the contract asks
    for (const d of docs) expect(t.snapshot.form.fields.find((f) => f.id === d.key)?.kind).toBe('files');
  });

  it('lets only the nurseries department (and admins) manage, and refuses bad input naming the field', async () => {
    const r = await post('/api/nursery/admin/stations', outsider, { name: 'Χ', capacityInfant: 1, capacityToddler: 1 });
    expect(r.statusCode).toBe(403);
    const bad = await post('/api/nursery/admin/stations', head, { name: 'Χ', capacityInfant: -1, capacityToddler: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('capacityInfant');
    expect(bad.json().fields[0].message).toContain('Θέσεις βρεφικού τμήματος');
    const dates = await post(
      '/api/nursery/admin/calls',
      { ...head, 'accept-language': 'en' },
      {
        schoolYear: '2030-2031',
        titleEl: 'Χ',
        titleEn: 'X',
        opensAt: '2030-06-01T00:00:00Z',
        closesAt: '2030-05-01T00:00:00Z',
        referenceDate: '2030-09-01',
      },
    );
    expect(dates.statusCode).toBe(400);
    expect(dates.json().fields[0]).toMatchObject({ field: 'closesAt', code: 'nursery.dates_order' });
    expect(dates.json().fields[0].message).toContain('Applications close');
    const list = await get('/api/nursery/admin/calls', head);
    expect((list.json().items as { schoolYear: string }[]).some((c) => c.schoolYear === '2030-2031')).toBe(false);
  });

  it('publishes the criteria with the call; drafts stay hidden from the public', async () => {
    const draft = await makeCall({ schoolYear: '2031-2032' }, false);
    expect((await get(`/api/nursery/calls/${draft.id}`)).statusCode).toBe(404);
    const open = await makeCall();
    const pub = await get(`/api/nursery/calls/${open.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().criteria.map((c: { key: string }) => c.key)).toContain('workingParents');
    expect(pub.json().capacity[st.s1 as string]).toEqual({ infant: 1, toddler: 1 });
    // criteria are fixed once open
    const edit = await sut.app.inject({
      method: 'PATCH',
      url: `/api/nursery/admin/calls/${open.id}`,
      headers: head,
      payload: { criteria: open.criteria },
    });
    expect(edit.statusCode).toBe(409);
  });
});

describe('nursery: applying', () => {
  let callId: string;
  beforeAll(async () => {
    callId = (await makeCall()).id;
  });

  it('refuses outside the dates with a translated message, and writes nothing', async () => {
    const later = await makeCall({
      opensAt: new Date(Date.now() + 5 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 9 * DAY).toISOString(),
    });
    const c = await citizen();
    const before = await counts();
    const r = await post('/api/nursery/applications', c.h, {
      ...application(later.id),
      documents: await docs(c, ['birth_certificate', 'income_statement', 'health_card']),
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('nursery.call_not_open');
    expect(r.json().message).toMatch(/^Οι αιτήσεις για την προκήρυξη γίνονται δεκτές από \d\d\/\d\d\/\d{4} \d\d:\d\d έως/);
    const en = await post('/api/nursery/applications', c.en, { ...application(later.id), documents: {} });
    expect(en.json().message).toMatch(/^Applications for this call are accepted from/);
    expect(await counts()).toEqual(before);
  });

  it('needs a TaxisNet citizen', async () => {
    const plain = await citizen(false);
    const r = await post('/api/nursery/applications', plain.h, application(callId));
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('case.taxisnet_required');
    const anon = await post('/api/nursery/applications', sut.headers(), application(callId));
    expect(anon.statusCode).toBe(401);
  });

  it('refuses a child too young or too old naming the field, in Greek and English, and writes nothing', async () => {
    const c = await citizen();
    const before = await counts();
    const d = await docs(c, ['birth_certificate', 'income_statement', 'health_card']);
    // a call that counts ages a month from now: a child born two weeks ago is too young
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const soon = await makeCall({ referenceDate: iso(Date.now() + 30 * DAY) });
    const young = await post('/api/nursery/applications', c.h, {
      ...application(soon.id, { child: { givenName: 'Α', familyName: 'Β', birthDate: iso(Date.now() - 14 * DAY) } }),
      documents: d,
    });
    expect(young.statusCode).toBe(400);
    expect(young.json().fields).toEqual([
      expect.objectContaining({
        field: 'child.birthDate',
        code: 'nursery.child_too_young',
        message: expect.stringContaining('Ημερομηνία γέννησης παιδιού'),
      }),
    ]);
    const old = await post('/api/nursery/applications', c.en, {
      ...application(callId, { child: { givenName: 'Α', familyName: 'Β', birthDate: `${year - 5}-01-01` } }),
      documents: d,
    });
    expect(old.json().fields[0]).toMatchObject({ field: 'child.birthDate', code: 'nursery.child_too_old' });
    expect(old.json().fields[0].message).toContain('Child’s date of birth');
    expect(await counts()).toEqual(before);
  });

  it('checks answers, stations and documents all at once, naming each field', async () => {
    const c = await citizen();
    const before = await counts();
    const r = await post('/api/nursery/applications', c.h, {
      ...application(callId, { preferences: [st.s1, st.s1, '00000000-0000-4000-8000-000000000000'], answers: { workingParents: 'both' } }),
      documents: { birth_certificate: [await c.upload()] },
    });
    expect(r.statusCode).toBe(400);
    const fields = (r.json().fields as { field: string; code: string; message: string }[]).map((f) => `${f.field}:${f.code}`);
    expect(fields).toEqual([
      'preferences.1:nursery.station_repeated',
      'preferences.2:nursery.station_unknown',
      'answers.familyIncome:validation.required',
      'documents.income_statement:nursery.document_required',
      'documents.health_card:nursery.document_required',
    ]);
    // the employment proof is asked for once the answers are valid and claim working parents
    const r2 = await post('/api/nursery/applications', c.h, {
      ...application(callId, { answers: { workingParents: 'both', familyIncome: 9000 } }),
      documents: await docs(c, ['birth_certificate', 'income_statement', 'health_card']),
    });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().fields).toEqual([
      expect.objectContaining({
        field: 'documents.employment',
        code: 'nursery.document_required',
        message: expect.stringContaining('Βεβαίωση εργοδότη'),
      }),
    ]);
    // an infant cannot ask for a nursery without infant places
    const infant = await post('/api/nursery/applications', c.h, {
      ...application(callId, { preferences: [st.s2], child: { givenName: 'Α', familyName: 'Β', birthDate: `${year - 1}-01-10` } }),
      documents: await docs(c, ['birth_certificate', 'income_statement', 'health_card']),
    });
    expect(infant.json().fields[0]).toMatchObject({ field: 'preferences.0', code: 'nursery.station_unknown' });
    expect(await counts()).toEqual(before);
  });

  it('files the case with points computed on the server; the same child twice is refused', async () => {
    const c = await citizen();
    const body = {
      ...application(callId, { answers: { workingParents: 'both', singleParent: true, familyIncome: 9000, siblings: 1, points: 999 } }),
    };
    const unknown = await post('/api/nursery/applications', c.h, { ...body, documents: await docs(c, ['birth_certificate']) });
    expect(unknown.json().fields[0]).toMatchObject({ field: 'answers.points', code: 'validation.unknown_field' });
    const ok = await post('/api/nursery/applications', c.h, {
      ...application(callId, { answers: { workingParents: 'both', singleParent: true, familyIncome: 9000, siblings: 1 } }),
      documents: await docs(c, ['birth_certificate', 'income_statement', 'health_card', 'employment', 'single_parent_proof']),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const a = ok.json();
    expect(a).toMatchObject({ status: 'submitted', points: 30 + 20 + 30 + 10, ageGroup: 'toddler', rank: null });
    expect(a.publicCode).toMatch(/^Ν-[2-9A-Z]{6}$/);
    expect(a.protocolNumber).toMatch(/\/\d{4}$/);
    const [kase] = await sut.db.select().from(cases).where(eq(cases.id, a.caseId));
    expect(kase).toMatchObject({ unitId: paidUnit, citizenUserId: c.user.id, state: 'submitted' });
    expect((kase?.data as Json | undefined)?.points).toBe(90);
    expect(kase?.fileIds).toHaveLength(5);
    const mine = await get('/api/nursery/my', c.h);
    expect(mine.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const again = await post('/api/nursery/applications', c.h, {
      ...application(callId, { answers: { workingParents: 'none', familyIncome: 9000 } }),
      documents: await docs(c, ['birth_certificate', 'income_statement', 'health_card']),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('nursery.duplicate');
    // another family sees nothing of it
    const other = await citizen();
    expect((await get('/api/nursery/my', other.h)).json().items).toEqual([]);
    expect((await post(`/api/nursery/applications/${a.id}/withdraw`, other.h)).statusCode).toBe(404);
  });
});

describe('nursery: verification, ranking, publication and the waiting list', () => {
  let callId: string;
  const fam: Record<string, Awaited<ReturnType<typeof citizen>>> = {};
  const app: Record<string, string> = {};
  const statusOf = async (k: string) => {
    const [r] = await sut.db
      .select()
      .from(nurseryApplications)
      .where(eq(nurseryApplications.id, app[k] as string));
    return r;
  };

  beforeAll(async () => {
    // a tenant of its own would be cleaner; stations s1 (1 toddler place) and s2 (1 toddler place) suffice
    callId = (await makeCall({ schoolYear: `${year + 1}-${year + 2}`, referenceDate: `${year}-09-01` })).id;
    const plan: [string, Json, string[], string[]][] = [
      // c2: 30 + 20 + 30 = 80 · c4: 30 + 10 = 40 (income 21.000) · c1: 30 + 10 = 40 (income 25.000) · c3: 0
      ['c1', { workingParents: 'both', familyIncome: 25000 }, [st.s1 as string, st.s2 as string], ['employment']],
      ['c2', { workingParents: 'both', singleParent: true, familyIncome: 8000 }, [st.s1 as string], ['employment', 'single_parent_proof']],
      ['c3', { workingParents: 'none', familyIncome: 35000 }, [st.s2 as string, st.s1 as string], []],
      [
        'c4',
        { workingParents: 'both', familyIncome: 21000, disability: true },
        [st.s1 as string, st.s2 as string],
        ['employment', 'disability_proof'],
      ],
    ];
    for (const [k, answers, preferences, extra] of plan) {
      const c = await citizen();
      fam[k] = c;
      const r = await post('/api/nursery/applications', c.h, {
        callId,
        child: { givenName: `Παιδί${k}`, familyName: `Επώνυμο${k}`, birthDate: toddlerBirth },
        preferences,
        answers,
        documents: await docs(c, ['birth_certificate', 'income_statement', 'health_card', ...extra]),
      });
      expect(r.statusCode, r.body).toBe(201);
      app[k] = r.json().id;
    }
  });

  it('lets staff verify the criteria: points recomputed, audited, noted on the case', async () => {
    // c4 claimed a disability (15) but the documents do not show it
    expect((await statusOf('c4'))?.points).toBe(55);
    const denied = await post(`/api/nursery/admin/applications/${app.c4}/verify`, outsider, { answers: { disability: false }, note: 'x' });
    expect(denied.statusCode).toBe(403);
    const bad = await post(`/api/nursery/admin/applications/${app.c4}/verify`, head, { answers: { disability: 'όχι' }, note: 'Έλεγχος' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'answers.disability', code: 'nursery.answer_invalid' });
    expect((await statusOf('c4'))?.points).toBe(55);
    const r = await post(`/api/nursery/admin/applications/${app.c4}/verify`, head, {
      answers: { disability: false },
      note: 'Δεν προσκομίστηκε γνωμάτευση ΚΕΠΑ.',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ id: app.c4, points: 40, pointsBefore: 55 });
    const [a] = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, app.c4 as string), eq(auditLog.action, 'nursery.criteria_verified')));
    expect(a?.data).toMatchObject({ pointsBefore: 55, pointsAfter: 40 });
    const row = await statusOf('c4');
    const events = await sut.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, row?.caseId as string));
    expect(events.some((e) => e.body?.includes('40 μόρια'))).toBe(true);
  });

  it('ranks only a closed call, by points then lower income, and allocates by preference and capacity', async () => {
    expect((await post(`/api/nursery/admin/calls/${callId}/rank`, head)).statusCode).toBe(409);
    expect((await post(`/api/nursery/admin/calls/${callId}/close`, head)).statusCode).toBe(200);
    const late = await post('/api/nursery/applications', fam.c1?.h as Record<string, string>, application(callId));
    expect(late.statusCode).toBe(409);
    const r = await post(`/api/nursery/admin/calls/${callId}/rank`, head);
    expect(r.statusCode, r.body).toBe(200);
    // c2 80 → s1 · c4 40/21.000 → s1 full → s2 · c1 40/25.000 → waits · c3 0 → waits
    const list = (await get(`/api/nursery/admin/calls/${callId}/applications`, head)).json().items as {
      id: string;
      rank: number;
      status: string;
      stationId: string | null;
      positions: { stationId: string; position: number }[];
      child: { givenName: string };
    }[];
    const mine = list.filter((x) => Object.values(app).includes(x.id));
    expect(mine.map((x) => [x.child.givenName, x.rank, x.status, x.stationId])).toEqual([
      ['Παιδίc2', 1, 'admitted', st.s1],
      ['Παιδίc4', 2, 'admitted', st.s2],
      ['Παιδίc1', 3, 'waiting', null],
      ['Παιδίc3', 4, 'waiting', null],
    ]);
    expect(mine[2]?.positions).toEqual([
      { stationId: st.s1, position: 1 },
      { stationId: st.s2, position: 1 },
    ]);
    expect(mine[3]?.positions).toEqual([
      { stationId: st.s2, position: 2 },
      { stationId: st.s1, position: 2 },
    ]);
    // the family sees nothing of the result before publication
    const before = (await get('/api/nursery/my', fam.c1?.h)).json().items[0];
    expect(before).toMatchObject({ status: 'submitted', rank: null, positions: [] });
    expect((await get(`/api/nursery/calls/${callId}/ranking`)).statusCode).toBe(409);
    expect((await post(`/api/nursery/applications/${app.c2}/accept`, fam.c2?.h as Record<string, string>)).statusCode).toBe(409);
  });

  it('publishes an anonymised ranking (JSON and CSV) and tells each family', async () => {
    const p = await post(`/api/nursery/admin/calls/${callId}/publish`, head);
    expect(p.statusCode, p.body).toBe(200);
    const r = await get(`/api/nursery/calls/${callId}/ranking`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.items).toHaveLength(4);
    expect(body.items[0]).toEqual({
      code: (await statusOf('c2'))?.publicCode,
      rank: 1,
      points: 80,
      ageGroup: 'toddler',
      result: 'admitted',
      stationId: st.s1,
      positions: [],
    });
    const csv = await get(`/api/nursery/calls/${callId}/ranking.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFΚωδικός;Σειρά;Μόρια;Τμήμα;Αποτέλεσμα;Σταθμός;Θέσεις σε λίστες αναμονής');
    for (const text of [r.body, csv.body]) {
      for (const k of ['c1', 'c2', 'c3', 'c4']) {
        expect(text).not.toContain(`Παιδί${k}`);
        expect(text).not.toContain(`Επώνυμο${k}`);
        expect(text).not.toContain(fam[k]?.user.familyName as string);
        expect(text).not.toContain(fam[k]?.user.id as string);
        expect(text).not.toContain(app[k] as string);
      }
      expect(text).not.toContain(toddlerBirth);
      expect(text).not.toContain(toddlerBirth.split('-').reverse().join('/'));
    }
    const mine = (await get('/api/nursery/my', fam.c1?.h)).json().items[0];
    expect(mine).toMatchObject({ status: 'waiting', rank: 3 });
    const [kase] = await sut.db.select().from(cases).where(eq(cases.id, mine.caseId));
    expect(kase?.state).toBe('waiting');
    const told = await messagesTo(fam.c2?.user.id as string, 'nursery:%');
    expect(told[0]?.text_el).toContain('επιλέχθηκε για τον σταθμό «Σταθμός s1»');
  });

  it('offers a declined place to the next on that station’s list, on the timeline and by message', async () => {
    const d = await post(`/api/nursery/applications/${app.c4}/decline`, fam.c4?.h as Record<string, string>);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toEqual({ id: app.c4, status: 'declined', offered: [app.c1] });
    const c1 = await statusOf('c1');
    expect(c1).toMatchObject({ status: 'offered', stationId: st.s2 });
    const events = await sut.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, c1?.caseId as string));
    expect(events.some((e) => e.public && e.body?.includes('Ελευθερώθηκε θέση στον σταθμό «Σταθμός s2»'))).toBe(true);
    const told = await messagesTo(fam.c1?.user.id as string, 'nursery:%:offer:%');
    expect(told.map((x) => x.subject_en)).toContain('A nursery place is offered to you');
    // c3 now heads s2's list
    expect((await get('/api/nursery/my', fam.c3?.h)).json().items[0].positions).toEqual([
      { stationId: st.s2, position: 1 },
      { stationId: st.s1, position: 1 },
    ]);
  });

  it('never offers the same child twice when two places free at once', async () => {
    const [a, b] = await Promise.all([
      post(`/api/nursery/applications/${app.c2}/decline`, fam.c2?.h as Record<string, string>),
      post(`/api/nursery/admin/applications/${app.c1}/remove`, head, { reason: 'Δεν προσήλθε για εγγραφή.' }),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    const offered = [...a.json().offered, ...b.json().offered];
    expect(offered).toEqual([app.c3]);
    const c3 = await statusOf('c3');
    expect(c3?.status).toBe('offered');
    const holding = await sut.db
      .select()
      .from(nurseryApplications)
      .where(and(eq(nurseryApplications.callId, callId), eq(nurseryApplications.status, 'offered')));
    expect(holding.map((h) => h.id)).toEqual([app.c3]);
    const events = await sut.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, c3?.caseId as string));
    expect(events.filter((e) => e.body?.startsWith('Ελευθερώθηκε θέση'))).toHaveLength(1);
    const [removed] = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, app.c1 as string), eq(auditLog.action, 'nursery.application_removed')));
    expect(removed).toBeTruthy();
  });

  it('lets the family accept the offered place; a second decision is refused', async () => {
    const ok = await post(`/api/nursery/applications/${app.c3}/accept`, fam.c3?.h as Record<string, string>);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('accepted');
    const [kase] = await sut.db
      .select()
      .from(cases)
      .where(eq(cases.id, (await statusOf('c3'))?.caseId as string));
    expect(kase?.state).toBe('enrolled');
    const again = await post(`/api/nursery/applications/${app.c3}/withdraw`, fam.c3?.h as Record<string, string>);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('nursery.application_state');
    const rank = (await get(`/api/nursery/calls/${callId}/ranking`)).json();
    expect(rank.items.map((i: { result: string }) => i.result)).toEqual(['withdrawn', 'withdrawn', 'withdrawn', 'admitted']);
  });
});
