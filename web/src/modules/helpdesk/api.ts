import { ApiError, type ApiErrorBody } from '../../app/api/client';
import type { Localized } from '../../app/api/endpoints';

/** The help desk's calls: the case engine's staff routes and the helpdesk routes (hand-typed, see server README). */

async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'api.unavailable' });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const parsed: unknown = type.includes('json') ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok || parsed === undefined) {
    const err = parsed && typeof parsed === 'object' && 'code' in parsed ? (parsed as ApiErrorBody) : { code: 'api.unavailable' };
    throw new ApiError(response.status || 503, err);
  }
  return parsed as T;
}

const qs = (q: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export type Category = 'new' | 'open' | 'in_progress' | 'waiting_citizen' | 'resolved' | 'rejected' | 'closed';
export type Channel = 'app' | 'web' | 'kiosk' | 'phone' | 'counter' | 'open311' | 'api';
export const CHANNELS: Channel[] = ['app', 'web', 'kiosk', 'phone', 'counter', 'open311', 'api'];
export const CATEGORIES: Category[] = ['new', 'open', 'in_progress', 'waiting_citizen', 'resolved', 'rejected', 'closed'];

export interface CaseSummary {
  id: string;
  protocolNumber: string | null;
  protocolStatus: 'assigned' | 'pending';
  title: string;
  caseType: { id: string; key: string; version: number; name: Localized };
  state: string;
  stateName: Localized;
  stateCategory: Category;
  channel: Channel;
  unitId: string | null;
  assigneeId: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tags: string[];
  location: { lat: number; lon: number; address?: string } | null;
  dueDate: string | null;
  overdue: boolean;
  submittedAt: string;
  resolvedAt: string | null;
  mergedIntoId: string | null;
}

import type { FormAnswer } from '../forms';

export interface CaseEvent {
  id: string;
  kind: string;
  public: boolean;
  body: string | null;
  authorKind: string;
  authorUserId?: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  description: string | null;
  data: Record<string, unknown>;
  /** `data` rendered with the form definition (labels, choice labels, people, dates, file names). */
  answers: FormAnswer[];
  fileIds: string[];
  contact: { name?: string; email?: string; phone?: string };
  trackingCode: string;
  citizenUserId: string | null;
  timeline: CaseEvent[];
  links: string[];
  transitions: { key: string; to: string; name: Localized; commentRequired: boolean; allowed: boolean }[];
}

export interface CaseFilters {
  q?: string;
  type?: string;
  category?: Category;
  unitId?: string;
  assigneeId?: string;
  channel?: Channel;
  from?: string;
  to?: string;
  overdue?: 'true' | 'false';
  bbox?: string;
  tag?: string;
  sort?: 'submitted_desc' | 'submitted_asc' | 'due_asc' | 'relevance';
}

export interface CaseList {
  items: CaseSummary[];
  nextCursor: string | null;
  counts: Record<string, number> | null;
  total: number;
  capped: boolean;
}

export const listCases = (f: CaseFilters & { cursor?: string; limit?: number }) =>
  call<CaseList>('GET', `/api/cases${qs(f as Record<string, string>)}`);
/** The same list with repeated parameters (several state categories). */
export const listCasesBy = (params: URLSearchParams) => call<CaseList>('GET', `/api/cases?${params.toString()}`);
export const getCase = (id: string) => call<CaseDetail>('GET', `/api/cases/${id}`);
export const caseVerb = (id: string, verb: string, body: unknown) => call<CaseDetail>('POST', `/api/cases/${id}/${verb}`, body);
export const patchCase = (id: string, body: { priority?: CaseSummary['priority']; tags?: string[] }) =>
  call<CaseDetail>('PATCH', `/api/cases/${id}`, body);

export interface Diagram {
  nodes: { key: string; nameEl: string; nameEn: string; category: string; initial: boolean; current: boolean }[];
  edges: {
    id: string;
    key: string;
    from: string;
    to: string;
    source: string;
    target: string;
    nameEl: string;
    nameEn: string;
    roles: string[];
    commentRequired: boolean;
    citizenVisible: boolean;
  }[];
  current: string | null;
}
export const getCaseWorkflow = (id: string) => call<Diagram>('GET', `/api/cases/${id}/workflow`);

export interface UnitNode {
  id: string;
  nameEl: string;
  nameEn: string;
  children?: UnitNode[];
}
export const listUnits = () => call<{ items: UnitNode[] }>('GET', '/api/units');
export function flattenUnits(nodes: UnitNode[], depth = 0): { id: string; name: Localized; depth: number }[] {
  return nodes.flatMap((n) => [{ id: n.id, name: { el: n.nameEl, en: n.nameEn }, depth }, ...flattenUnits(n.children ?? [], depth + 1)]);
}

export interface Colleague {
  id: string;
  name: string;
  email: string | null;
  units: string[];
}
export const listColleagues = () => call<Colleague[]>('GET', '/api/helpdesk/staff');

export interface InboxCounts {
  today: string;
  dueSoonDays: number;
  mine: { open: number; overdue: number; dueSoon: number };
  units: { unitId: string | null; open: number; overdue: number; dueSoon: number; unassigned: number }[];
}
export const inboxCounts = () => call<InboxCounts>('GET', '/api/helpdesk/inbox');

export interface SavedView {
  id: string;
  name: string;
  filters: CaseFilters;
  unitId: string | null;
  mine: boolean;
}
export const listViews = () => call<SavedView[]>('GET', '/api/helpdesk/views');
export const createView = (body: { name: string; filters: CaseFilters; unitId?: string | null }) =>
  call<SavedView>('POST', '/api/helpdesk/views', body);
export const deleteView = (id: string) => call<void>('DELETE', `/api/helpdesk/views/${id}`);

export interface Template {
  id: string;
  unitId: string | null;
  name: string;
  bodyEl: string;
  bodyEn: string;
}
export type TemplateBody = Omit<Template, 'id'>;
export const listTemplates = (unitId?: string | null) => call<Template[]>('GET', `/api/helpdesk/templates${qs({ unitId })}`);
export const createTemplate = (body: TemplateBody) => call<Template>('POST', '/api/helpdesk/templates', body);
export const updateTemplate = (id: string, body: Partial<TemplateBody>) => call<Template>('PUT', `/api/helpdesk/templates/${id}`, body);
export const deleteTemplate = (id: string) => call<void>('DELETE', `/api/helpdesk/templates/${id}`);
export const renderTemplate = (id: string, caseId: string, lang: 'el' | 'en') =>
  call<{ body: string; lang: 'el' | 'en' }>('POST', `/api/helpdesk/templates/${id}/render`, { caseId, lang });

export interface Person {
  kind: 'citizen' | 'contact';
  userId: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  afm: string | null;
  caseCount: number;
}
export const findPeople = (q: string) => call<Person[]>('GET', `/api/helpdesk/people${qs({ q })}`);
export interface PersonCase {
  id: string;
  protocolNumber: string | null;
  title: string;
  caseType: { key: string; name: Localized };
  stateName: Localized;
  stateCategory: Category;
  channel: Channel;
  submittedAt: string;
  dueDate: string | null;
  overdue: boolean;
  canOpen: boolean;
}
export const personCases = (who: { userId?: string | null; phone?: string | null }) =>
  call<PersonCase[]>('GET', `/api/helpdesk/people/cases${qs(who)}`);

export type BulkAction =
  | { kind: 'assign'; unitId?: string | null; assigneeId?: string | null }
  | { kind: 'transition'; transition: string; comment?: string }
  | { kind: 'tag'; add: string[]; remove: string[] };
export interface BulkResult {
  done: number;
  failed: number;
  results: { caseId: string; ok: boolean; code?: string; message?: string }[];
}
export const runBulk = (caseIds: string[], action: BulkAction) => call<BulkResult>('POST', '/api/helpdesk/bulk', { caseIds, action });

export interface StatsQuery {
  from?: string;
  to?: string;
  unitId?: string;
  interval?: 'day' | 'week' | 'month';
}
export interface Dashboard {
  period: { from: string; to: string; interval: 'day' | 'week' | 'month' };
  volume: {
    total: number;
    series: { period: string; channel: string; n: number }[];
    byType: { key: string; name: Localized; n: number }[];
    byUnit: { unitId: string | null; name: Localized | null; n: number }[];
    byChannel: { channel: string; n: number }[];
  };
  backlog: { open: number; overdue: number; byCategory: Record<string, number> };
  resolution: { n: number; medianHours: number | null; p80Hours: number | null };
  sla: { resolvedWithDue: number; onTime: number; rate: number | null };
  satisfaction: { available: boolean; n: number; average: number | null };
}
export const getStats = (q: StatsQuery) => call<Dashboard>('GET', `/api/helpdesk/stats${qs(q as Record<string, string>)}`);
export const getHeatmap = (q: StatsQuery & { cell?: number }) =>
  call<{ cell: number; cells: { lat: number; lon: number; n: number }[] }>(
    'GET',
    `/api/helpdesk/stats/heatmap${qs(q as Record<string, string>)}`,
  );
export const exportUrl = (q: StatsQuery, format: 'csv' | 'xlsx') =>
  `/api/helpdesk/stats/export${qs({ ...(q as Record<string, string>), format })}`;
export const reportUrl = (month: string, unitId?: string) => `/api/helpdesk/stats/report${qs({ month, unitId })}`;

export interface CaseTypeAdmin {
  id: string;
  key: string;
  active: boolean;
  snapshot: { nameEl: string; nameEn: string; form: { fields: import('../../app/api/endpoints').FormField[] }; locationRequired: boolean };
}
/** Case types staff may file: public ones from the citizen list (private ones need casetypes.manage). */
export const intakeCaseTypes = () => call<CaseTypeAdmin[]>('GET', '/api/case-types');
export const intakeCase = (body: Record<string, unknown>, idempotencyKey: string) =>
  fetch('/api/cases/intake', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  }).then(async (r) => {
    const parsed = await r.json().catch(() => undefined);
    if (!r.ok) throw new ApiError(r.status, (parsed as ApiErrorBody) ?? { code: 'api.unavailable' });
    return parsed as { id: string; protocolNumber: string | null; trackingCode: string; dueDate: string | null };
  });
