import { api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Category = Json<'/api/reports/categories', 'get', 200>[number];
export type Area = Json<'/api/reports/areas', 'get', 200>[number];
export type MapItem = Json<'/api/reports/map', 'get', 200>['items'][number];
export type ListItem = Json<'/api/reports', 'get', 200>['items'][number];
export type Report = Json<'/api/reports/{id}', 'get', 200>;
export type Nearby = Json<'/api/reports/nearby', 'get', 200>[number];
export type Alert = Json<'/api/reports/alerts', 'get', 200>[number];
export type QueueItem = Json<'/api/reports/moderation', 'get', 200>[number];
export type PublicStatus = Report['status'];
export const STATUSES: PublicStatus[] = ['open', 'planned', 'in_progress', 'fixed', 'closed_not_fixed', 'not_ours'];

export type Filter = { category?: string; status?: string };
const id = (v: string) => ({ params: { path: { id: v } } });

export const listCategories = () => unwrap(api.GET('/api/reports/categories'));
export const listAreas = () => unwrap(api.GET('/api/reports/areas'));
export const mapItems = (bbox: string, zoom: number, f: Filter) =>
  unwrap(api.GET('/api/reports/map', { params: { query: { bbox, zoom, ...f } as never } }));
export const listReports = (q: Filter & { bbox?: string; offset?: number; limit?: number }) =>
  unwrap(api.GET('/api/reports', { params: { query: q as never } }));
export const getReport = (r: string) => unwrap(api.GET('/api/reports/{id}', id(r)));
export const nearbyReports = (q: { category: string; lat: number; lon: number; text?: string }) =>
  unwrap(api.GET('/api/reports/nearby', { params: { query: q } }));
export const followReport = (r: string) => unwrap(api.POST('/api/reports/{id}/follow', id(r)));
export const unfollowReport = (r: string) => unwrap(api.DELETE('/api/reports/{id}/follow', id(r)));
export const notFixed = (r: string, comment: string) => unwrap(api.POST('/api/reports/{id}/not-fixed', { ...id(r), body: { comment } }));
export const myAlerts = () => unwrap(api.GET('/api/reports/alerts'));
export const createAlert = (
  body:
    | { kind: 'point'; lat: number; lon: number; radiusM: number; label?: string }
    | { kind: 'district'; district: string; label?: string },
) => unwrap(api.POST('/api/reports/alerts', { body }));
export const deleteAlert = (a: string) => unwrap(api.DELETE('/api/reports/alerts/{id}', id(a)));
export const moderationQueue = (all: boolean) =>
  unwrap(api.GET('/api/reports/moderation', { params: { query: { all: all ? 'true' : 'false', limit: 20 } } }));
export const moderate = (
  r: string,
  body: { action: 'approve' | 'hide' | 'unhide' | 'redact_text' | 'redact_photo'; reason: string; fileId?: string; title?: string },
) => unwrap(api.POST('/api/reports/{id}/moderation', { ...id(r), body }));
