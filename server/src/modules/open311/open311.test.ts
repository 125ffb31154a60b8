import { and, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { cases } from '../../../test/case-tables.js';
import { makeStaff, makeUnit, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { files } from '../../platform/files/files.schema.js';
import { createCaseType, ensureDefaultWorkflows } from '../cases/index.js';
import { reportModeration } from '../reports/index.js';
import { type TSchemaName, violations, xmlAsJson } from './contract.js';
import { open311Clients } from './schema.js';

let sut: TestApp;
let adminCookie: string;
let apiKey: string;
let clientId: string;
const BASE = '/open311/v2';
const label = (el: string, en: string) => ({ el, en });

/** Calls an Open311 URL in the given format and checks the answer against the spec's schema. */
async function call(
  name: TSchemaName,
  method: 'GET' | 'POST',
  path: string,
  opts: { format?: 'json' | 'xml'; form?: Record<string, string | string[]>; headers?: Record<string, string>; payload?: Buffer } = {},
) {
  const format = opts.format ?? 'json';
  const [p, q] = path.split('?');
  const url = `${BASE}${p}.${format}${q ? `?${q}` : ''}`;
  let payload: string | Buffer | undefined = opts.payload;
  const headers: Record<string, string> = { ...sut.headers(), ...opts.headers };
  if (opts.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    payload = params.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  }
  const res = await sut.app.inject({ method, url, headers, payload });
  const body = format === 'json' ? JSON.parse(res.body) : xmlAsJson(name, res.body);
  if (format === 'json') expect(res.headers['content-type']).toMatch(/^application\/json/);
  else expect(res.headers['content-type']).toMatch(/^text\/xml/);
  expect(violations(name, body), `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
  return { status: res.statusCode, body: body as never, raw: res.body, headers: res.headers };
}

const both = ['json', 'xml'] as const;

async function png(color: string) {
  return sharp({ create: { width: 12, height: 12, channels: 3, background: color } })
    .png()
    .toBuffer();
}

function multipart(fields: Record<string, string>, media: { name: string; bytes: Buffer }[]) {
  const boundary = '----open311test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const m of media) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="media[]"; filename="${m.name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      m.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  sut = await createTestApp();
  await ensureDefaultWorkflows(sut.db, sut.tenant.id);
  const unit = await makeUnit(sut.db, sut.tenant.id, { nameEl: 'Τμήμα Συντήρησης', nameEn: 'Maintenance' });
  const snapshot = {
    requiredDocuments: [],
    defaultUnitId: unit.id,
    routing: [],
    workflowKey: 'problems',
    slaDays: 10,
    fee: null,
    issuedDocument: null,
    public: true,
    anonymousAllowed: true,
    locationRequired: true,
  };
  await createCaseType(sut.db, sut.tenant.id, {
    key: 'pothole',
    group: 'roads',
    icon: 'road',
    active: true,
    snapshot: {
      ...snapshot,
      nameEl: 'Λακκούβα',
      nameEn: 'Pothole',
      descriptionEl: 'Λακκούβες στο οδόστρωμα',
      descriptionEn: 'Potholes in the road',
      form: {
        fields: [
          {
            id: 'size',
            kind: 'choice',
            required: true,
            label: label('Μέγεθος', 'Size'),
            options: [
              { value: 'small', label: label('Μικρή', 'Small') },
              { value: 'large', label: label('Μεγάλη', 'Large') },
            ],
          },
          {
            id: 'hazards',
            kind: 'multiChoice',
            label: label('Κίνδυνοι', 'Hazards'),
            options: [
              { value: 'cars', label: label('Για αυτοκίνητα', 'For cars') },
              { value: 'bikes', label: label('Για ποδήλατα', 'For bikes') },
            ],
          },
          { id: 'depth', kind: 'number', label: label('Βάθος (cm)', 'Depth (cm)'), min: 0, max: 200 },
          { id: 'noticed', kind: 'date', label: label('Πότε το είδατε', 'When you saw it'), range: 'past' },
          { id: 'marked', kind: 'yesNo', label: label('Έχει σημανθεί;', 'Is it marked?') },
          { id: 'where', kind: 'location', label: label('Σημείο', 'Place') },
          { id: 'photos', kind: 'files', label: label('Φωτογραφίες', 'Photos') },
          { id: 'note', kind: 'longText', label: label('Σημείωση', 'Note'), showIf: { field: 'size', equals: 'large' }, required: true },
        ],
      },
    },
  });
  await createCaseType(sut.db, sut.tenant.id, {
    key: 'graffiti',
    group: 'cleaning',
    icon: null,
    active: true,
    snapshot: {
      ...snapshot,
      nameEl: 'Γκράφιτι',
      nameEn: 'Graffiti',
      anonymousAllowed: false,
      locationRequired: false,
      form: { fields: [] },
    },
  });
  await createCaseType(sut.db, sut.tenant.id, {
    key: 'internal',
    group: 'staff',
    icon: null,
    active: true,
    snapshot: { ...snapshot, nameEl: 'Εσωτερικό', nameEn: 'Internal', public: false, form: { fields: [] } },
  });
  await createCaseType(sut.db, sut.tenant.id, {
    key: 'certificate',
    group: 'registry',
    icon: null,
    active: true,
    snapshot: {
      ...snapshot,
      nameEl: 'Πιστοποιητικό',
      nameEn: 'Certificate',
      locationRequired: false,
      form: { fields: [{ id: 'applicant', kind: 'person', label: label('Αιτών', 'Applicant'), required: true }] },
    },
  });
  const admin = await makeStaff(sut.db, sut.tenant.id, 'admin', null);
  adminCookie = await sessionCookie(sut.db, admin);
  const res = await sut.app.inject({
    method: 'POST',
    url: '/api/open311/clients',
    headers: sut.headers({ cookie: adminCookie }),
    payload: { name: 'Δοκιμαστική εφαρμογή', contact: 'dev@example.org' },
  });
  expect(res.statusCode).toBe(201);
  apiKey = res.json().apiKey;
  clientId = res.json().client.id;
}, 60_000);
afterAll(() => sut.close());

const report = (over: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  service_code: 'pothole',
  lat: '38.01',
  long: '23.73',
  address_string: 'Οδός Ερμού 10, Νέα Αρκαδία',
  description: 'Βαθιά λακκούβα μπροστά στο περίπτερο',
  'attribute[size]': 'small',
  email: 'maria@example.org',
  first_name: 'Μαρία',
  last_name: 'Παπαδοπούλου',
  phone: '6900000000',
  ...over,
});

describe('client applications', () => {
  it('keeps only a hash of the key, audits the creation, and is for administrators only', async () => {
    const [row] = await sut.db.select().from(open311Clients).where(eq(open311Clients.id, clientId));
    expect(row?.keyHash).not.toContain(apiKey);
    expect(JSON.stringify(row)).not.toContain(apiKey);
    const logged = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, clientId), eq(auditLog.action, 'open311.client_created')));
    expect(logged).toHaveLength(1);
    const list = await sut.app.inject({ method: 'GET', url: '/api/open311/clients', headers: sut.headers({ cookie: adminCookie }) });
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(clientId);
    expect(list.body).not.toContain(apiKey);
    const employee = await makeStaff(sut.db, sut.tenant.id, 'employee', null);
    const denied = await sut.app.inject({
      method: 'POST',
      url: '/api/open311/clients',
      headers: sut.headers({ cookie: await sessionCookie(sut.db, employee) }),
      payload: { name: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const anon = await sut.app.inject({ method: 'GET', url: '/api/open311/clients', headers: sut.headers() });
    expect(anon.statusCode).toBe(401);
  });

  it('a revoked key is refused with 403', async () => {
    const made = await sut.app.inject({
      method: 'POST',
      url: '/api/open311/clients',
      headers: sut.headers({ cookie: adminCookie }),
      payload: { name: 'Παλιά εφαρμογή' },
    });
    const { apiKey: oldKey, client } = made.json();
    expect((await call('post_response', 'POST', '/requests', { form: report({ api_key: oldKey }) })).status).toBe(201);
    const revoked = await sut.app.inject({
      method: 'DELETE',
      url: `/api/open311/clients/${client.id}`,
      headers: sut.headers({ cookie: adminCookie }),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBeTruthy();
    const logged = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, client.id), eq(auditLog.action, 'open311.client_revoked')));
    expect(logged).toHaveLength(1);
    for (const format of both) {
      const r = await call('errors', 'POST', '/requests', { format, form: report({ api_key: oldKey }) });
      expect(r.status).toBe(403);
    }
    const again = await sut.app.inject({
      method: 'DELETE',
      url: `/api/open311/clients/${client.id}`,
      headers: sut.headers({ cookie: adminCookie }),
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('discovery and services', () => {
  it.each(both)('discovery.%s names both formats and this endpoint', async (format) => {
    const r = await call('discovery', 'GET', '/discovery', { format });
    expect(r.status).toBe(200);
    const d = r.body as { endpoints: { url: string; formats: string[] }[] };
    expect(d.endpoints[0]?.url).toMatch(/\/open311\/v2$/);
    expect(d.endpoints[0]?.formats).toEqual(['text/xml', 'application/json']);
  });

  it.each(both)('services.%s lists the public case types, not private ones nor applications with personal data', async (format) => {
    const r = await call('services', 'GET', '/services', { format });
    expect(r.status).toBe(200);
    const list = r.body as { service_code: string; metadata: boolean; type: string; group: string }[];
    expect(list.map((s) => s.service_code).sort()).toEqual(['graffiti', 'pothole']);
    const pothole = list.find((s) => s.service_code === 'pothole');
    expect(pothole).toMatchObject({ metadata: true, type: 'realtime', group: 'roads' });
    expect(list.find((s) => s.service_code === 'graffiti')?.metadata).toBe(false);
  });

  it('answers in English by Accept-Language', async () => {
    const r = await call('services', 'GET', '/services', { headers: { 'accept-language': 'en' } });
    expect((r.body as { service_name: string }[]).map((s) => s.service_name).sort()).toEqual(['Graffiti', 'Pothole']);
  });

  it.each(both)('services/pothole.%s derives the attributes from the form', async (format) => {
    const r = await call('service_definition', 'GET', '/services/pothole', { format });
    expect(r.status).toBe(200);
    const def = r.body as {
      service_code: string;
      attributes: { code: string; datatype: string; required: boolean; order: number; values?: { key: string }[] }[];
    };
    expect(def.service_code).toBe('pothole');
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required])).toEqual([
      ['size', 'singlevaluelist', true],
      ['hazards', 'multivaluelist', false],
      ['depth', 'number', false],
      ['noticed', 'datetime', false],
      ['marked', 'singlevaluelist', false],
      ['note', 'text', false],
    ]);
    const orders = def.attributes.map((a) => a.order);
    expect(new Set(orders).size).toBe(orders.length);
    expect(orders[0]).toBe(1);
    expect(def.attributes[0]?.values?.map((v) => v.key)).toEqual(['small', 'large']);
  });

  it.each(both)('unknown service codes, formats and jurisdictions answer 404 in %s', async (format) => {
    expect((await call('errors', 'GET', '/services/nope', { format })).status).toBe(404);
    expect((await call('errors', 'GET', '/services/internal', { format })).status).toBe(404);
    expect((await call('errors', 'GET', '/services?jurisdiction_id=elsewhere.gr', { format })).status).toBe(404);
    expect((await call('services', 'GET', `/services?jurisdiction_id=${sut.tenant.slug}`, { format })).status).toBe(200);
    expect((await call('services', 'GET', '/services?jurisdiction_id=', { format })).status).toBe(200);
  });

  it('an unknown suffix or path answers in the Open311 error format', async () => {
    const r = await sut.app.inject({ method: 'GET', url: `${BASE}/services.csv`, headers: sut.headers() });
    expect(r.statusCode).toBe(404);
    expect(violations('errors', xmlAsJson('errors', r.body))).toEqual([]);
    const j = await sut.app.inject({ method: 'GET', url: `${BASE}/nothing/here.json`, headers: sut.headers() });
    expect(j.statusCode).toBe(404);
    expect(violations('errors', j.json()), j.body).toEqual([]);
  });

  it('works under the /t/<slug>/ prefix; an unknown tenant is a 404 in the Open311 format', async () => {
    const ok = await sut.app.inject({ method: 'GET', url: `/t/${sut.tenant.slug}${BASE}/services.json` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().length).toBe(2);
    const d = await sut.app.inject({ method: 'GET', url: `/t/${sut.tenant.slug}${BASE}/discovery.json` });
    expect(d.json().endpoints[0].url).toContain(`/t/${sut.tenant.slug}/open311/v2`);
    const missing = await sut.app.inject({ method: 'GET', url: `/t/no-such-town${BASE}/services.xml` });
    expect(missing.statusCode).toBe(404);
    expect(violations('errors', xmlAsJson('errors', missing.body))).toEqual([]);
  });
});

describe('POST requests', () => {
  it.each(both)('files a case through the case engine and answers its id at once (%s)', async (format) => {
    const r = await call('post_response', 'POST', '/requests', {
      format,
      form: report({ 'attribute[hazards][]': ['cars', 'bikes'], 'attribute[depth]': '12,5', 'attribute[marked]': 'false' }),
    });
    expect(r.status).toBe(201);
    const [answer] = r.body as { service_request_id: string; service_notice: string }[];
    const [c] = await sut.db
      .select()
      .from(cases)
      .where(eq(cases.id, answer?.service_request_id as string));
    expect(c).toMatchObject({ channel: 'api', lat: 38.01, lon: 23.73, address: 'Οδός Ερμού 10, Νέα Αρκαδία', protocolStatus: 'assigned' });
    expect(c?.data).toEqual({ size: 'small', hazards: ['cars', 'bikes'], depth: 12.5, marked: false });
    expect(c?.contact).toEqual({ name: 'Μαρία Παπαδοπούλου', email: 'maria@example.org', phone: '6900000000' });
    expect(c?.unitId).toBeTruthy();
    expect(answer?.service_notice).toContain(c?.protocolNumber as string);
    const logged = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c?.id as string), eq(auditLog.action, 'open311.request')));
    expect(logged[0]?.data).toMatchObject({ clientId });
  });

  it.each(both)('refuses a missing or wrong api_key with 403 and writes nothing (%s)', async (format) => {
    const before = (await sut.db.select({ id: cases.id }).from(cases)).length;
    const missing = await call('errors', 'POST', '/requests', { format, form: report({ api_key: '' }) });
    expect(missing.status).toBe(403);
    const wrong = await call('errors', 'POST', '/requests', { format, form: report({ api_key: 'o311_not-a-real-key' }) });
    expect(wrong.status).toBe(403);
    expect((await sut.db.select({ id: cases.id }).from(cases)).length).toBe(before);
  });

  it.each(both)('answers 400 for a missing service_code and 404 for an unknown or private one (%s)', async (format) => {
    expect((await call('errors', 'POST', '/requests', { format, form: report({ service_code: '' }) })).status).toBe(400);
    expect((await call('errors', 'POST', '/requests', { format, form: report({ service_code: 'nope' }) })).status).toBe(404);
    expect((await call('errors', 'POST', '/requests', { format, form: report({ service_code: 'internal' }) })).status).toBe(404);
    expect((await call('errors', 'POST', '/requests', { format, form: report({ service_code: 'certificate' }) })).status).toBe(404);
  });

  it('reports every problem at once, one error each, and writes nothing', async () => {
    const before = (await sut.db.select({ id: cases.id }).from(cases)).length;
    const r = await call('errors', 'POST', '/requests', {
      form: report({
        lat: '38.01',
        long: '',
        'attribute[size]': 'huge',
        'attribute[colour]': 'red',
        description: 'x'.repeat(4001),
        email: 'not-mail',
      }),
    });
    expect(r.status).toBe(400);
    const descriptions = (r.body as { description: string }[]).map((e) => e.description);
    expect(descriptions.length).toBeGreaterThanOrEqual(4);
    expect(descriptions.join('|')).toMatch(/lat and long/);
    expect(descriptions.join('|')).toMatch(/attribute\[colour\]/);
    expect(descriptions.join('|')).toMatch(/4000/);
    expect(descriptions.join('|')).toMatch(/email/);
    const invalid = await call('errors', 'POST', '/requests', { form: report({ 'attribute[size]': 'huge' }) });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { description: string }[])[0]?.description).toMatch(/^size:/);
    const noPlace = await call('errors', 'POST', '/requests', { form: report({ lat: '', long: '', address_string: '' }) });
    expect(noPlace.status).toBe(400);
    const required = await call('errors', 'POST', '/requests', { form: report({ 'attribute[size]': '' }) });
    expect(required.status).toBe(400);
    expect((await sut.db.select({ id: cases.id }).from(cases)).length).toBe(before);
  });

  it('refuses free text longer than the case API takes (phone 40, names, address) instead of cutting it', async () => {
    const before = (await sut.db.select({ id: cases.id }).from(cases)).length;
    const r = await call('errors', 'POST', '/requests', {
      form: report({ phone: '6'.repeat(1000), first_name: 'Μ'.repeat(101), address_string: 'Ο'.repeat(301) }),
    });
    expect(r.status).toBe(400);
    const descriptions = (r.body as { description: string }[]).map((e) => e.description).join('|');
    expect(descriptions).toMatch(/phone may be at most 40/);
    expect(descriptions).toMatch(/first_name may be at most 100/);
    expect(descriptions).toMatch(/address_string may be at most 300/);
    expect((await sut.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    const ok = await call('post_response', 'POST', '/requests', { form: report({ phone: '6'.repeat(40) }) });
    expect(ok.status).toBe(201);
  });

  it('asks for a way to reach the reporter when the type does not take anonymous reports', async () => {
    const r = await call('errors', 'POST', '/requests', { form: report({ service_code: 'graffiti', email: '', phone: '' }) });
    expect(r.status).toBe(400);
    const ok = await call('post_response', 'POST', '/requests', {
      form: report({ service_code: 'graffiti', 'attribute[size]': '', lat: '', long: '', address_string: 'Πλατεία 1' }),
    });
    expect(ok.status).toBe(201);
  });

  it('makes retries with the same Idempotency-Key return the same request', async () => {
    const headers = { 'idempotency-key': 'retry-1' };
    const a = await call('post_response', 'POST', '/requests', { form: report(), headers });
    const b = await call('post_response', 'POST', '/requests', { form: report(), headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect((b.body as { service_request_id: string }[])[0]?.service_request_id).toBe(
      (a.body as { service_request_id: string }[])[0]?.service_request_id,
    );
  });

  it('takes several media files by multipart, stores them privately, and shows them once public', async () => {
    const mp = multipart(
      { api_key: apiKey, service_code: 'pothole', lat: '38.02', long: '23.74', 'attribute[size]': 'small', description: 'Με φωτογραφίες' },
      [
        { name: 'a.png', bytes: await png('#ff0000') },
        { name: 'b.png', bytes: await png('#00ff00') },
      ],
    );
    const r = await call('post_response', 'POST', '/requests', { payload: mp.payload, headers: mp.headers });
    expect(r.status).toBe(201);
    const id = (r.body as { service_request_id: string }[])[0]?.service_request_id as string;
    const [c] = await sut.db.select().from(cases).where(eq(cases.id, id));
    expect(c?.fileIds).toHaveLength(2);
    const stored = await sut.db.select().from(files).where(eq(files.tenantId, sut.tenant.id));
    const mine = stored.filter((f) => c?.fileIds.includes(f.id));
    expect(mine.map((f) => [f.kind, f.visibility])).toEqual([
      ['image', 'private'],
      ['image', 'private'],
    ]);
    const before = await call('requests', 'GET', `/requests/${id}`);
    expect((before.body as { media_url: string | null }[])[0]?.media_url).toBeNull();
    await sut.db
      .update(files)
      .set({ visibility: 'public' })
      .where(eq(files.id, c?.fileIds[0] as string));
    for (const format of both) {
      const after = await call('requests', 'GET', `/requests/${id}`, { format });
      const v = (after.body as { media_url: string; media_urls: string[] }[])[0];
      expect(v?.media_url).toMatch(new RegExp(`/api/files/${c?.fileIds[0]}$`));
      expect(v?.media_urls).toHaveLength(1);
    }
  });

  it('refuses a file that is not an image or video, and files sent under another name', async () => {
    const bad = multipart({ api_key: apiKey, service_code: 'pothole', lat: '38.02', long: '23.74', 'attribute[size]': 'small' }, [
      { name: 'x.png', bytes: Buffer.from('#!/bin/sh\necho hi\n') },
    ]);
    expect((await call('errors', 'POST', '/requests', { payload: bad.payload, headers: bad.headers })).status).toBe(400);
    const tooMany = multipart(
      { api_key: apiKey, service_code: 'pothole', lat: '38.02', long: '23.74', 'attribute[size]': 'small' },
      await Promise.all(
        ['#000001', '#000002', '#000003', '#000004', '#000005', '#000006'].map(async (c) => ({ name: 'p.png', bytes: await png(c) })),
      ),
    );
    expect((await call('errors', 'POST', '/requests', { payload: tooMany.payload, headers: tooMany.headers })).status).toBe(400);
  });

  it('finds the request by the token it answered in the Open311-Token header', async () => {
    const r = await call('post_response', 'POST', '/requests', { form: report() });
    const token = r.headers['open311-token'] as string;
    expect(token).toBeTruthy();
    for (const format of both) {
      const t = await call('tokens', 'GET', `/tokens/${token}`, { format });
      expect(t.status).toBe(200);
      expect((t.body as { service_request_id: string }[])[0]?.service_request_id).toBe(
        (r.body as { service_request_id: string }[])[0]?.service_request_id,
      );
      expect((await call('errors', 'GET', '/tokens/unknown-token', { format })).status).toBe(404);
    }
  });
});

describe('GET requests', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 3; i++) {
      const r = await call('post_response', 'POST', '/requests', { form: report({ description: `Αναφορά ${i}` }) });
      ids.push((r.body as { service_request_id: string }[])[0]?.service_request_id as string);
    }
    await sut.db
      .update(cases)
      .set({ stateCategory: 'resolved', state: 'resolved', resolvedAt: new Date() })
      .where(eq(cases.id, ids[0] as string));
  });

  it.each(both)('lists requests without any personal data (%s)', async (format) => {
    const r = await call('requests', 'GET', '/requests', { format });
    expect(r.status).toBe(200);
    const list = r.body as { service_request_id: string; status: string; lat: number }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const secret of ['maria@example.org', 'Παπαδοπούλου', '6900000000', apiKey]) expect(r.raw).not.toContain(secret);
    const closed = list.find((x) => x.service_request_id === ids[0]);
    expect(closed?.status).toBe('closed');
    expect(list.find((x) => x.service_request_id === ids[1])?.status).toBe('open');
  });

  it('leaves out a report a moderator hid and shows the redacted text of one they edited', async () => {
    await sut.db.insert(reportModeration).values([
      { caseId: ids[1] as string, tenantId: sut.tenant.id, reviewed: true, hidden: true, hiddenReason: 'Προσβλητικό' },
      { caseId: ids[2] as string, tenantId: sut.tenant.id, reviewed: true, publicDescription: 'Αναφορά [αφαιρέθηκε]' },
    ]);
    try {
      const r = await call('requests', 'GET', '/requests');
      const list = r.body as { service_request_id: string; description: string | null }[];
      expect(list.map((x) => x.service_request_id)).not.toContain(ids[1]);
      expect(list.find((x) => x.service_request_id === ids[2])?.description).toBe('Αναφορά [αφαιρέθηκε]');
      const one = await call('errors', 'GET', `/requests/${ids[1]}`);
      expect(one.status).toBe(404);
    } finally {
      await sut.db.delete(reportModeration).where(inArray(reportModeration.caseId, [ids[1] as string, ids[2] as string]));
    }
  });

  it('filters by status, service code and id list (the ids override everything else)', async () => {
    const closed = await call('requests', 'GET', '/requests?status=closed');
    expect((closed.body as { service_request_id: string }[]).map((x) => x.service_request_id)).toEqual([ids[0]]);
    const open = await call('requests', 'GET', '/requests?status=open');
    expect((open.body as { status: string }[]).every((x) => x.status === 'open')).toBe(true);
    const both_ = await call('requests', 'GET', '/requests?status=open,closed');
    expect((both_.body as unknown[]).length).toBe((open.body as unknown[]).length + 1);
    const graffiti = await call('requests', 'GET', '/requests?service_code=graffiti');
    expect((graffiti.body as { service_code: string }[]).every((x) => x.service_code === 'graffiti')).toBe(true);
    expect((graffiti.body as unknown[]).length).toBe(1);
    const byId = await call('requests', 'GET', `/requests?service_request_id=${ids[1]},${ids[2]}&status=closed&service_code=graffiti`);
    expect((byId.body as { service_request_id: string }[]).map((x) => x.service_request_id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it('filters by dates (W3C with a time zone, at most 90 days) and updated_after', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    const recent = await call(
      'requests',
      'GET',
      `/requests?start_date=${iso(now - 3600_000)}&end_date=${encodeURIComponent(iso(now + 3600_000))}`,
    );
    expect((recent.body as unknown[]).length).toBeGreaterThanOrEqual(3);
    const past = await call('requests', 'GET', `/requests?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B02:00`);
    expect(past.body).toEqual([]);
    for (const format of both) {
      expect(
        (await call('errors', 'GET', '/requests?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z', { format })).status,
      ).toBe(400);
      expect((await call('errors', 'GET', '/requests?start_date=2020-01-01', { format })).status).toBe(400);
      expect((await call('errors', 'GET', '/requests?status=pending', { format })).status).toBe(400);
      expect((await call('errors', 'GET', '/requests?page_size=5000', { format })).status).toBe(400);
    }
    await sut.db
      .update(cases)
      .set({ updatedAt: new Date(now + 60_000) })
      .where(eq(cases.id, ids[2] as string));
    const changed = await call('requests', 'GET', `/requests?updated_after=${iso(now + 30_000)}`);
    expect((changed.body as { service_request_id: string }[]).map((x) => x.service_request_id)).toEqual([ids[2]]);
  });

  it('pages with page and page_size, newest first, without overlaps', async () => {
    const all = (await call('requests', 'GET', '/requests')).body as { service_request_id: string }[];
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 2); page++) {
      const r = await call('requests', 'GET', `/requests?page=${page}&page_size=2`);
      seen.push(...(r.body as { service_request_id: string }[]).map((x) => x.service_request_id));
    }
    expect(seen).toEqual(all.map((x) => x.service_request_id));
    expect((await call('requests', 'GET', `/requests?page=${all.length + 1}&page_size=2`)).body).toEqual([]);
  });

  it.each(both)('gets one request, and 404 for an unknown or non-Open311 id (%s)', async (format) => {
    const r = await call('requests', 'GET', `/requests/${ids[1]}`, { format });
    expect(r.status).toBe(200);
    const [one] = r.body as {
      service_request_id: string;
      service_code: string;
      description: string;
      agency_responsible: string;
      expected_datetime: string;
    }[];
    expect(one).toMatchObject({
      service_request_id: ids[1],
      service_code: 'pothole',
      description: 'Αναφορά 1',
      agency_responsible: 'Τμήμα Συντήρησης',
    });
    expect(one?.expected_datetime).toMatch(/T23:59:59\+0[23]:00$/);
    expect((await call('errors', 'GET', '/requests/00000000-0000-0000-0000-000000000000', { format })).status).toBe(404);
    expect((await call('errors', 'GET', '/requests/not-an-id', { format })).status).toBe(404);
  });
});
