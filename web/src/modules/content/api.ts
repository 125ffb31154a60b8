import { api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Item = Json<'/api/content/items/{id}', 'get', 200>;
export type ItemPage = Json<'/api/content/news', 'get', 200>;
export type Category = Json<'/api/content/categories', 'get', 200>[number];
export type Alert = Json<'/api/alerts/active', 'get', 200>[number];
export type Meeting = Json<'/api/council/meetings', 'get', 200>[number];
export type MeetingDetail = Json<'/api/council/meetings/{id}', 'get', 200>;
export type ItemBody = NonNullable<paths['/api/content/admin/items']['post']['requestBody']>['content']['application/json'];
export type AlertBody = NonNullable<paths['/api/alerts']['post']['requestBody']>['content']['application/json'];
export type MeetingBody = NonNullable<paths['/api/council/meetings']['post']['requestBody']>['content']['application/json'];
export type ContentPerms = Json<'/api/content/permissions', 'get', 200>;

export const activeAlerts = () => unwrap(api.GET('/api/alerts/active'));
export const listNews = (query: { limit?: number; offset?: number; category?: string } = {}) =>
  unwrap(api.GET('/api/content/news', { params: { query } }));
export const listEvents = (query: { limit?: number; offset?: number; category?: string } = {}) =>
  unwrap(api.GET('/api/content/events', { params: { query } }));
export const getItem = (id: string) => unwrap(api.GET('/api/content/items/{id}', { params: { path: { id } } }));
export const listCategories = () => unwrap(api.GET('/api/content/categories'));
export const listInternal = () => unwrap(api.GET('/api/content/internal', { params: { query: {} } }));
export const listMeetings = (scope: 'upcoming' | 'past') => unwrap(api.GET('/api/council/meetings', { params: { query: { scope } } }));
export const getMeeting = (id: string) => unwrap(api.GET('/api/council/meetings/{id}', { params: { path: { id } } }));

// ---- staff ----
export const myContentPerms = () => unwrap(api.GET('/api/content/permissions'));
export const editorItems = (query: { status?: Item['status']; kind?: Item['kind'] } = {}) =>
  unwrap(api.GET('/api/content/admin/items', { params: { query: { ...query, limit: 100 } } }));
export const editorItem = (id: string) => unwrap(api.GET('/api/content/admin/items/{id}', { params: { path: { id } } }));
export const createItem = (body: ItemBody) => unwrap(api.POST('/api/content/admin/items', { body }));
export const updateItem = (id: string, body: ItemBody) =>
  unwrap(api.PUT('/api/content/admin/items/{id}', { params: { path: { id } }, body }));
export const archiveItem = (id: string) => unwrap(api.POST('/api/content/admin/items/{id}/archive', { params: { path: { id } } }));
export const allAlerts = () => unwrap(api.GET('/api/alerts', { params: { query: {} } }));
export const createAlert = (body: AlertBody) => unwrap(api.POST('/api/alerts', { body }));
export const endAlert = (id: string) => unwrap(api.POST('/api/alerts/{id}/end', { params: { path: { id } } }));
export const createMeeting = (body: MeetingBody) => unwrap(api.POST('/api/council/meetings', { body }));
export const updateMeeting = (id: string, body: MeetingBody) =>
  unwrap(api.PUT('/api/council/meetings/{id}', { params: { path: { id } }, body }));

/** Uploads one file through the platform files module (checked by content); public, for staff. */
export async function uploadPublic(file: File, kinds: string): Promise<{ id: string; name: string; url: string }> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(`/api/files?kinds=${kinds}&visibility=public`, { method: 'POST', body: form, credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as { files?: { id: string; name: string; url: string }[]; code?: string };
  if (!res.ok || !body.files?.[0]) throw Object.assign(new Error(body.code ?? 'upload'), { code: body.code ?? 'generic' });
  return body.files[0];
}

export type Lang = 'el' | 'en';
/** The text in the chosen language, or the Greek one when English was not written (marked `lang="el"`). */
export function loc(lang: Lang, el: string, en: string | null | undefined): { text: string; lang: Lang } {
  return lang === 'en' && en ? { text: en, lang: 'en' } : { text: el, lang: 'el' };
}
