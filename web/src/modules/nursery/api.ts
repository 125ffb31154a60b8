import { ApiError, api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends 'post' | 'patch' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Call = Json<'/api/nursery/calls/{id}', 'get', 200>;
export type Criterion = Call['criteria'][number];
export type Station = Json<'/api/nursery/stations', 'get', 200>['items'][number];
export type Application = Json<'/api/nursery/my', 'get', 200>['items'][number];
export type StaffApplication = Json<'/api/nursery/admin/calls/{id}/applications', 'get', 200>['items'][number];
export type Ranking = Json<'/api/nursery/calls/{id}/ranking', 'get', 200>;
export type ApplyBody = Body<'/api/nursery/applications', 'post'>;
export type CallBody = Body<'/api/nursery/admin/calls', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });

// public and citizens
export const calls = () => unwrap(api.GET('/api/nursery/calls'));
export const stations = () => unwrap(api.GET('/api/nursery/stations'));
export const ranking = (id: string) => unwrap(api.GET('/api/nursery/calls/{id}/ranking', path(id)));
export const rankingCsvHref = (id: string) => `/api/nursery/calls/${encodeURIComponent(id)}/ranking.csv`;
export const myApplications = () => unwrap(api.GET('/api/nursery/my'));
export const applyNow = (body: ApplyBody) => unwrap(api.POST('/api/nursery/applications', { body }));
export const decideOn = (id: string, decision: 'accept' | 'decline' | 'withdraw') =>
  decision === 'accept'
    ? unwrap(api.POST('/api/nursery/applications/{id}/accept', path(id)))
    : decision === 'decline'
      ? unwrap(api.POST('/api/nursery/applications/{id}/decline', path(id)))
      : unwrap(api.POST('/api/nursery/applications/{id}/withdraw', path(id)));

// staff
export const adminCalls = () => unwrap(api.GET('/api/nursery/admin/calls'));
export const adminStations = () => unwrap(api.GET('/api/nursery/admin/stations'));
export const createCall = (body: CallBody) => unwrap(api.POST('/api/nursery/admin/calls', { body }));
export const callAction = (id: string, action: 'open' | 'close' | 'rank' | 'publish') => {
  if (action === 'open') return unwrap(api.POST('/api/nursery/admin/calls/{id}/open', path(id)));
  if (action === 'close') return unwrap(api.POST('/api/nursery/admin/calls/{id}/close', path(id)));
  if (action === 'rank') return unwrap(api.POST('/api/nursery/admin/calls/{id}/rank', path(id)));
  return unwrap(api.POST('/api/nursery/admin/calls/{id}/publish', path(id)));
};
export const callApplications = (id: string) => unwrap(api.GET('/api/nursery/admin/calls/{id}/applications', path(id)));
export const verify = (id: string, answers: Record<string, unknown>, note: string) =>
  unwrap(api.POST('/api/nursery/admin/applications/{id}/verify', { ...path(id), body: { answers, note } }));
export const removeApplication = (id: string, reason: string) =>
  unwrap(api.POST('/api/nursery/admin/applications/{id}/remove', { ...path(id), body: { reason } }));

export const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : 'generic');
export const messageOf = (e: unknown) => (e instanceof ApiError ? (e.body.message ?? e.code) : String(e));
export const fieldErrorsOf = (e: unknown): Record<string, string> =>
  e instanceof ApiError ? Object.fromEntries((e.body.fields ?? []).map((f) => [f.field, f.message ?? f.code])) : {};

/** The label of a criterion answer as the family reads it. */
export function answerText(c: Criterion, v: unknown, lang: 'el' | 'en', yes: string, no: string) {
  if (c.kind === 'flag') return v === true ? yes : no;
  if (c.kind === 'choice') return c.options.find((o) => o.value === v)?.[lang] ?? '—';
  return v == null ? '—' : String(v);
}
