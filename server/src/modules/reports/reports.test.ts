import { gunzipSync } from 'node:zlib';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { cases } from '../../../test/case-tables.js';
import { makeDevice, makeStaffSession, makeTenant } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { rows } from '../../platform/db/database.js';
import { jobs } from '../../platform/jobs/jobs.schema.js';
import { outboundMessages } from '../../platform/messaging/messaging.schema.js';
import { FIXED_CHECK_QUEUE } from './events.js';
import { forgetMap, mapClusters } from './map.service.js';
import { DEMO_DISTRICTS, seedReportAreas, seedReportCategories, seedReportsDemo } from './seed.js';

let sut: TestApp;
let admin: Record<string, string>;
const CENTRE = { lat: 38.015, lon: 23.735 }; // inside the demo boundary, in the "kentro" district
const NORTH_NEIGHBOUR = { lat: 38.07, lon: 23.73 }; // in Palaia Arkadia
const FAR_AWAY = { lat: 40.64, lon: 22.94 }; // Thessaloniki: nobody we know

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases', 'notify', 'reports'] });
  await seedReportCategories(sut.db, sut.tenant.id);
  await seedReportAreas(sut.db, sut.tenant.id);
  admin = { cookie: (await makeStaffSession(sut.db, sut.tenant.id, 'admin')).cookie };
});
afterAll(() => sut.close());

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: object) =>
  sut.app.inject({ method, url, headers: sut.headers(headers), ...(payload === undefined ? {} : { payload }) });

/** Files a report the way every channel does: through the case engine. */
async function report(
  category: string,
  at: { lat: number; lon: number },
  over: { title?: string; headers?: Record<string, string>; contact?: Record<string, string> } = {},
) {
  const res = await inject('POST', '/api/cases', over.headers ?? {}, {
    caseType: category,
    title: over.title ?? 'Λακκούβα στην οδό Ερμού',
    description: 'Μεγάλη λακκούβα',
    data: {},
    location: { ...at, address: 'Ερμού 10' },
    ...(over.contact ? { contact: over.contact } : {}),
  });
  return res;
}

async function transition(id: string, t: string, comment?: string) {
  const res = await inject('POST', `/api/cases/${id}/transition`, admin, { transition: t, ...(comment ? { comment } : {}) });
  expect(res.statusCode, res.body).toBe(200);
}

/** The notify module's messages by dedupe key pattern (its tables are its own: read them by SQL). */
async function messages(pattern: string) {
  return rows<{ textEl: string; textEn: string }>(
    await sut.db.execute(
      sql`select text_el as "textEl", text_en as "textEn" from notify_messages where tenant_id = ${sut.tenant.id} and dedupe_key like ${pattern}`,
    ),
  );
}

/** A point about `m` metres north of another. */
const north = (p: { lat: number; lon: number }, m: number) => ({ lat: p.lat + m / 111_320, lon: p.lon });

describe('categories and boundary', () => {
  it('lists categories with their unit or outside body', async () => {
    const res = await inject('GET', '/api/reports/categories');
    expect(res.statusCode).toBe(200);
    const water = res.json().find((c: { key: string }) => c.key === 'water-leak');
    expect(water.outsideBody).toMatchObject({ kind: 'water', nameEl: 'Εταιρεία Ύδρευσης Αττικής' });
    expect(res.json().find((c: { key: string }) => c.key === 'pothole').icon).toBe('road');
  });

  it('refuses a report outside the municipality, naming the neighbour in Greek and English, and writes nothing', async () => {
    const before = await sut.db.select({ id: cases.id }).from(cases).where(eq(cases.tenantId, sut.tenant.id));
    const el = await report('pothole', NORTH_NEIGHBOUR);
    expect(el.statusCode).toBe(400);
    expect(el.json().fields[0]).toMatchObject({ field: 'location', code: 'reports.outside_boundary' });
    expect(el.json().fields[0].message).toContain('Δήμος Παλαιάς Αρκαδίας');
    const en = await report('pothole', NORTH_NEIGHBOUR, { headers: { 'accept-language': 'en' } });
    expect(en.json().fields[0].message).toContain('Municipality of Palaia Arkadia');
    const unknown = await report('pothole', FAR_AWAY);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].code).toBe('reports.outside_boundary_unknown');
    const after = await sut.db.select({ id: cases.id }).from(cases).where(eq(cases.tenantId, sut.tenant.id));
    expect(after.length).toBe(before.length);
  });

  it('accepts a report inside, and knows its district', async () => {
    const res = await report('pothole', CENTRE);
    expect(res.statusCode, res.body).toBe(201);
    const page = await inject('GET', `/api/reports/${res.json().id}`);
    expect(page.json().district).toMatchObject({ key: 'kentro' });
    expect(page.json().status).toBe('open');
  });

  it('forwards an outside body’s category: "not our responsibility (sent to X)" and an e-mail to the body', async () => {
    const res = await report('water-leak', CENTRE, { title: 'Τρέχει νερό' });
    expect(res.statusCode).toBe(201);
    await sut.platform.jobs.drain();
    const page = await inject('GET', `/api/reports/${res.json().id}`);
    expect(page.json().status).toBe('not_ours');
    expect(page.json().forwardedTo).toEqual({ el: 'Εταιρεία Ύδρευσης Αττικής', en: 'Attica Water Company' });
    expect(page.json().updates.map((u: { kind: string }) => u.kind)).toContain('forwarded');
    const mails = await sut.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, sut.tenant.id), eq(outboundMessages.recipient, 'vlaves@water.example.gr')));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body).toContain('Τρέχει νερό');
  });
});

describe('public map and list', () => {
  it('clusters by box and zoom, filters, and never shows personal data', async () => {
    const secret = { name: 'Ιωάννα Κρυφή', email: 'ioanna@example.gr', phone: '6912345678' };
    const mine = await report('streetlight', north(CENTRE, 500), { title: 'Σβηστή λάμπα', contact: secret });
    expect(mine.statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await report('rubbish', north(CENTRE, 600 + i * 5), { title: `Κάδος ${i}` })).statusCode).toBe(201);
    forgetMap(sut.tenant.id);
    const far = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=11');
    expect(far.statusCode).toBe(200);
    const clusters = far.json().items.filter((x: { kind: string }) => x.kind === 'cluster');
    expect(clusters.length).toBeGreaterThan(0);
    const summed = far
      .json()
      .items.reduce((n: number, x: { kind: string; count?: number }) => n + (x.kind === 'cluster' ? (x.count ?? 0) : 1), 0);
    expect(summed).toBe(far.json().total);
    const near = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=20');
    expect(near.json().items.every((x: { kind: string }) => x.kind === 'point')).toBe(true);
    expect(near.json().items.length).toBe(far.json().total);
    const body = JSON.stringify(near.json()) + (await inject('GET', `/api/reports/${mine.json().id}`)).body;
    for (const v of [...Object.values(secret), mine.json().trackingCode]) expect(body).not.toContain(v);
    const onlyRubbish = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=20&category=rubbish');
    expect(onlyRubbish.json().total).toBe(5);
    const onlyForwarded = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=20&status=not_ours');
    expect(onlyForwarded.json().items.every((x: { status: string }) => x.status === 'not_ours')).toBe(true);
    const future = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=20&from=2999-01-01');
    expect(future.json().total).toBe(0);
    const list = await inject('GET', '/api/reports?category=rubbish&limit=2');
    expect(list.json().total).toBe(5);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().nextOffset).toBe(2);
    expect(JSON.stringify(list.json())).not.toContain(secret.email);
    const bad = await inject('GET', '/api/reports/map?bbox=1,2,3&zoom=10');
    expect(bad.statusCode).toBe(400);
    // a browser (accept-encoding: gzip) gets the same answer compressed once, ahead of time
    const gz = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=11', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toContain('accept-encoding');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(far.json());
    for (const c of clusters) expect(String(c.lat).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(5);
  });

  it('follows and unfollows a report by device', async () => {
    const r = await report('pothole', north(CENTRE, 900));
    const device = await makeDevice(sut.db, sut.tenant.id);
    const h = { 'x-device-token': device.token };
    expect((await inject('POST', `/api/reports/${r.json().id}/follow`, h)).statusCode).toBe(204);
    expect((await inject('POST', `/api/reports/${r.json().id}/follow`, h)).statusCode).toBe(204);
    let page = await inject('GET', `/api/reports/${r.json().id}`, h);
    expect(page.json()).toMatchObject({ following: true, followers: 1 });
    expect((await inject('DELETE', `/api/reports/${r.json().id}/follow`, h)).statusCode).toBe(204);
    page = await inject('GET', `/api/reports/${r.json().id}`, h);
    expect(page.json()).toMatchObject({ following: false, followers: 0 });
  });
});

describe('duplicates', () => {
  it('finds open reports of the same category within 250 m, and similar text a little further', async () => {
    const spot = { lat: 38.03, lon: 23.74 };
    const close = await report('sidewalk', north(spot, 120), { title: 'Σπασμένες πλάκες πεζοδρομίου' });
    const similarFar = await report('sidewalk', north(spot, 600), { title: 'Σπασμένες πλάκες στο πεζοδρόμιο' });
    const otherFar = await report('sidewalk', north(spot, 620), { title: 'Δέντρο έπεσε' });
    const otherCategory = await report('pothole', north(spot, 50));
    const closedOne = await report('sidewalk', north(spot, 80), { title: 'Σπασμένες πλάκες' });
    await transition(closedOne.json().id, 'close_new', 'Δεν βρέθηκε πρόβλημα');
    const res = await inject(
      'GET',
      `/api/reports/nearby?category=sidewalk&lat=${spot.lat}&lon=${spot.lon}&text=${encodeURIComponent('σπασμενες πλακες')}`,
    );
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((x: { id: string }) => x.id);
    expect(ids).toContain(close.json().id);
    expect(ids).toContain(similarFar.json().id);
    expect(ids).not.toContain(otherFar.json().id);
    expect(ids).not.toContain(otherCategory.json().id);
    expect(ids).not.toContain(closedOne.json().id);
    expect(res.json()[0].id).toBe(close.json().id);
    expect(res.json()[0].distanceM).toBeGreaterThan(100);
    expect(res.json()[0].distanceM).toBeLessThan(140);
    const noText = await inject('GET', `/api/reports/nearby?category=sidewalk&lat=${spot.lat}&lon=${spot.lon}`);
    expect(noText.json().map((x: { id: string }) => x.id)).toEqual([close.json().id]);
    const notCat = await inject('GET', `/api/reports/nearby?category=residence&lat=${spot.lat}&lon=${spot.lon}`);
    expect(notCat.statusCode).toBe(400);
    expect(notCat.json().fields[0].field).toBe('category');
  });
});

describe('honest statuses', () => {
  it('says planned, in progress, fixed; the reporter reopens as not fixed within the window, not after, and no one else can', async () => {
    const r = await report('pothole', north(CENTRE, 1200));
    const id = r.json().id as string;
    const me = { 'x-device-token': r.headers['x-device-token'] as string };
    const status = async () => (await inject('GET', `/api/reports/${id}`, me)).json();
    await transition(id, 'plan');
    expect((await status()).status).toBe('planned');
    await transition(id, 'start_planned');
    expect((await status()).status).toBe('in_progress');
    expect((await inject('POST', `/api/reports/${id}/not-fixed`, me, { comment: 'Ακόμα εκεί' })).json().code).toBe(
      'reports.reopen_not_fixed',
    );
    await transition(id, 'fix');
    const fixed = await status();
    expect(fixed).toMatchObject({ status: 'fixed', canReopen: true });
    const stranger = await makeDevice(sut.db, sut.tenant.id);
    const other = await inject('POST', `/api/reports/${id}/not-fixed`, { 'x-device-token': stranger.token }, { comment: 'Όχι' });
    expect(other.statusCode).toBe(403);
    const ok = await inject('POST', `/api/reports/${id}/not-fixed`, me, { comment: 'Η λακκούβα είναι ακόμα εκεί' });
    expect(ok.statusCode, ok.body).toBe(204);
    const reopened = await status();
    expect(reopened.status).toBe('in_progress');
    expect(reopened.updates.at(-1)).toMatchObject({ kind: 'reopened', body: 'Η λακκούβα είναι ακόμα εκεί', status: 'in_progress' });
    // fixed again, but long ago: the window is over
    await transition(id, 'fix');
    await sut.db
      .update(cases)
      .set({ resolvedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(cases.id, id));
    const late = await inject('POST', `/api/reports/${id}/not-fixed`, me, { comment: 'Πάλι' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('reports.reopen_window_passed');
    expect(late.json().message).toContain('30');
  });

  it('closed without a fix and sent elsewhere are told apart from fixed', async () => {
    const a = await report('pothole', north(CENTRE, 1300));
    await transition(a.json().id, 'close_new', 'Ιδιωτικός δρόμος');
    expect((await inject('GET', `/api/reports/${a.json().id}`)).json().status).toBe('closed_not_fixed');
  });

  it('asks the reporter some weeks after "fixed" whether it really was, once', async () => {
    const r = await report('streetlight', north(CENTRE, 1400), { title: 'Λάμπα Κολοκοτρώνη' });
    const id = r.json().id as string;
    await transition(id, 'start');
    await transition(id, 'fix');
    await sut.platform.jobs.drain();
    const [job] = await sut.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, FIXED_CHECK_QUEUE), like(jobs.dedupeKey, `%${id}%`)));
    expect(job).toBeDefined();
    const weeks = ((job?.runAt.getTime() ?? 0) - Date.now()) / (7 * 86_400_000);
    expect(weeks).toBeGreaterThan(3.9);
    expect(weeks).toBeLessThan(4.1);
    await sut.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, job?.id as string));
    await sut.platform.jobs.drain();
    const asked = await messages(`${FIXED_CHECK_QUEUE}:${id}%`);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.textEl).toContain('Λάμπα Κολοκοτρώνη');
    expect(asked[0]?.textEn).toContain('really');
  });
});

describe('area alerts', () => {
  it('tells point and district subscribers of new reports there, and serves RSS', async () => {
    const near = await makeDevice(sut.db, sut.tenant.id);
    const far = await makeDevice(sut.db, sut.tenant.id);
    const district = await makeDevice(sut.db, sut.tenant.id);
    const spot = { lat: 38.0, lon: 23.705 }; // west district
    const a1 = await inject('POST', '/api/reports/alerts', { 'x-device-token': near.token }, { kind: 'point', ...spot, radiusM: 300 });
    expect(a1.statusCode, a1.body).toBe(201);
    await inject('POST', '/api/reports/alerts', { 'x-device-token': far.token }, { kind: 'point', lat: 38.04, lon: 23.73, radiusM: 300 });
    const a3 = await inject('POST', '/api/reports/alerts', { 'x-device-token': district.token }, { kind: 'district', district: 'dytika' });
    expect(a3.statusCode).toBe(201);
    const badDistrict = await inject(
      'POST',
      '/api/reports/alerts',
      { 'x-device-token': district.token },
      { kind: 'district', district: 'nowhere' },
    );
    expect(badDistrict.statusCode).toBe(400);
    const mine = await inject('GET', '/api/reports/alerts', { 'x-device-token': district.token });
    expect(mine.json()).toHaveLength(1);
    expect(mine.json()[0].district).toBe('dytika');

    const r = await report('rubbish', north(spot, 100), { title: 'Κάδος στη γωνία' });
    await sut.platform.jobs.drain();
    const sent = await messages(`reports.alert:%:${r.json().id}`);
    expect(sent).toHaveLength(2);
    expect(sent.every((m) => m.textEl.includes('Κάδος στη γωνία'))).toBe(true);

    forgetMap(sut.tenant.id);
    const rss = await inject('GET', a1.json().rssPath);
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('Κάδος στη γωνία');
    const drss = await inject('GET', '/api/reports/rss/districts/dytika');
    expect(drss.body).toContain('Κάδος στη γωνία');
    const crss = await inject('GET', '/api/reports/rss/districts/kentro');
    expect(crss.body).not.toContain('Κάδος στη γωνία');
    expect(DEMO_DISTRICTS.map((d) => d.key)).toContain('kentro');

    const other = await inject('DELETE', `/api/reports/alerts/${a1.json().id}`, { 'x-device-token': far.token });
    expect(other.statusCode).toBe(404);
    expect((await inject('DELETE', `/api/reports/alerts/${a1.json().id}`, { 'x-device-token': near.token })).statusCode).toBe(204);
  });
});

describe('moderation', () => {
  it('needs the permission; hides, redacts text and photos with a reason, audited; photos public only once approved', async () => {
    const r = await report('pothole', north(CENTRE, 1600), { title: 'Λακκούβα έξω από το σπίτι του Γιάννη Παπαδόπουλου' });
    const id = r.json().id as string;
    const photo = crypto.randomUUID();
    const photo2 = crypto.randomUUID();
    await sut.db
      .update(cases)
      .set({ fileIds: [photo, photo2] })
      .where(eq(cases.id, id));

    expect((await inject('GET', '/api/reports/moderation')).statusCode).toBe(401);
    const operator = await makeStaffSession(sut.db, sut.tenant.id, 'operator');
    expect((await inject('GET', '/api/reports/moderation', { cookie: operator.cookie })).statusCode).toBe(403);
    const queue = await inject('GET', '/api/reports/moderation', admin);
    expect(queue.json().map((x: { id: string }) => x.id)).toContain(id);

    expect((await inject('GET', `/api/reports/${id}`)).json().photos).toEqual([]);
    const noReason = await inject('POST', `/api/reports/${id}/moderation`, admin, { action: 'approve' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].field).toBe('reason');
    await inject('POST', `/api/reports/${id}/moderation`, admin, { action: 'approve', reason: 'Εντάξει' });
    expect((await inject('GET', `/api/reports/${id}`)).json().photos.sort()).toEqual([photo, photo2].sort());
    await inject('POST', `/api/reports/${id}/moderation`, admin, { action: 'redact_photo', fileId: photo2, reason: 'Φαίνεται πινακίδα' });
    await inject('POST', `/api/reports/${id}/moderation`, admin, {
      action: 'redact_text',
      title: 'Λακκούβα στο οδόστρωμα',
      reason: 'Όνομα ιδιώτη',
    });
    const page = (await inject('GET', `/api/reports/${id}`)).json();
    expect(page.photos).toEqual([photo]);
    expect(page.title).toBe('Λακκούβα στο οδόστρωμα');
    expect(JSON.stringify(page)).not.toContain('Παπαδόπουλου');
    const wrongFile = await inject('POST', `/api/reports/${id}/moderation`, admin, {
      action: 'redact_photo',
      fileId: crypto.randomUUID(),
      reason: 'x y z',
    });
    expect(wrongFile.statusCode).toBe(400);

    expect((await inject('GET', '/api/reports/moderation', admin)).json().map((x: { id: string }) => x.id)).not.toContain(id);
    await inject('POST', `/api/reports/${id}/moderation`, admin, { action: 'hide', reason: 'Προσβλητικό' });
    expect((await inject('GET', `/api/reports/${id}`)).statusCode).toBe(404);
    const map = await inject('GET', '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=20');
    expect(map.json().items.map((x: { id?: string }) => x.id)).not.toContain(id);
    const log = await inject('GET', `/api/reports/${id}/moderation/log`, admin);
    expect(
      log
        .json()
        .map((l: { action: string }) => l.action)
        .sort(),
    ).toEqual(['approve', 'hide', 'redact_photo', 'redact_text']);
    const audited = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), like(auditLog.action, 'report.%')));
    expect(audited).toHaveLength(4);
    await inject('POST', `/api/reports/${id}/moderation`, admin, { action: 'unhide', reason: 'Έγινε λάθος' });
    expect((await inject('GET', `/api/reports/${id}`)).statusCode).toBe(200);
  });
});

describe('demo seed', () => {
  it('gives a municipality its boundary, districts, categories and a few hundred reports, once', async () => {
    const other = await makeTenant(sut.db);
    await seedReportsDemo(sut.db, other.id);
    await seedReportsDemo(sut.db, other.id);
    const all = await mapClusters(sut.db, other.id, [23.6, 37.9, 23.9, 38.1], 20, {});
    expect(all.total).toBe(240);
    const forwarded = await mapClusters(sut.db, other.id, [23.6, 37.9, 23.9, 38.1], 20, { statuses: ['not_ours'] });
    expect(forwarded.total).toBeGreaterThan(0);
  });
});

describe('the map index across server processes', () => {
  it('tells the other processes when it drops its index, and drops its own when another process says so', async () => {
    const heard: { origin: string; tenantId: string; kind: string }[] = [];
    const stop = await sut.platform.database.listen('reports_map', (p) => heard.push(JSON.parse(p)));
    forgetMap(sut.tenant.id);
    await expect.poll(() => heard.some((m) => m.tenantId === sut.tenant.id && m.kind === 'forget')).toBe(true);
    await stop();

    const box = '/api/reports/map?bbox=23.6,37.9,23.9,38.1&zoom=20';
    const before = (await inject('GET', box)).json().total as number;
    // a report filed "elsewhere": this process's event handlers have not run, so its index is unchanged
    expect((await report('rubbish', north(CENTRE, 900), { title: 'Κάδος σε άλλο διακομιστή' })).statusCode).toBe(201);
    expect((await inject('GET', box)).json().total).toBe(before);
    await sut.platform.database.notify(
      'reports_map',
      JSON.stringify({ origin: 'another-process', tenantId: sut.tenant.id, kind: 'forget' }),
    );
    await expect.poll(async () => (await inject('GET', box)).json().total).toBe(before + 1);
  });
});
