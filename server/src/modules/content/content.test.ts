import { and, eq, sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeUnit } from '../../../test/factories.js';
import { countQueries } from '../../../test/query-count.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { rows } from '../../platform/db/database.js';
import { storeUpload } from '../../platform/files/index.js';
import { jobs } from '../../platform/jobs/jobs.schema.js';
import { normaliseAda } from './council.service.js';
import { contentAlerts, contentItems, councilAgendaItems, councilMeetings } from './schema.js';

let sut: TestApp;
let press: { user: { id: string }; cookie: string };
let civil: { user: { id: string }; cookie: string };
let other: { user: { id: string }; cookie: string };
let secretariat: { user: { id: string }; cookie: string };
let councillor: { user: { id: string }; cookie: string };

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['content', 'notify'] });
  const t = sut.tenant.id;
  const typou = await makeUnit(sut.db, t, { code: 'TYPOU', kind: 'office' });
  const pp = await makeUnit(sut.db, t, { code: 'POLPROST', kind: 'office' });
  const synt = await makeUnit(sut.db, t, { code: 'SYNT', kind: 'department' });
  const ds = await makeUnit(sut.db, t, { code: 'DS', kind: 'office' });
  press = await makeStaffSession(sut.db, t, 'employee', typou.id);
  civil = await makeStaffSession(sut.db, t, 'employee', pp.id);
  other = await makeStaffSession(sut.db, t, 'employee', synt.id);
  secretariat = await makeStaffSession(sut.db, t, 'employee', ds.id);
  councillor = await makeStaffSession(sut.db, t, 'council', ds.id);
});
afterAll(async () => {
  await sut.close();
});

const as = (s: { cookie: string } | null, extra: Record<string, string> = {}) => sut.headers(s ? { cookie: s.cookie, ...extra } : extra);

async function post(url: string, who: { cookie: string } | null, payload: unknown, method: 'POST' | 'PUT' = 'POST') {
  return sut.app.inject({ method, url, headers: as(who), payload: payload as Record<string, unknown> });
}
const get = (url: string, who: { cookie: string } | null = null, extra: Record<string, string> = {}) =>
  sut.app.inject({ method: 'GET', url, headers: as(who, extra) });

const news = (over: Record<string, unknown> = {}) => ({
  kind: 'news',
  titleEl: 'Νέα πλατεία',
  titleEn: 'New square',
  summaryEl: 'Η πλατεία άνοιξε.',
  summaryEn: 'The square is open.',
  bodyEl: 'Κείμενο',
  ...over,
});

const countItems = async () => (await sut.db.select().from(contentItems).where(eq(contentItems.tenantId, sut.tenant.id))).length;

describe('who may publish', () => {
  it('lets the press office in, and keeps other employees, council members and the public out', async () => {
    expect((await post('/api/content/admin/items', null, news())).statusCode).toBe(401);
    expect((await post('/api/content/admin/items', other, news())).statusCode).toBe(403);
    expect((await post('/api/content/admin/items', councillor, news())).statusCode).toBe(403);
    const ok = await post('/api/content/admin/items', press, news());
    expect(ok.statusCode).toBe(201);
    const perms = await get('/api/content/permissions', press);
    expect(perms.json()).toEqual({ publish: true, alerts: true, council: false });
    expect((await get('/api/content/permissions', other)).json()).toEqual({ publish: false, alerts: false, council: false });
  });
});

describe('news: drafts, publishing, feeds', () => {
  it('keeps a draft private, publishes it, audits both, and lists it newest first', async () => {
    const res = await post('/api/content/admin/items', press, news({ titleEl: 'Πρόχειρο νέο', titleEn: null }));
    const draft = res.json();
    expect(draft.status).toBe('draft');
    const pub1 = await get('/api/content/news');
    expect(pub1.json().items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
    expect((await get(`/api/content/items/${draft.id}`)).statusCode).toBe(404);

    const p = await sut.app.inject({ method: 'POST', url: `/api/content/admin/items/${draft.id}/publish`, headers: as(press) });
    expect(p.statusCode).toBe(200);
    expect(p.json().status).toBe('published');
    const again = await sut.app.inject({ method: 'POST', url: `/api/content/admin/items/${draft.id}/publish`, headers: as(press) });
    expect(again.statusCode).toBe(409);
    const list = (await get('/api/content/news')).json();
    expect(list.items[0].id).toBe(draft.id);
    expect((await get(`/api/content/items/${draft.id}`)).json().titleEl).toBe('Πρόχειρο νέο');

    const actions = await sut.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, sut.tenant.id), eq(auditLog.entityId, draft.id)));
    expect(actions.map((a) => a.action).sort()).toEqual(['content.create', 'content.publish']);
  });

  it('the public news list costs one query (the page and its total together), then none until an item changes in any process', async () => {
    const ids: string[] = [];
    for (const titleEl of ['Πρώτο νέο για την καταμέτρηση', 'Δεύτερο νέο για την καταμέτρηση']) {
      const res = await post('/api/content/admin/items', press, news({ titleEl, titleEn: null, action: 'publish' }));
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const counter = countQueries(sut.db);
    try {
      let page!: Awaited<ReturnType<typeof get>>;
      const seen = await counter.queriesOf(async () => {
        page = await get('/api/content/news?limit=1');
      });
      const total = page.json().total as number;
      expect(page.json().items.map((i: { id: string }) => i.id)).toEqual([ids[1]]);
      expect(total).toBeGreaterThanOrEqual(2);
      expect(seen.filter((q) => /content_items/.test(q))).toHaveLength(1);
      expect(seen).toHaveLength(1);
      // the same page again: its JSON answer from memory (the writes' announcements may still drop it once)
      const again = await settles(() => get('/api/content/news?limit=1'));
      expect(again.seen).toHaveLength(0);
      expect(again.res.body).toBe(page.body);
      let past: unknown;
      const pastSeen = await counter.queriesOf(async () => {
        past = (await get(`/api/content/news?limit=1&offset=${total + 5}`)).json();
      });
      expect(past).toEqual({ items: [], total });
      expect(pastSeen).toHaveLength(2);

      // archived by another process (no write request here): gone from the list once the database announces it
      await sut.db
        .update(contentItems)
        .set({ status: 'archived' })
        .where(eq(contentItems.id, ids[1] as string));
      let after: { items: { id: string }[]; total: number } | undefined;
      for (let i = 0; i < 80; i++) {
        after = (await get('/api/content/news?limit=1')).json();
        if (after?.items[0]?.id !== ids[1]) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(after).toMatchObject({ items: [{ id: ids[0] }], total: total - 1 });
    } finally {
      counter.restore();
    }

    /** Repeats `run` (bounded) until it asks the database nothing. */
    async function settles(run: () => ReturnType<typeof get>) {
      let last = { seen: [] as string[], res: undefined as unknown as Awaited<ReturnType<typeof get>> };
      for (let i = 0; i < 40; i++) {
        let res!: Awaited<ReturnType<typeof get>>;
        const seen = await counter.queriesOf(async () => {
          res = await run();
        });
        last = { seen, res };
        if (!seen.length) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return last;
    }
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = await countItems();
    const noStart = await post('/api/content/admin/items', press, { ...news(), kind: 'event' });
    expect(noStart.statusCode).toBe(400);
    expect(noStart.json().fields).toEqual([expect.objectContaining({ field: 'startsAt', code: 'content.event_dates_required' })]);
    const past = await post('/api/content/admin/items', press, news({ action: 'schedule', publishAt: new Date(Date.now() - 60_000) }));
    expect(past.json().fields[0].field).toBe('publishAt');
    const noTitle = await post('/api/content/admin/items', press, news({ titleEl: '' }));
    expect(noTitle.statusCode).toBe(400);
    expect(JSON.stringify(noTitle.json())).toContain('titleEl');
    const badImage = await post('/api/content/admin/items', press, news({ imageFileId: crypto.randomUUID(), imageAltEl: 'x' }));
    expect(badImage.json().fields[0]).toMatchObject({ field: 'imageFileId', code: 'content.image_invalid' });
    expect(await countItems()).toBe(before);
  });

  it('takes an image from the files module, requires its description and makes it public', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0b5394' } })
      .png()
      .toBuffer();
    const file = await storeUpload(sut.platform, {
      tenantId: sut.tenant.id,
      buffer: png,
      filename: 'square.png',
      allowedKinds: ['image'],
      owner: { userId: press.user.id },
    });
    expect(file.visibility).toBe('private');
    const noAlt = await post('/api/content/admin/items', press, news({ imageFileId: file.id }));
    expect(noAlt.json().fields[0].field).toBe('imageAltEl');
    const ok = await post('/api/content/admin/items', press, news({ imageFileId: file.id, imageAltEl: 'Η πλατεία', action: 'publish' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().imageUrl).toBe(`/api/files/${file.id}`);
    const img = await get(`/api/files/${file.id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
  });

  it('serves RSS 2.0 and Atom per language, parsed back', async () => {
    const title = `Ημέρα δέντρου ${Date.now()}`;
    const it1 = (await post('/api/content/admin/items', press, news({ titleEl: title, titleEn: 'Tree day', action: 'publish' }))).json();
    const greekOnly = (
      await post('/api/content/admin/items', press, news({ titleEl: 'Μόνο ελληνικά', titleEn: null, summaryEn: null, action: 'publish' }))
    ).json();
    const parser = new XMLParser({ ignoreAttributes: false });

    const rss = await get('/api/content/feeds/news.rss?lang=el');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    const doc = parser.parse(rss.body);
    expect(doc.rss['@_version']).toBe('2.0');
    expect(doc.rss.channel.language).toBe('el');
    const items = [doc.rss.channel.item].flat();
    const mine = items.find((i: { guid: { '#text': string } | string }) => JSON.stringify(i.guid).includes(it1.id));
    expect(mine.title).toBe(title);
    expect(mine.link).toMatch(new RegExp(`/news/${it1.id}$`));

    const atom = parser.parse((await get('/api/content/feeds/news.atom?lang=en')).body);
    const entries = [atom.feed.entry].flat();
    const titles = entries.map((e: { title: string | { '#text': string } }) => (typeof e.title === 'string' ? e.title : e.title['#text']));
    expect(titles).toContain('Tree day');
    // English is optional per item: the Greek text stands in.
    expect(titles).toContain('Μόνο ελληνικά');
    expect(atom.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(entries.some((e: { id: string }) => e.id === `urn:uuid:${greekOnly.id}`)).toBe(true);
    // Drafts never reach a feed.
    const draft = (await post('/api/content/admin/items', press, news({ titleEl: 'Κρυφό πρόχειρο' }))).json();
    expect((await get('/api/content/feeds/news.rss')).body).not.toContain(draft.id);
  });
});

describe('scheduled publishing and push', () => {
  it('publishes at the time through a job, once, and pushes through notify', async () => {
    const at = new Date(Date.now() + 3600_000);
    const res = await post(
      '/api/content/admin/items',
      press,
      news({ titleEl: 'Προγραμματισμένο', action: 'schedule', publishAt: at, push: true }),
    );
    const item = res.json();
    expect(item.status).toBe('scheduled');
    const [job] = await sut.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `content.publish:${item.id}:${at.getTime()}`));
    expect(job?.runAt.getTime()).toBe(at.getTime());
    await sut.platform.jobs.drain();
    expect((await get(`/api/content/items/${item.id}`)).statusCode).toBe(404);
    const listed = async () => ((await get('/api/content/news?limit=100')).json().items as { id: string }[]).some((i) => i.id === item.id);
    expect(await listed()).toBe(false); // and that page is now kept in memory

    // The time comes: move it (and its job) into the past, as the clock would.
    const past = new Date(Date.now() - 1000);
    await sut.db.update(contentItems).set({ publishAt: past }).where(eq(contentItems.id, item.id));
    await sut.db
      .update(jobs)
      .set({ runAt: past })
      .where(eq(jobs.id, job?.id as string));
    await sut.platform.jobs.drain();
    const pub = (await get(`/api/content/items/${item.id}`)).json();
    expect(pub.status).toBe('published');
    expect(pub.pushedAt).not.toBeNull();
    // the job's publishing reaches the kept news page (the database announces it; no write request here)
    let shown = false;
    for (let i = 0; i < 80 && !shown; i++) {
      shown = await listed();
      if (!shown) await new Promise((r) => setTimeout(r, 25));
    }
    expect(shown).toBe(true);
    const b = rows<{ status: string; category: string; title_el: string }>(
      await sut.db.execute(
        sql`select status, category, title_el from notify_broadcasts where tenant_id = ${sut.tenant.id} and title_el = 'Προγραμματισμένο'`,
      ),
    );
    expect(b).toEqual([{ status: 'sent', category: 'general', title_el: 'Προγραμματισμένο' }]);
  });

  it('does not publish when the time was moved later after the job was queued', async () => {
    const at = new Date(Date.now() + 3600_000);
    const item = (await post('/api/content/admin/items', press, news({ action: 'schedule', publishAt: at }))).json();
    await sut.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.dedupeKey, `content.publish:${item.id}:${at.getTime()}`));
    await sut.platform.jobs.drain();
    const [row] = await sut.db.select().from(contentItems).where(eq(contentItems.id, item.id));
    expect(row?.status).toBe('scheduled');
  });
});

describe('events and the iCalendar feed', () => {
  it('lists coming events and gives a parseable RFC 5545 calendar', async () => {
    const startsAt = new Date(Date.now() + 5 * 86400_000);
    startsAt.setUTCMilliseconds(0);
    startsAt.setUTCSeconds(0);
    const endsAt = new Date(startsAt.getTime() + 2 * 3600_000);
    const ev = (
      await post('/api/content/admin/items', press, {
        kind: 'event',
        titleEl: 'Συναυλία; στην πλατεία, με κόμμα',
        titleEn: 'Concert in the square',
        summaryEl: 'Ελεύθερη είσοδος',
        startsAt,
        endsAt,
        placeEl: 'Κεντρική πλατεία',
        placeEn: 'Main square',
        lat: 38.01,
        lon: 23.73,
        organiser: 'Πολιτιστικός Σύλλογος',
        action: 'publish',
      })
    ).json();
    const ended = (
      await post('/api/content/admin/items', press, {
        kind: 'event',
        titleEl: 'Παλιά εκδήλωση',
        startsAt: new Date(Date.now() - 3 * 86400_000),
        endsAt: new Date(Date.now() - 3 * 86400_000 + 3600_000),
        action: 'publish',
      })
    ).json();
    const list = (await get('/api/content/events')).json();
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(ev.id);
    expect(ids).not.toContain(ended.id);

    const res = await get('/api/content/feeds/events.ics?lang=el');
    expect(res.headers['content-type']).toContain('text/calendar');
    const comp = new ICAL.Component(ICAL.parse(res.body));
    expect(comp.name).toBe('vcalendar');
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    const vevent = comp.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${ev.id}@dimos`);
    if (!vevent) throw new Error('event missing from the feed');
    const e = new ICAL.Event(vevent);
    expect(e.summary).toBe('Συναυλία; στην πλατεία, με κόμμα');
    expect(e.startDate.toJSDate().getTime()).toBe(startsAt.getTime());
    expect(e.endDate.toJSDate().getTime()).toBe(endsAt.getTime());
    expect(e.location).toBe('Κεντρική πλατεία');
    expect(e.description).toContain('Πολιτιστικός Σύλλογος');
    const en = new ICAL.Component(ICAL.parse((await get('/api/content/feeds/events.ics?lang=en')).body));
    const enEvent = en.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${ev.id}@dimos`);
    expect(enEvent?.getFirstPropertyValue('summary')).toBe('Concert in the square');
    // Every content line is at most 75 octets (RFC 5545 §3.1).
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('urgent alerts', () => {
  const alert = (over: Record<string, unknown> = {}) => ({
    category: 'civil_protection',
    severity: 'severe',
    titleEl: 'Κίνδυνος πυρκαγιάς',
    titleEn: 'Wildfire risk',
    textEl: 'Πολύ υψηλός κίνδυνος πυρκαγιάς αύριο.',
    areaEl: 'Βόρειο τμήμα του Δήμου',
    startsAt: new Date(Date.now() - 60_000),
    endsAt: new Date(Date.now() + 86400_000),
    ...over,
  });

  it('shows only alerts in force, most severe first, and ends them on request', async () => {
    expect((await post('/api/alerts', other, alert())).statusCode).toBe(403);
    const a = (await post('/api/alerts', civil, alert({ push: true }))).json();
    const minor = (await post('/api/alerts', press, alert({ category: 'weather', severity: 'info', titleEl: 'Ζέστη' }))).json();
    await post('/api/alerts', civil, alert({ startsAt: new Date(Date.now() - 2 * 86400_000), endsAt: new Date(Date.now() - 86400_000) }));
    await post('/api/alerts', civil, alert({ startsAt: new Date(Date.now() + 86400_000), endsAt: new Date(Date.now() + 2 * 86400_000) }));
    const active = (await get('/api/alerts/active')).json();
    expect(active.map((x: { id: string }) => x.id)).toEqual([a.id, minor.id]);
    expect(a.pushedAt).not.toBeNull();
    const b = rows<{ category: string; channels: string[] }>(
      await sut.db.execute(
        sql`select category, channels from notify_broadcasts where tenant_id = ${sut.tenant.id} and title_el = 'Κίνδυνος πυρκαγιάς'`,
      ),
    );
    expect(b).toHaveLength(1);
    expect(b[0]?.category).toBe('civil_protection');

    const bad = await post('/api/alerts', civil, alert({ endsAt: new Date(Date.now() - 120_000) }));
    expect(bad.json().fields[0].field).toBe('endsAt');

    const end = await sut.app.inject({ method: 'POST', url: `/api/alerts/${a.id}/end`, headers: as(civil) });
    expect(end.statusCode).toBe(200);
    expect((await get('/api/alerts/active')).json().map((x: { id: string }) => x.id)).toEqual([minor.id]);
    const n = await sut.db
      .select()
      .from(contentAlerts)
      .where(and(eq(contentAlerts.tenantId, sut.tenant.id)));
    expect(n).toHaveLength(4);
  });
});

describe('internal announcements', () => {
  it('are for signed-in staff and council members only', async () => {
    const item = (
      await post(
        '/api/content/admin/items',
        press,
        news({ kind: 'internal', titleEl: 'Εσωτερική ανακοίνωση', push: true, action: 'publish' }),
      )
    ).json();
    expect(item.push).toBe(false);
    expect((await get('/api/content/internal')).statusCode).toBe(401);
    const list = await get('/api/content/internal', councillor);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((i: { id: string }) => i.id)).toContain(item.id);
    expect((await get(`/api/content/items/${item.id}`)).statusCode).toBe(404);
    expect((await get(`/api/content/items/${item.id}`, councillor)).statusCode).toBe(200);
    expect((await get('/api/content/news')).json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    expect((await get('/api/content/feeds/news.rss')).body).not.toContain(item.id);
  });
});

describe('council meetings and decisions', () => {
  it('checks the ΑΔΑ format', () => {
    expect(normaliseAda('ΨΘ82ΩΡΦ-7ΑΙ')).toBe('ΨΘ82ΩΡΦ-7ΑΙ');
    expect(normaliseAda(' ψθ82ωρφ-7αι ')).toBe('ΨΘ82ΩΡΦ-7ΑΙ');
    // Latin look-alikes typed on an English keyboard become the Greek letters.
    expect(normaliseAda('6ΩΛΚΩΡΦ-ΑBE')).toBe('6ΩΛΚΩΡΦ-ΑΒΕ');
    expect(normaliseAda('ΨΘ82ΩΡΦ7ΑΙ')).toBeNull();
    expect(normaliseAda('ΨΘ82ΩΡΦ-7Α')).toBeNull();
    expect(normaliseAda('ΨΘ82ΩΡΦ-7ΑΙΙ')).toBeNull();
    expect(normaliseAda('QW82ΩΡΦ-7ΑΙ')).toBeNull();
  });

  it('lets the secretariat schedule a meeting with agenda and decisions, public to read', async () => {
    const body = {
      titleEl: 'Έκτακτη συνεδρίαση',
      startsAt: new Date(Date.now() + 7 * 86400_000),
      placeEl: 'Δημαρχείο',
      agenda: [{ titleEl: 'Θέμα 1' }, { titleEl: 'Θέμα 2', decisionNumber: '12/2026', ada: 'ψθ82ωρφ-7αι' }],
    };
    expect((await post('/api/council/meetings', councillor, body)).statusCode).toBe(403);
    expect((await post('/api/council/meetings', press, body)).statusCode).toBe(403);
    const before = (await sut.db.select().from(councilMeetings).where(eq(councilMeetings.tenantId, sut.tenant.id))).length;
    const bad = await post('/api/council/meetings', secretariat, { ...body, agenda: [{ titleEl: 'Θέμα', ada: '12345' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ field: 'agenda.0.ada', code: 'council.ada_invalid' })]);
    expect((await sut.db.select().from(councilMeetings).where(eq(councilMeetings.tenantId, sut.tenant.id))).length).toBe(before);

    const created = await post('/api/council/meetings', secretariat, body);
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m.agenda[1]).toMatchObject({ position: 2, ada: 'ΨΘ82ΩΡΦ-7ΑΙ', diavgeiaUrl: expect.stringContaining('diavgeia.gov.gr') });

    const dup = await post('/api/council/meetings', secretariat, { ...body, agenda: [{ titleEl: 'Άλλο', ada: 'ΨΘ82ΩΡΦ-7ΑΙ' }] });
    expect(dup.json().fields[0]).toMatchObject({ field: 'agenda.0.ada', code: 'council.ada_taken' });

    const upcoming = (await get('/api/council/meetings')).json();
    expect(upcoming.find((x: { id: string }) => x.id === m.meeting.id)?.agendaCount).toBe(2);
    const detail = (await get(`/api/council/meetings/${m.meeting.id}`)).json();
    expect(detail.agenda.map((a: { titleEl: string }) => a.titleEl)).toEqual(['Θέμα 1', 'Θέμα 2']);

    // Recording the first decision later keeps the second one's ΑΔΑ (same meeting is not a clash).
    const put = await post(
      `/api/council/meetings/${m.meeting.id}`,
      secretariat,
      { ...body, status: 'held', agenda: [{ titleEl: 'Θέμα 1', ada: 'Ω4ΚΛΩΡΦ-Β2Ε' }, body.agenda[1]] },
      'PUT',
    );
    expect(put.statusCode).toBe(200);
    const items = await sut.db.select().from(councilAgendaItems).where(eq(councilAgendaItems.meetingId, m.meeting.id));
    expect(items.map((i) => i.ada).sort()).toEqual(['Ω4ΚΛΩΡΦ-Β2Ε', 'ΨΘ82ΩΡΦ-7ΑΙ'].sort());
    const actions = await sut.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, m.meeting.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['council.meeting.create', 'council.meeting.update']);
  });
});

describe('demo seed', () => {
  it('gives news, events, an expired alert and a council meeting with decisions', async () => {
    const { seedContentDemo } = await import('./seed.js');
    const { makeTenant } = await import('../../../test/factories.js');
    const t = await makeTenant(sut.db);
    await sut.db.transaction((tx) => seedContentDemo(tx, t.id));
    const h = { 'x-tenant': t.slug };
    const newsPage = (await sut.app.inject({ method: 'GET', url: '/api/content/news', headers: h })).json();
    expect(newsPage.total).toBeGreaterThanOrEqual(3);
    expect((await sut.app.inject({ method: 'GET', url: '/api/content/events', headers: h })).json().total).toBeGreaterThanOrEqual(3);
    expect((await sut.app.inject({ method: 'GET', url: '/api/alerts/active', headers: h })).json()).toEqual([]);
    const past = (await sut.app.inject({ method: 'GET', url: '/api/council/meetings?scope=past', headers: h })).json();
    const d = (await sut.app.inject({ method: 'GET', url: `/api/council/meetings/${past[0].id}`, headers: h })).json();
    expect(d.agenda.every((a: { ada: string }) => normaliseAda(a.ada) === a.ada)).toBe(true);
  });
});
