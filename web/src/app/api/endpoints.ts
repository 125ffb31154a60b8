import { ApiError, type ApiErrorBody, api, callJson, unwrap } from './client';

export const health = () => unwrap(api.GET('/api/health'));

export type VerifyChannel = 'sms' | 'email';

export interface MeRole {
  role: string;
  unitId?: string | null;
  unitName?: { el: string; en: string } | null;
}

/** Subset of the server's GET /api/me (it answers 200 for anonymous visitors too, with kind 'anonymous'). */
export interface Me {
  kind: 'anonymous' | 'device' | 'citizen' | 'partner' | 'staff';
  id: string | null;
  displayName?: string | null;
  email?: string | null;
  secondFactor?: boolean;
  mustEnrollTotp?: boolean;
  roles: MeRole[];
}

// Routes below are not in the committed spec yet; see callJson.
export const getMe = () => callJson<Me>('GET', '/api/me');

export const staffLogin = (body: { email: string; password: string; totp?: string }) => callJson<unknown>('POST', '/api/staff/login', body);

export const verifyStart = (body: { channel: VerifyChannel; address: string }) =>
  callJson<unknown>('POST', '/api/citizen/verify/start', body);

export const verifyConfirm = (body: { channel: VerifyChannel; address: string; code: string }) =>
  callJson<unknown>('POST', '/api/citizen/verify/confirm', body);

export const TAXISNET_START = '/api/auth/taxisnet/start';

/** Where a citizen's new request (case) is POSTed; the outbox sends queued drafts here. */
export const CASES_ENDPOINT = '/api/cases';

/** Body of POST /api/cases (server's ZCreateCaseBody, the parts the citizen form fills). */
export interface CreateCaseBody {
  caseType: string;
  title?: string;
  description?: string;
  channel: 'app' | 'web' | 'kiosk' | 'api';
  data?: Record<string, unknown>;
}

export const logout = () => callJson<unknown>('POST', '/api/auth/logout', {});

// ---- case types, submission and tracking (hand-typed until the client is regenerated) ----

export interface Localized {
  el: string;
  en: string;
}

/** A form field as the forms module defines it (the parts the renderer reads). */
export interface FormField {
  id: string;
  kind: 'text' | 'longText' | 'number' | 'date' | 'choice' | 'multiChoice' | 'yesNo' | 'location' | 'files' | 'person';
  label: Localized;
  help?: Localized;
  required?: boolean;
  showIf?: { field: string; equals?: unknown; in?: unknown[]; notEmpty?: boolean };
  options?: { value: string; label: Localized }[];
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  integer?: boolean;
  maxFiles?: number;
  parts?: string[];
  requireAfm?: boolean;
  requireAmka?: boolean;
  requireIdNumber?: boolean;
  requireParents?: boolean;
  requireBirthDate?: boolean;
}

export interface CaseTypeOut {
  id: string;
  key: string;
  group: string;
  icon: string | null;
  snapshot: {
    nameEl: string;
    nameEn: string;
    descriptionEl?: string;
    descriptionEn?: string;
    form: { fields: FormField[] };
    anonymousAllowed: boolean;
    locationRequired: boolean;
  };
}

export interface SubmittedCase {
  id: string;
  protocolNumber: string | null;
  protocolStatus: 'assigned' | 'pending';
  trackingCode: string;
  state: string;
  stateName: Localized;
  dueDate: string | null;
}

export interface MyCase {
  id: string;
  protocolNumber: string | null;
  protocolStatus: 'assigned' | 'pending';
  trackingCode: string;
  title: string;
  caseType: { key: string; name: Localized };
  state: string;
  stateName: Localized;
  stateCategory: string;
  submittedAt: string;
  dueDate: string | null;
}

export interface MyCaseDetail extends MyCase {
  timeline: { id: string; kind: string; public: boolean; body: string | null; createdAt: string }[];
}

export const listCaseTypes = () => callJson<CaseTypeOut[]>('GET', '/api/case-types');
export const listMyCases = () => callJson<MyCase[]>('GET', '/api/my/cases');
export const getMyCase = (id: string) => callJson<MyCaseDetail>('GET', `/api/my/cases/${encodeURIComponent(id)}`);

/** Uploads files (multipart) and returns their ids, to be sent in a files field. */
export async function uploadFiles(files: File[]): Promise<{ id: string; name: string }[]> {
  const form = new FormData();
  for (const f of files) form.append('file', f);
  let response: Response;
  try {
    response = await fetch('/api/files', { method: 'POST', credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, { code: 'api.unavailable' });
  }
  const parsed: unknown = (response.headers.get('content-type') ?? '').includes('json')
    ? await response.json().catch(() => undefined)
    : undefined;
  if (!response.ok || !parsed)
    throw new ApiError(response.status || 503, (parsed as ApiErrorBody | undefined) ?? { code: 'api.unavailable' });
  return (parsed as { files: { id: string; name: string }[] }).files;
}
