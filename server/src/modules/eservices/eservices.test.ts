import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { caseEvents, cases } from '../../../test/case-tables.js';
import { makeStaff, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { startCivilRegistryImitation } from '../../../test/imitations/civil-registry.js';
import { loadConfig } from '../../platform/config/config.js';
import { rows } from '../../platform/db/database.js';
import { files } from '../../platform/files/files.schema.js';
import { getCaseType, seedCasesDemo } from '../cases/index.js';
import { TEMPLATES, templateDataOf } from '../documents/index.js';
import { personParts, type TFormDefinition } from '../forms/index.js';
import { civilRegistryFor, KedCivilRegistry } from './civil-registry.js';
import { setCivilRegistry } from './once-only.js';
import { ESERVICE_KEYS, ESERVICES, RESIDENCE, seedEservices } from './seed.js';

let sut: TestApp;
let registry: Awaited<ReturnType<typeof startCivilRegistryImitation>>;
let units: Record<string, string>;

beforeAll(async () => {
  registry = await startCivilRegistryImitation();
  // a loaded machine can hold the event loop (and so the in-process imitation) for seconds
  sut = await createTestApp({ ...registry.env, CIVIL_REGISTRY_TIMEOUT_MS: '30000' });
  units = {};
  for (const code of ['LIXI', 'DIMOT', 'ESOD', 'KEP', 'SYNT', 'ILEK', 'DIMARX', 'TEXN']) {
    units[code] = (await makeUnit(sut.db, sut.tenant.id, { code, nameEl: `Τμήμα ${code}`, nameEn: `Department ${code}` })).id;
  }
  await seedCasesDemo(sut.db, sut.tenant.id);
  await seedEservices(sut.db, sut.tenant.id);
}, 120_000);

afterAll(async () => {
  await sut?.close();
  await registry?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => sut.app.inject({ method: 'GET', url, headers: sut.headers(headers) });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  sut.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: sut.headers(headers) });

let afmSeq = 10_000_000;
/** A fresh valid ΑΦΜ no fixture knows. */
function freshAfm() {
  const p = String(afmSeq++).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(p[i]) * 2 ** (8 - i);
  return `${p}${(sum % 11) % 10}`;
}

const byAfm = new Map<string, Awaited<ReturnType<typeof makeUser>>>();
/** A citizen signed in with TaxisNet (one account per ΑΦΜ, as the TaxisNet log-in keeps it). */
async function taxisnetCitizen(afm: string) {
  let user = byAfm.get(afm);
  if (!user) {
    user = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen', afm, taxisnetVerifiedAt: new Date(), email: null });
    byAfm.set(afm, user);
  }
  return { user, cookie: await sessionCookie(sut.db, user) };
}
async function verifiedCitizen() {
  const user = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen', emailVerifiedAt: new Date() });
  return { user, cookie: await sessionCookie(sut.db, user) };
}
async function fileOf(userId: string) {
  const [f] = await sut.db
    .insert(files)
    .values({
      tenantId: sut.tenant.id,
      sha256: 'c'.repeat(64),
      size: 5,
      mime: 'application/pdf',
      kind: 'document',
      originalName: 'doc.pdf',
      ownerUserId: userId,
    })
    .returning();
  return f?.id as string;
}
async function caseCount() {
  const [r] = rows<{ n: number }>(await sut.db.execute(sql`select count(*)::int as n from cases where tenant_id = ${sut.tenant.id}`));
  return r?.n ?? 0;
}

const SAMPLE_PERSON = {
  surname: 'Νικολάου',
  name: 'Ελένη',
  fatherName: 'Πέτρος',
  motherName: 'Άννα',
  birthDate: '1990-09-03',
  afm: '090000045',
  amka: '03099012345',
  idNumber: 'ΑΒ123456',
};

/** Answers for every field a form shows by default (on-behalf off, conditional documents hidden), files included. */
function sampleAnswers(form: TFormDefinition, fileId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of form.fields) {
    if (f.showIf) continue;
    switch (f.kind) {
      case 'person': {
        const { asked } = personParts(f);
        out[f.id] = Object.fromEntries(asked.filter((p) => p !== 'amka' && p !== 'idNumber').map((p) => [p, SAMPLE_PERSON[p]]));
        break;
      }
      case 'text':
        if (f.id === 'eParavolo') break;
        out[f.id] = f.id === 'postcode' ? '12345' : f.id === 'since' ? '2015' : `Δοκιμή ${f.id}`;
        break;
      case 'longText':
        out[f.id] = `Κείμενο ${f.id}`;
        break;
      case 'date':
        out[f.id] = '2020-05-04';
        break;
      case 'number':
        out[f.id] = (f.min ?? 0) >= 1900 ? 2001 : 85;
        break;
      case 'choice':
        out[f.id] = f.options[0]?.value;
        break;
      case 'yesNo':
        out[f.id] = false;
        break;
      case 'files':
        out[f.id] = [fileId];
        break;
      default:
        break;
    }
  }
  return out;
}

describe('seeded services', () => {
  it('seeds every §1 service once as a case type (running again changes nothing) and upgrades the demo residence certificate', async () => {
    const before = rows<{ key: string; current_version: number }>(
      await sut.db.execute(sql`select key, current_version from case_types where tenant_id = ${sut.tenant.id} order by key`),
    );
    await seedEservices(sut.db, sut.tenant.id);
    const after = rows<{ key: string; current_version: number }>(
      await sut.db.execute(sql`select key, current_version from case_types where tenant_id = ${sut.tenant.id} order by key`),
    );
    expect(after).toEqual(before);
    for (const key of ESERVICE_KEYS) expect(after.map((r) => r.key)).toContain(key);
    expect(after.find((r) => r.key === 'residence-certificate')?.current_version).toBe(2);
    expect(ESERVICE_KEYS).not.toContain('nursery-enrolment');
    const residence = await getCaseType(sut.db, sut.tenant.id, 'residence-certificate');
    expect(residence.snapshot).toMatchObject({
      identity: 'taxisnet',
      onBehalf: true,
      lifeEvents: ['residence'],
      defaultUnitId: units.DIMOT,
    });
  });

  it('issues from an approval workflow, routes to the issuing unit, and names only templates the documents module knows', async () => {
    for (const s of [...ESERVICES, RESIDENCE]) {
      const t = await getCaseType(sut.db, sut.tenant.id, s.key);
      expect(t.snapshot.workflowKey).toBe('applications');
      expect(t.snapshot.defaultUnitId).toBe(units[s.unit]);
      if (t.snapshot.issuedDocument) expect(Object.keys(TEMPLATES)).toContain(t.snapshot.issuedDocument.templateKey);
      // every keyed document has its files field, never marked required (the check enforces it)
      for (const d of t.snapshot.requiredDocuments.filter((x) => x.key)) {
        const f = t.snapshot.form.fields.find((x) => x.id === d.key);
        expect(f?.kind, `${s.key}.${d.key}`).toBe('files');
        expect(f?.required).toBeFalsy();
      }
      if (t.snapshot.onBehalf)
        expect(t.snapshot.form.fields.map((f) => f.id)).toEqual(expect.arrayContaining(['onBehalf', 'subject', 'authorisation']));
    }
    const divorce = await getCaseType(sut.db, sut.tenant.id, 'divorce-court-registration');
    expect(divorce.snapshot.fee).toEqual({
      cents: 0,
      lateFrom: 'decisionFinalDate',
      lateFines: [
        { afterDays: 30, cents: 3000, eParavoloCode: '3828' },
        { afterDays: 90, cents: 6000, eParavoloCode: '3829' },
      ],
    });
    expect(divorce.snapshot.form.fields.find((f) => f.id === 'decisionFinalDate')?.kind).toBe('date');
    expect((await getCaseType(sut.db, sut.tenant.id, 'divorce-notarial-registration')).snapshot.fee).toBeNull();
  });

  it('renders every template from sample answers of its form, with no blanks, in Greek and English', async () => {
    for (const s of [...ESERVICES, RESIDENCE].filter((x) => x.templateKey)) {
      const t = await getCaseType(sut.db, sut.tenant.id, s.key);
      const data = templateDataOf(sampleAnswers(t.snapshot.form, 'f'));
      for (const lang of ['el', 'en'] as const) {
        const tpl = TEMPLATES[s.templateKey as string];
        const text = tpl?.paragraphs((k) => (data[k] === undefined || data[k] === null ? '……………' : String(data[k])), lang).join('\n') ?? '';
        expect(text, `${s.key} ${lang}`).not.toContain('……………');
        expect(text).toContain('Ελένη Νικολάου');
      }
    }
  });

  it('approving each certificate application issues a signed document to the TaxisNet citizen', async () => {
    const staff = await sessionCookie(sut.db, await makeStaff(sut.db, sut.tenant.id, 'admin', null));
    const { user, cookie } = await taxisnetCitizen(freshAfm());
    const fileId = await fileOf(user.id);
    for (const s of [...ESERVICES, RESIDENCE].filter((x) => x.templateKey)) {
      const t = await getCaseType(sut.db, sut.tenant.id, s.key);
      const filed = await post('/api/cases', { caseType: s.key, channel: 'web', data: sampleAnswers(t.snapshot.form, fileId) }, { cookie });
      expect(filed.statusCode, `${s.key}: ${filed.body}`).toBe(201);
      const caseId = filed.json().id as string;
      for (const transition of ['start_review', 'approve']) {
        const r = await post(`/api/cases/${caseId}/transition`, { transition }, { cookie: staff });
        expect(r.statusCode, r.body).toBe(200);
      }
      await sut.platform.jobs.drain();
      const [doc] = rows<{ template_key: string; recipient_user_id: string; protocol_number: string }>(
        await sut.db.execute(
          sql`select template_key, recipient_user_id, protocol_number from documents where tenant_id = ${sut.tenant.id} and case_id = ${caseId}`,
        ),
      );
      expect(doc, s.key).toEqual({ template_key: s.templateKey, recipient_user_id: user.id, protocol_number: filed.json().protocolNumber });
    }
  }, 240_000);
});

describe('catalogue', () => {
  it('lists services by life event with counts; problems and complaints are not e-services', async () => {
    const all = await get('/api/eservices/catalogue');
    expect(all.statusCode).toBe(200);
    const body = all.json();
    const keys = body.services.map((s: { key: string }) => s.key);
    expect(keys).toEqual(expect.arrayContaining(ESERVICE_KEYS));
    expect(keys).not.toContain('pothole');
    expect(keys).not.toContain('complaint');
    const military = await get('/api/eservices/catalogue?lifeEvent=military');
    expect(
      military
        .json()
        .services.map((s: { key: string }) => s.key)
        .sort(),
    ).toEqual(['military-register-certificate', 'military-register-correction', 'military-register-undeclared'].sort());
    const counts = Object.fromEntries(body.lifeEvents.map((e: { key: string; count: number }) => [e.key, e.count]));
    expect(counts.military).toBe(3);
    expect(body.lifeEvents.find((e: { key: string }) => e.key === 'military').name).toBe('Στρατιωτική θητεία');
    const cert = body.services.find((s: { key: string }) => s.key === 'birth-certificate');
    expect(cert).toMatchObject({
      name: 'Πιστοποιητικό γέννησης',
      identity: 'taxisnet',
      slaDays: 0,
      issuesDocument: true,
      fee: null,
      applyPath: null,
    });
    const divorce = body.services.find((s: { key: string }) => s.key === 'divorce-court-registration');
    expect(divorce.fee.lateFines).toHaveLength(2);
    expect(divorce.issuesDocument).toBe(false);
  });

  it('searches names, descriptions and documents ignoring accents and case, in either language', async () => {
    const keysFor = async (q: string, lang = 'el') =>
      (await get(`/api/eservices/catalogue?q=${encodeURIComponent(q)}`, { 'accept-language': lang }))
        .json()
        .services.map((s: { key: string }) => s.key);
    for (const q of ['γεννηση', 'ΓΈΝΝΗΣΗΣ', 'Γέννησης']) {
      const found = await keysFor(q);
      expect(found, q).toEqual(expect.arrayContaining(['birth-act-copy', 'birth-certificate']));
      expect(found, q).not.toContain('tap-clearance');
    }
    expect(await keysFor('ΔΕΔΔΗΕ')).toEqual(['cleaning-fee-exemption']);
    expect(await keysFor('δεδδηε διακοπη')).toEqual(['cleaning-fee-exemption']);
    expect(await keysFor('αρρενων')).toHaveLength(3);
    expect(await keysFor('MILITARY register', 'en')).toHaveLength(3);
    expect(await keysFor('ξξξξ')).toEqual([]);
    const en = (await get('/api/eservices/catalogue?q=birth', { 'accept-language': 'en' })).json();
    expect(en.services.map((s: { name: string }) => s.name)).toContain('Birth certificate');
    expect(en.lifeEvents.find((e: { key: string }) => e.key === 'birth').name).toBe('Birth');
  });

  it('refuses an unknown life event with 400', async () => {
    expect((await get('/api/eservices/catalogue?lifeEvent=holiday')).statusCode).toBe(400);
  });

  it('shows a service page: documents with keys and registry, issuing unit, fee, form; 404 names nothing', async () => {
    const res = await get('/api/eservices/services/municipal-transfer-recovery');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({
      key: 'municipal-transfer-recovery',
      name: 'Μεταδημότευση για ανάκτηση αρχικής δημοτικότητας',
      identity: 'taxisnet',
      onBehalf: false,
      issuingUnit: { name: 'Τμήμα DIMOT' },
      slaDays: 10,
      fee: null,
      issuesDocument: false,
    });
    expect(page.requiredDocuments).toEqual(
      expect.arrayContaining([
        { key: 'solemn_declaration', label: expect.stringContaining('Υπεύθυνη δήλωση'), optional: false },
        { key: 'family_record', label: 'Πιστοποιητικό οικογενειακής κατάστασης', optional: false, registry: 'family-record' },
      ]),
    );
    expect(page.form.fields.map((f: { id: string }) => f.id)).toContain('applicant');
    const en = (await get('/api/eservices/services/municipal-transfer-recovery', { 'accept-language': 'en' })).json();
    expect(en.issuingUnit.name).toBe('Department DIMOT');
    expect(en.requiredDocuments.find((d: { key?: string }) => d.key === 'family_record').label).toBe('Family status certificate');
    const missing = await get('/api/eservices/services/no-such-service');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'eservices.not_found', message: 'Η υπηρεσία δεν βρέθηκε.' });
    expect((await get('/api/eservices/services/no-such-service', { 'accept-language': 'en' })).json().message).toBe('Service not found.');
    expect((await get('/api/eservices/services/pothole')).statusCode).toBe(404);
  });
});

describe('once-only: prefill from the Μητρώο Πολιτών', () => {
  it('prefills the applicant and names the documents the registry replaces, with the exact ΚΕΔ request', async () => {
    const { user, cookie } = await taxisnetCitizen('123456789');
    const seen = registry.state.requests.length;
    const res = await get('/api/eservices/services/municipal-transfer-recovery/prefill', { cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      source: 'civil-registry',
      answered: true,
      values: {
        applicant: { surname: 'ΠΑΠΑΔΟΠΟΥΛΟΥ', name: 'ΜΑΡΙΑ', fatherName: 'ΓΕΩΡΓΙΟΣ', motherName: 'ΕΛΕΝΗ', birthDate: '1985-04-12' },
      },
      waived: ['family_record', 'birth_certificate', 'marriage_act'],
    });
    const req = registry.state.requests[seen];
    expect(req?.path).toBe('/mitropolitwn/v1/person');
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from('dimos-test:test-secret').toString('base64')}`);
    expect(req?.headers['x-api-key']).toBe('test-api-key');
    expect(req?.body).toMatchObject({
      auditRecord: { auditUnit: sut.tenant.slug, auditUserId: user.id, auditProtocol: 'prefill:municipal-transfer-recovery' },
      getPersonDetailsInputRecord: { afm: '123456789' },
    });
    const birth = (await get('/api/eservices/services/birth-certificate/prefill', { cookie })).json();
    expect(birth.values).toMatchObject({ birthPlace: 'ΑΘΗΝΑ', registryNumber: '1432' });
  });

  it('answers false for a person the registry does not know, a citizen without TaxisNet, and when the registry is down; 401 anonymous', async () => {
    const stranger = await taxisnetCitizen(freshAfm());
    const none = { source: 'civil-registry', answered: false, values: {}, waived: [] };
    expect((await get('/api/eservices/services/birth-certificate/prefill', { cookie: stranger.cookie })).json()).toEqual(none);
    const plain = await verifiedCitizen();
    const seen = registry.state.requests.length;
    expect((await get('/api/eservices/services/birth-certificate/prefill', { cookie: plain.cookie })).json()).toEqual(none);
    expect(registry.state.requests.length).toBe(seen);
    const known = await taxisnetCitizen('135792468');
    registry.state.down = true;
    try {
      expect((await get('/api/eservices/services/birth-certificate/prefill', { cookie: known.cookie })).json()).toEqual(none);
    } finally {
      registry.state.down = false;
    }
    expect((await get('/api/eservices/services/birth-certificate/prefill', { cookie: known.cookie })).json().answered).toBe(true);
    expect((await get('/api/eservices/services/birth-certificate/prefill')).statusCode).toBe(401);
    expect((await get('/api/eservices/services/nope/prefill', { cookie: known.cookie })).statusCode).toBe(404);
  });

  it('the imitation refuses malformed requests, and the adapter treats a refusal or a dead address as no answer', async () => {
    const auth = `Basic ${Buffer.from('dimos-test:test-secret').toString('base64')}`;
    const call = (headers: Record<string, string>, body: unknown) =>
      fetch(`${registry.url}/mitropolitwn/v1/person`, { method: 'POST', headers, body: JSON.stringify(body) });
    const good = { 'content-type': 'application/json', accept: 'application/json', authorization: auth, 'x-api-key': 'test-api-key' };
    const audit = {
      auditUnit: 'x',
      auditTransactionId: 't1',
      auditProtocol: 'p',
      auditTransactionDate: new Date().toISOString(),
      auditUserId: 'u',
      auditUserIp: '127.0.0.1',
    };
    const ok = await call(good, { auditRecord: audit, getPersonDetailsInputRecord: { afm: '123456789' } });
    expect(ok.status).toBe(200);
    const noAudit = await call(good, { getPersonDetailsInputRecord: { afm: '123456789' } });
    expect(noAudit.status).toBe(400);
    expect(((await noAudit.json()) as { errorRecord: { errorCode: string } }).errorRecord.errorCode).toBe('INVALID_AUDIT');
    const { auditUserId: _omit, ...partial } = audit;
    expect((await call(good, { auditRecord: partial, getPersonDetailsInputRecord: { afm: '123456789' } })).status).toBe(400);
    expect((await call(good, { auditRecord: audit, getPersonDetailsInputRecord: { afm: '12345' } })).status).toBe(400);
    expect(
      (await call({ ...good, 'x-api-key': 'wrong' }, { auditRecord: audit, getPersonDetailsInputRecord: { afm: '123456789' } })).status,
    ).toBe(401);
    expect(
      (await call({ ...good, 'content-type': 'text/plain' }, { auditRecord: audit, getPersonDetailsInputRecord: { afm: '123456789' } }))
        .status,
    ).toBe(400);

    const audited = { unit: 'x', userId: 'u', protocol: 'p' };
    const wrongPassword = new KedCivilRegistry({
      url: registry.url,
      username: 'dimos-test',
      password: 'nope',
      apiKey: 'test-api-key',
      timeoutMs: 2000,
    });
    expect(await wrongPassword.lookupByAfm('123456789', audited)).toEqual({ answered: false, reason: 'unavailable' });
    const dead = new KedCivilRegistry({ url: 'http://127.0.0.1:9', username: 'a', password: 'b', timeoutMs: 2000 });
    expect(await dead.lookupByAfm('123456789', audited)).toEqual({ answered: false, reason: 'unavailable' });
    const right = new KedCivilRegistry({
      url: registry.url,
      username: 'dimos-test',
      password: 'test-secret',
      apiKey: 'test-api-key',
      timeoutMs: 2000,
    });
    const found = await right.lookupByAfm('090000045', audited);
    expect(found).toMatchObject({ answered: true, person: { surname: 'ΝΙΚΟΛΑΟΥ', records: ['birth-act', 'family-record'] } });
    expect(await right.lookupByAfm(freshAfm(), audited)).toEqual({ answered: false, reason: 'not_found' });
  });
  it('in development without CIVIL_REGISTRY_* the port answers from the in-process imitation; elsewhere unconfigured it never answers', async () => {
    const audited = { unit: 'demo', userId: 'u', protocol: 'p' };
    const dev = civilRegistryFor(loadConfig({ NODE_ENV: 'development' }));
    expect(await dev.lookupByAfm('123456789', audited)).toMatchObject({
      answered: true,
      person: { surname: 'ΠΑΠΑΔΟΠΟΥΛΟΥ', records: ['birth-act', 'marriage-act', 'family-record'] },
    });
    expect(await dev.lookupByAfm(freshAfm(), audited)).toEqual({ answered: false, reason: 'not_found' });
    // the development server also exposes the imitation for curl, under /api/dev/civil-registry
    const devApp = await createTestApp({ NODE_ENV: 'development' });
    try {
      const body = {
        auditRecord: {
          auditUnit: 'demo',
          auditTransactionId: 't',
          auditProtocol: 'p',
          auditTransactionDate: new Date().toISOString(),
          auditUserId: 'u',
          auditUserIp: '127.0.0.1',
        },
        getPersonDetailsInputRecord: { afm: '090000045' },
      };
      const headers = {
        authorization: `Basic ${Buffer.from('dimos-dev:dimos-dev-secret').toString('base64')}`,
        accept: 'application/json',
      };
      const res = await devApp.app.inject({
        method: 'POST',
        url: '/api/dev/civil-registry/mitropolitwn/v1/person',
        headers,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().getPersonDetailsOutputRecord.surname).toBe('ΝΙΚΟΛΑΟΥ');
      const refused = await devApp.app.inject({
        method: 'POST',
        url: '/api/dev/civil-registry/mitropolitwn/v1/person',
        headers: { accept: 'application/json' },
        payload: body,
      });
      expect(refused.statusCode).toBe(401);
    } finally {
      await devApp.close();
      setCivilRegistry(civilRegistryFor(sut.platform.cfg));
    }
    expect(await civilRegistryFor(loadConfig({ NODE_ENV: 'test' })).lookupByAfm('123456789', audited)).toEqual({
      answered: false,
      reason: 'unavailable',
    });
  }, 120_000);
});

describe('applying', () => {
  const residenceData = (fileId?: string) => ({
    applicant: { surname: 'Νικολάου', name: 'Ελένη', fatherName: 'Πέτρος', afm: '090000045' },
    address: 'Ερμού 12',
    purpose: 'Κάθε νόμιμη χρήση',
    ...(fileId ? { proof_of_residence: [fileId] } : {}),
  });

  it('refuses a citizen without TaxisNet (403 case.taxisnet_required) and an anonymous caller (401), writing nothing', async () => {
    const before = await caseCount();
    const plain = await verifiedCitizen();
    const refused = await post(
      '/api/cases',
      { caseType: 'residence-certificate', channel: 'web', data: residenceData() },
      { cookie: plain.cookie },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('case.taxisnet_required');
    const anonymous = await post('/api/cases', { caseType: 'birth-certificate', channel: 'web', data: {} });
    expect(anonymous.statusCode).toBe(401);
    expect(await caseCount()).toBe(before);
  });

  it('an application for someone else needs the authorisation: 400 data.authorisation in Greek and English, nothing written', async () => {
    const { user, cookie } = await taxisnetCitizen(freshAfm());
    const fileId = await fileOf(user.id);
    const data = {
      onBehalf: true,
      subject: { surname: 'Παππά', name: 'Σοφία', fatherName: 'Ιωάννης', motherName: 'Μαρία', birthDate: '1950-01-02' },
      applicant: { surname: 'Παππάς', name: 'Νίκος' },
      birthPlace: 'Λάρισα',
      purpose: 'Σύνταξη',
    };
    const before = await caseCount();
    const res = await post('/api/cases', { caseType: 'birth-certificate', channel: 'web', data }, { cookie });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      expect.objectContaining({
        field: 'data.authorisation',
        code: 'eservices.authorisation_required',
        message: expect.stringContaining('εξουσιοδότηση'),
      }),
    ]);
    const en = await post('/api/cases', { caseType: 'birth-certificate', channel: 'web', data }, { cookie, 'accept-language': 'en' });
    expect(en.json().fields[0].message).toContain('To apply for another person, attach the authorisation');
    expect(await caseCount()).toBe(before);
    const ok = await post(
      '/api/cases',
      { caseType: 'birth-certificate', channel: 'web', data: { ...data, authorisation: [fileId] } },
      { cookie },
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a missing document is refused with 400 naming it, unless the registry holds it for the applicant', async () => {
    const { user, cookie } = await taxisnetCitizen(freshAfm());
    const fileId = await fileOf(user.id);
    const before = await caseCount();
    const bad = await post('/api/cases', { caseType: 'residence-certificate', channel: 'web', data: residenceData() }, { cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      {
        field: 'data.proof_of_residence',
        code: 'eservices.document_required',
        message: expect.stringContaining('Επισυνάψτε το δικαιολογητικό «Αποδεικτικό κατοικίας'),
      },
    ]);
    const badEn = await post(
      '/api/cases',
      { caseType: 'residence-certificate', channel: 'web', data: residenceData() },
      { cookie, 'accept-language': 'en' },
    );
    expect(badEn.json().fields[0].message).toContain('Attach the supporting document "Proof of residence');

    // the registry does not know this citizen: the registry documents are asked for too
    const transfer = {
      applicant: { surname: 'Νικολάου', name: 'Ελένη', fatherName: 'Πέτρος', motherName: 'Άννα', birthDate: '1990-09-03' },
      originalMunicipality: 'Πάτρα',
      currentMunicipality: 'Αθήνα',
      maritalStatus: 'married',
      solemn_declaration: [fileId],
    };
    const unknown = await post('/api/cases', { caseType: 'municipal-transfer-recovery', channel: 'web', data: transfer }, { cookie });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields.map((f: { field: string }) => f.field)).toEqual([
      'data.family_record',
      'data.birth_certificate',
      'data.marriage_act',
    ]);
    expect(await caseCount()).toBe(before);

    // the registry holds them for this citizen: not asked, and staff read on the timeline what was fetched
    const known = await taxisnetCitizen('123456789');
    const knownFile = await fileOf(known.user.id);
    const ok = await post(
      '/api/cases',
      { caseType: 'municipal-transfer-recovery', channel: 'web', data: { ...transfer, solemn_declaration: [knownFile] } },
      { cookie: known.cookie },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    await sut.platform.jobs.drain();
    const notes = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, ok.json().id), eq(caseEvents.kind, 'note')));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      public: false,
      authorKind: 'system',
      data: { source: 'civil-registry', answered: true, records: ['family-record', 'birth-act', 'marriage-act'] },
    });
    expect(notes[0]?.body).toContain('Ανακτήθηκαν αυτεπάγγελτα από το Μητρώο Πολιτών');
    // the solemn declaration is never waived
    const noDeclaration = await post(
      '/api/cases',
      { caseType: 'municipal-transfer-recovery', channel: 'web', data: { ...transfer, solemn_declaration: undefined } },
      { cookie: known.cookie },
    );
    expect(noDeclaration.json().fields.map((f: { field: string }) => f.field)).toEqual(['data.solemn_declaration']);
  });

  it('a document hidden by its condition is not asked for; optional ones never', async () => {
    const { user, cookie } = await taxisnetCitizen(freshAfm());
    const fileId = await fileOf(user.id);
    const data = {
      applicant: { surname: 'Νικολάου', name: 'Ελένη' },
      spouseFullName: 'Γιώργος Παππάς',
      notary: 'Α. Β.',
      deedNumber: '1234',
      deedDate: '2026-01-10',
      religiousMarriage: false,
      notarial_deed: [fileId],
    };
    const ok = await post('/api/cases', { caseType: 'divorce-notarial-registration', channel: 'web', data }, { cookie });
    expect(ok.statusCode, ok.body).toBe(201);
    const religious = await post(
      '/api/cases',
      { caseType: 'divorce-notarial-registration', channel: 'web', data: { ...data, religiousMarriage: true } },
      { cookie },
    );
    expect(religious.json().fields.map((f: { field: string }) => f.field)).toEqual(['data.spiritual_divorce']);
  });

  it('staff intake is not asked for papers and still records what the registry holds', async () => {
    const operator = await sessionCookie(sut.db, await makeStaff(sut.db, sut.tenant.id, 'operator', null));
    const res = await post(
      '/api/cases/intake',
      {
        caseType: 'municipal-transfer-recovery',
        channel: 'counter',
        data: {
          applicant: {
            surname: 'Νικολάου',
            name: 'Ελένη',
            fatherName: 'Πέτρος',
            motherName: 'Άννα',
            birthDate: '1990-09-03',
            afm: '090000045',
          },
          originalMunicipality: 'Πάτρα',
          currentMunicipality: 'Αθήνα',
          maritalStatus: 'single',
        },
      },
      { cookie: operator },
    );
    expect(res.statusCode, res.body).toBe(201);
    await sut.platform.jobs.drain();
    const [note] = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, res.json().id), eq(caseEvents.kind, 'note')));
    expect(note?.data).toMatchObject({ answered: true, records: ['family-record', 'birth-act'] });
    const [row] = await sut.db.select({ state: cases.state }).from(cases).where(eq(cases.id, res.json().id));
    expect(row?.state).toBe('submitted');
  });
});
