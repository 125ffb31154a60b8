import { Feed } from 'feed';
import ical from 'ical-generator';
import type { TItem } from './content.service.js';

/** RSS 2.0 and Atom 1.0 for the news (one feed per language), iCalendar (RFC 5545) for the events. */

export type TLang = 'el' | 'en';
type TCtx = { base: string; lang: TLang; tenantName: string; categories: Map<string, { nameEl: string; nameEn: string }> };

const pick = (lang: TLang, el: string, en: string | null | undefined) => (lang === 'en' && en ? en : el);

function newsFeed(items: TItem[], ctx: TCtx) {
  const { base, lang } = ctx;
  const title = lang === 'en' ? `${ctx.tenantName}: news` : `${ctx.tenantName}: νέα`;
  const feed = new Feed({
    id: `${base}/news?lang=${lang}`,
    title,
    description: lang === 'en' ? 'News and announcements of the municipality' : 'Νέα και ανακοινώσεις του δήμου',
    link: `${base}/news`,
    language: lang,
    updated: items[0]?.publishedAt ?? new Date(0),
    generator: 'Dimos',
    copyright: ctx.tenantName,
    feedLinks: {
      rss: `${base}/api/content/feeds/news.rss?lang=${lang}`,
      atom: `${base}/api/content/feeds/news.atom?lang=${lang}`,
    },
  });
  for (const it of items) {
    const cat = it.categoryId ? ctx.categories.get(it.categoryId) : undefined;
    feed.addItem({
      id: `urn:uuid:${it.id}`,
      guid: `urn:uuid:${it.id}`,
      title: pick(lang, it.titleEl, it.titleEn),
      link: `${base}/news/${it.id}`,
      description: pick(lang, it.summaryEl, it.summaryEn) || undefined,
      content: pick(lang, it.bodyEl, it.bodyEn) || undefined,
      date: it.updatedAt,
      published: it.publishedAt ?? it.createdAt,
      category: cat ? [{ name: lang === 'en' ? cat.nameEn : cat.nameEl }] : undefined,
      image: it.imageFileId ? { url: `${base}/api/files/${it.imageFileId}`, type: 'image/jpeg' } : undefined,
    });
  }
  return feed;
}

export const newsRss = (items: TItem[], ctx: TCtx) => newsFeed(items, ctx).rss2();
export const newsAtom = (items: TItem[], ctx: TCtx) => newsFeed(items, ctx).atom1();

export function eventsIcs(items: TItem[], ctx: TCtx) {
  const { base, lang } = ctx;
  const cal = ical({
    name: lang === 'en' ? `${ctx.tenantName}: events` : `${ctx.tenantName}: εκδηλώσεις`,
    prodId: { company: 'Dimos', product: 'content', language: lang.toUpperCase() },
    url: `${base}/events`,
    ttl: 3600,
  });
  for (const it of items) {
    if (!it.startsAt) continue;
    const place = it.placeEl ? pick(lang, it.placeEl, it.placeEn) : null;
    const summary = pick(lang, it.summaryEl, it.summaryEn);
    // ORGANIZER in RFC 5545 is a calendar address (mailto:); an organiser's name goes in the description.
    const organiser = it.organiser ? `${lang === 'en' ? 'Organiser' : 'Διοργάνωση'}: ${it.organiser}` : '';
    const cat = it.categoryId ? ctx.categories.get(it.categoryId) : undefined;
    cal.createEvent({
      id: `${it.id}@dimos`,
      start: it.startsAt,
      // An event without an end lasts an hour in calendars.
      end: it.endsAt ?? new Date(it.startsAt.getTime() + 3600_000),
      stamp: it.publishedAt ?? it.updatedAt,
      lastModified: it.updatedAt,
      summary: pick(lang, it.titleEl, it.titleEn),
      description: [summary, organiser].filter(Boolean).join('\n\n') || undefined,
      location: place ? (it.lat != null && it.lon != null ? { title: place, geo: { lat: it.lat, lon: it.lon } } : place) : undefined,
      url: `${base}/events/${it.id}`,
      categories: cat ? [{ name: lang === 'en' ? cat.nameEn : cat.nameEl }] : undefined,
    });
  }
  return cal.toString();
}
