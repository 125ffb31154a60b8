import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { files } from '../../platform/files/files.schema.js';
import { formatHoursText, isOpenAt, parseHoursText } from './hours.js';
import { places } from './schema.js';
import { seedPlacesDemo } from './seed.js';

let sut: TestApp;
let staff: Record<string, string>;

beforeAll(async () => {
  sut = await createTestApp();
  await seedPlacesDemo(sut.db, sut.tenant.id);
  const head = await makeStaff(sut.db, sut.tenant.id, 'head', null);
  staff = sut.headers({ cookie: await sessionCookie(sut.db, head) });
}, 60_000);
afterAll(() => sut.close());

const get = (url: string, headers: Record<string, string> = sut.headers()) => sut.app.inject({ method: 'GET', url, headers });

const body = (over: Record<string, unknown> = {}) => ({
  category: 'culture',
  nameEl: 'Δημοτικό Ωδείο',
  nameEn: 'Municipal Conservatory',
  address: 'Μουσών 1, Νέα Αρκαδία',
  lat: 38.018,
  lon: 23.738,
  phones: ['2101234567'],
  hours: { mon: [{ open: '09:00', close: '14:00' }] },
  wheelchair: 'yes',
  accessibilityEl: 'Ράμπα',
  accessibilityEn: 'Ramp',
  ...over,
});

describe('opening hours', () => {
  it('reads and writes the text form, and tells whether a place is open in Athens time', () => {
    const h = parseHoursText('mon-fri 08:00-14:30, 17:30-21:00; sat 08:00-14:30');
    expect(h?.wed).toEqual([
      { open: '08:00', close: '14:30' },
      { open: '17:30', close: '21:00' },
    ]);
    expect(formatHoursText(h)).toBe('mon-fri 08:00-14:30, 17:30-21:00; sat 08:00-14:30');
    expect(parseHoursText('mon 15:00-08:00')).toBeNull();
    expect(parseHoursText('xyz 08:00-10:00')).toBeNull();
    expect(parseHoursText('mon 08:00-12:00, 11:00-13:00')).toBeNull();
    // Wednesday 2026-07-01 10:00 in Athens is 07:00 UTC (summer time, +3)
    expect(isOpenAt(h, new Date('2026-07-01T07:00:00Z'))).toBe(true);
    expect(isOpenAt(h, new Date('2026-07-01T13:00:00Z'))).toBe(false); // 16:00 in Athens: the break
    expect(isOpenAt(h, new Date('2026-07-05T07:00:00Z'))).toBe(false); // Sunday
    expect(isOpenAt(null, new Date())).toBeNull();
  });
});

describe('public search', () => {
  it('lists categories with counts and about 40 demo places', async () => {
    const cats = (await get('/api/places/categories')).json().items as { key: string; count: number }[];
    expect(cats.map((c) => c.key)).toContain('pharmacies');
    const total = cats.reduce((n, c) => n + c.count, 0);
    expect(total).toBeGreaterThanOrEqual(38);
    const all = (await get('/api/places')).json().items;
    expect(all).toHaveLength(total);
  });

  it('filters by category, map box and words (accents and case ignored)', async () => {
    const pharm = (await get('/api/places?category=pharmacies')).json().items as { category: { key: string } }[];
    expect(pharm.length).toBe(6);
    expect(pharm.every((p) => p.category.key === 'pharmacies')).toBe(true);
    const box = (await get('/api/places?bbox=23.72,38.01,23.74,38.02')).json().items as { lat: number; lon: number }[];
    expect(box.length).toBeGreaterThan(0);
    expect(box.every((p) => p.lon >= 23.72 && p.lon <= 23.74 && p.lat >= 38.01 && p.lat <= 38.02)).toBe(true);
    const words = (await get(`/api/places?q=${encodeURIComponent('ΔΗΜΟΤΙΚΗ ΒΙΒΛΙΟΘΗΚΗ')}`)).json().items as { name: { en: string } }[];
    expect(words.map((p) => p.name.en)).toEqual(['Municipal Library']);
    const en = (await get('/api/places?q=library')).json().items;
    expect(en).toHaveLength(1);
    expect((await get('/api/places?bbox=1,2,3')).statusCode).toBe(400);
  });

  it('orders by distance from a point with distances in metres', async () => {
    const near = (await get('/api/places?near=38.0155,23.7362&limit=5')).json().items as { distanceM: number; name: { en: string } }[];
    expect(near[0]?.name.en).toBe('Central Square');
    const d = near.map((p) => p.distanceM);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(near).toHaveLength(5);
  });

  it('shows the pharmacies on duty today', async () => {
    const duty = (await get('/api/places?onDuty=true')).json().items as { onDutyToday: boolean; category: { key: string } }[];
    expect(duty.length).toBeGreaterThan(0);
    expect(duty.every((p) => p.onDutyToday && p.category.key === 'pharmacies')).toBe(true);
  });

  it('gives one place with hours and accessibility; unknown ids are 404', async () => {
    const [one] = (await get('/api/places?q=library')).json().items;
    const r = await get(`/api/places/${one.id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().hours.mon).toBeTruthy();
    expect(r.json().accessibility.el).toBeTruthy();
    expect((await get('/api/places/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
  });
});

describe('staff editing', () => {
  it('creates, changes, unpublishes and removes a place, audited; citizens cannot', async () => {
    const denied = await sut.app.inject({ method: 'POST', url: '/api/staff/places', headers: sut.headers(), payload: body() });
    expect(denied.statusCode).toBe(401);
    const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const boundary = 'b0undary';
    const upload = await sut.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...staff, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(201);
    const photoId = upload.json().files[0].id;
    const made = await sut.app.inject({ method: 'POST', url: '/api/staff/places', headers: staff, payload: body({ photoIds: [photoId] }) });
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    expect(made.json().photos).toHaveLength(1);
    const [f] = await sut.db.select().from(files).where(eq(files.id, photoId));
    expect(f?.visibility).toBe('public');
    const bad = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/places/${id}`,
      headers: staff,
      payload: body({ hours: { mon: [{ open: '14:00', close: '09:00' }] }, category: 'nope' }),
    });
    expect(bad.statusCode).toBe(400);
    const hidden = await sut.app.inject({
      method: 'PUT',
      url: `/api/staff/places/${id}`,
      headers: staff,
      payload: body({ published: false, nameEn: 'Conservatory' }),
    });
    expect(hidden.statusCode).toBe(200);
    expect((await get(`/api/places/${id}`)).statusCode).toBe(404);
    expect((await get(`/api/staff/places/${id}`, staff)).json().name.en).toBe('Conservatory');
    expect((await sut.app.inject({ method: 'DELETE', url: `/api/staff/places/${id}`, headers: staff })).statusCode).toBe(204);
    const actions = (await sut.db.select().from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action).sort();
    expect(actions).toEqual(['places.create', 'places.delete', 'places.update']);
  });
});

describe('import and export', () => {
  it('exports CSV and GeoJSON that import back unchanged (as updates)', async () => {
    const csv = await get('/api/staff/places/export.csv', staff);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const count = (await get('/api/staff/places', staff)).json().items.length;
    expect(lines).toHaveLength(count + 1);
    const back = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=csv',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: csv.body,
    });
    expect(back.json()).toEqual({ created: 0, updated: count, dryRun: false });
    const geo = await get('/api/staff/places/export.geojson', staff);
    const fc = JSON.parse(geo.body);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features[0].geometry.type).toBe('Point');
    const again = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=geojson',
      headers: { ...staff, 'content-type': 'application/geo+json' },
      payload: geo.body,
    });
    expect(again.json()).toEqual({ created: 0, updated: count, dryRun: false });
    expect((await get('/api/staff/places', staff)).json().items.length).toBe(count);
  });

  it('neutralises spreadsheet formulas in the CSV, and the import takes the neutralisation off again', async () => {
    const [first] = await sut.db.select().from(places).where(eq(places.tenantId, sut.tenant.id)).limit(1);
    if (!first) throw new Error('no place');
    const formula = '=HYPERLINK("http://evil.example","x")';
    await sut.db
      .update(places)
      .set({ nameEn: formula, hoursNoteEl: '+30 210 0000000', descriptionEn: '@SUM(A1)' })
      .where(eq(places.id, first.id));
    const csv = await get('/api/staff/places/export.csv', staff);
    const line = csv.body.split('\r\n').find((l) => l.startsWith(first.id)) ?? '';
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain("'+30 210 0000000");
    expect(line).toContain("'@SUM(A1)");
    expect(line).not.toMatch(/,=|,\+|,@/);
    const back = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=csv',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: csv.body,
    });
    expect(back.statusCode).toBe(200);
    const [after] = await sut.db.select().from(places).where(eq(places.id, first.id));
    expect([after?.nameEn, after?.hoursNoteEl, after?.descriptionEn]).toEqual([formula, '+30 210 0000000', '@SUM(A1)']);
  });

  it('adds new rows, and refuses a file with any bad row, naming row and column, writing nothing', async () => {
    const before = (await sut.db.select({ id: places.id }).from(places).where(eq(places.tenantId, sut.tenant.id))).length;
    const header = 'category,name_el,name_en,address,lat,lon,phones,hours,wheelchair';
    const good = `parks,Νέο Πάρκο,New Park,"Οδός 1, Νέα Αρκαδία",38.02,23.73,2101111111,mon-sun 06:00-22:00,yes`;
    const bad = [header, good, `nope,Κάτι,Something,Οδός 2,38.02,23.73,,,`, `parks,,No name,Οδός 3,91,23.73,,mon 25:00-26:00,maybe`].join(
      '\n',
    );
    const refused = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=csv',
      headers: { ...staff, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: bad,
    });
    expect(refused.statusCode).toBe(400);
    const fields = (refused.json().fields as { field: string; message: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['rows.2.category', 'rows.3.hours', 'rows.3.lat', 'rows.3.name_el', 'rows.3.wheelchair']);
    expect((refused.json().fields as { message: string }[]).every((f) => f.message.length > 0)).toBe(true);
    expect((await sut.db.select({ id: places.id }).from(places).where(eq(places.tenantId, sut.tenant.id))).length).toBe(before);
    const dry = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=csv&dryRun=true',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: [header, good].join('\n'),
    });
    expect(dry.json()).toEqual({ created: 1, updated: 0, dryRun: true });
    const ok = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=csv',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: [header, good].join('\n'),
    });
    expect(ok.json()).toEqual({ created: 1, updated: 0, dryRun: false });
    expect((await sut.db.select({ id: places.id }).from(places).where(eq(places.tenantId, sut.tenant.id))).length).toBe(before + 1);
    const logged = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, sut.tenant.id), eq(auditLog.action, 'places.import')));
    expect(logged.length).toBeGreaterThanOrEqual(3);
    const unknownColumn = await sut.app.inject({
      method: 'POST',
      url: '/api/staff/places/import?format=csv',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: `${header},colour\n${good},red`,
    });
    expect(unknownColumn.statusCode).toBe(400);
    expect(unknownColumn.json().fields[0].field).toBe('columns.colour');
  });
});
