import { ApiError, api, callJson, unwrap } from '../../app/api/client';
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

export type School = Json<'/api/schools', 'get', 200>['items'][number];
export type SchoolDetail = Json<'/api/schools/{id}', 'get', 200>;
export type SchoolBody = Body<'/api/schools', 'post'>;
export type SchoolPatch = Body<'/api/schools/{id}', 'patch'>;
export type RequestItem = Json<'/api/school/requests', 'get', 200>['items'][number];
export type RequestType = Json<'/api/school/request-types', 'get', 200>[number];
export type RequestBody = Body<'/api/school/requests', 'post'>;
export type CaseView = Json<'/api/school/requests/{id}', 'get', 200>;
export type Stats = Json<'/api/schools/stats', 'get', 200>;
export type Figures = Stats['totals'];
export type MapData = Json<'/api/schools/map', 'get', 200>;
export type Level = School['level'];
export const LEVELS: Level[] = ['kindergarten', 'primary', 'gymnasium', 'lyceum', 'vocational', 'special'];

// staff
export const listSchools = (q?: string) => unwrap(api.GET('/api/schools', { params: { query: q ? { q } : {} } }));
export const getSchool = (id: string) => unwrap(api.GET('/api/schools/{id}', { params: { path: { id } } }));
export const createSchool = (body: SchoolBody) => unwrap(api.POST('/api/schools', { body }));
export const updateSchool = (id: string, body: SchoolPatch) => unwrap(api.PATCH('/api/schools/{id}', { params: { path: { id } }, body }));
export const staffRequestTypes = () => unwrap(api.GET('/api/schools/request-types'));
export const fileForSchool = (id: string, body: RequestBody) =>
  unwrap(api.POST('/api/schools/{id}/requests', { params: { path: { id } }, body }));
export const schoolRequestsStaff = (id: string) =>
  unwrap(api.GET('/api/schools/{id}/requests', { params: { path: { id }, query: { status: 'all' } } }));
export const schoolStats = (year?: number) => unwrap(api.GET('/api/schools/stats', { params: { query: year ? { year } : {} } }));
export const schoolsMap = () => unwrap(api.GET('/api/schools/map'));
export const reportHref = (id: string, year: number, ext: 'pdf' | 'csv') =>
  `/api/schools/${encodeURIComponent(id)}/report.${ext}?year=${year}`;
/** Principals are the school organisation's managers, deputies its members (identity invitations). */
export const invite = (orgId: string, email: string, role: 'manager' | 'member') =>
  callJson<unknown>('POST', `/api/partners/${encodeURIComponent(orgId)}/invitations`, { email, role });

// principal (partner users)
export const partnerLogin = (body: { email: string; password: string }) => callJson<unknown>('POST', '/api/partner/login', body);
export const mySchool = () => unwrap(api.GET('/api/school'));
export const myRequestTypes = () => unwrap(api.GET('/api/school/request-types'));
export const myRequests = () => unwrap(api.GET('/api/school/requests', { params: { query: { status: 'all' } } }));
export const myRequest = (id: string) => unwrap(api.GET('/api/school/requests/{id}', { params: { path: { id } } }));
export const fileRequest = (body: RequestBody) => unwrap(api.POST('/api/school/requests', { body }));
export const answerRequest = (id: string, body: string) =>
  unwrap(api.POST('/api/school/requests/{id}/answer', { params: { path: { id } }, body: { body, fileIds: [] } }));
export const confirmRequest = (id: string, comment?: string) =>
  unwrap(api.POST('/api/school/requests/{id}/confirm', { params: { path: { id } }, body: comment ? { comment } : {} }));
export const reopenRequest = (id: string, comment: string) =>
  unwrap(api.POST('/api/school/requests/{id}/reopen', { params: { path: { id } }, body: { comment } }));

export const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : 'generic');
export const fieldErrorsOf = (e: unknown): Record<string, string> =>
  e instanceof ApiError ? Object.fromEntries((e.body.fields ?? []).map((f) => [f.field.replace(/^data\./, ''), f.message ?? f.code])) : {};
