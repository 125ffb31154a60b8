import { ApiError, api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Category = Json<'/api/places/categories', 'get', 200>['items'][number];
export type PlaceSummary = Json<'/api/places', 'get', 200>['items'][number];
export type Place = Json<'/api/places/{id}', 'get', 200>;
export type PlaceBody = NonNullable<paths['/api/staff/places']['post']['requestBody']>['content']['application/json'];
export type Hours = NonNullable<PlaceBody['hours']>;
export type Filter = { q?: string; category?: string; onDuty?: boolean; openNow?: boolean; near?: { lat: number; lon: number } };

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export const listCategories = async () => (await unwrap(api.GET('/api/places/categories'))).items;

export const searchPlaces = async (f: Filter) =>
  (
    await unwrap(
      api.GET('/api/places', {
        params: {
          query: {
            ...(f.q ? { q: f.q } : {}),
            ...(f.category ? { category: f.category } : {}),
            ...(f.onDuty ? { onDuty: 'true' as const } : {}),
            ...(f.openNow ? { openNow: 'true' as const } : {}),
            ...(f.near ? { near: `${f.near.lat.toFixed(6)},${f.near.lon.toFixed(6)}` } : {}),
          },
        },
      }),
    )
  ).items;

export const getPlace = (id: string) => unwrap(api.GET('/api/places/{id}', { params: { path: { id } } }));

export const staffPlaces = async (q?: string) => (await unwrap(api.GET('/api/staff/places', { params: { query: q ? { q } : {} } }))).items;
export const staffPlace = (id: string) => unwrap(api.GET('/api/staff/places/{id}', { params: { path: { id } } }));
export const createPlace = (body: PlaceBody) => unwrap(api.POST('/api/staff/places', { body }));
export const updatePlace = (id: string, body: PlaceBody) => unwrap(api.PUT('/api/staff/places/{id}', { params: { path: { id } }, body }));
export const deletePlace = (id: string) => unwrap(api.DELETE('/api/staff/places/{id}', { params: { path: { id } } }));

export type ImportResult = { created: number; updated: number; dryRun: boolean };

/** Sends a CSV or GeoJSON file as it is; the answer is the counts or the errors by row and column. */
export async function importFile(file: File, dryRun: boolean): Promise<ImportResult> {
  const geo = /\.(geo)?json$/i.test(file.name);
  const res = await fetch(`/api/staff/places/import?format=${geo ? 'geojson' : 'csv'}${dryRun ? '&dryRun=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': geo ? 'application/geo+json' : 'text/csv' },
    body: await file.text(),
  });
  const body = await res.json().catch(() => ({ code: 'api.unavailable' }));
  if (!res.ok) throw new ApiError(res.status, body);
  return body as ImportResult;
}

/** "mon-fri 08:00-15:00; sat 09:00-13:00" → weekly hours (the server checks them again); null when unreadable. */
export function parseHours(text: string): Hours | null {
  const out: Record<string, { open: string; close: string }[]> = {};
  for (const g of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = g.match(/^([a-z]{3})(?:-([a-z]{3}))?\s+(.+)$/i);
    if (!m) return null;
    const from = DAYS.indexOf(m[1]?.toLowerCase() as Day);
    const to = m[2] ? DAYS.indexOf(m[2].toLowerCase() as Day) : from;
    if (from < 0 || to < from) return null;
    const intervals = (m[3] ?? '').split(',').map((s) => {
      const [open = '', close = ''] = s.trim().split('-');
      return { open: open.trim(), close: close.trim() };
    });
    if (intervals.some((i) => !/^\d{2}:\d{2}$/.test(i.open) || !/^\d{2}:\d{2}$/.test(i.close))) return null;
    for (let d = from; d <= to; d++) out[DAYS[d] as Day] = [...(out[DAYS[d] as Day] ?? []), ...intervals];
  }
  return out as Hours;
}

export function formatHours(h: Hours | null | undefined): string {
  if (!h) return '';
  return DAYS.filter((d) => h[d]?.length)
    .map((d) => `${d} ${(h[d] ?? []).map((i) => `${i.open}-${i.close}`).join(', ')}`)
    .join('; ');
}
