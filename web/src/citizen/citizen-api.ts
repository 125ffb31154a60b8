import { ApiError, type ApiErrorBody } from '../app/api/client';
import type { Localized } from '../app/api/endpoints';

/** The citizen app's calls beyond endpoints.ts: tracking, answering, reopening, rating, notifications. */

export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
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
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const parsed: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok || parsed === undefined) {
    const err = parsed && typeof parsed === 'object' && 'code' in parsed ? (parsed as ApiErrorBody) : { code: 'api.unavailable' };
    throw new ApiError(isJson ? response.status : 503, err);
  }
  return parsed as T;
}

export interface TimelineEvent {
  id: string;
  kind: string;
  public: boolean;
  body: string | null;
  authorKind: string;
  data: Record<string, unknown>;
  createdAt: string;
}

/** The citizen's view of one case (GET /api/my/cases/:id and /api/track). */
export interface CitizenCase {
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
  expected: { basis: 'history' | 'sla' | 'none'; median: string | null; p80: string | null; sampleSize: number };
  location: { lat: number; lon: number; address?: string } | null;
  timeline: TimelineEvent[];
  rating: { stars: number; comment: string | null; createdAt: string } | null;
}

/** How a case is reached: by the person's own list (id) or by protocol number + tracking code. */
export type CaseKey = { id: string } | { protocol?: string; code: string };

const isMine = (k: CaseKey): k is { id: string } => 'id' in k;

export function getCase(k: CaseKey) {
  if (isMine(k)) return call<CitizenCase>('GET', `/api/my/cases/${encodeURIComponent(k.id)}`);
  const q = new URLSearchParams({ code: k.code.trim().toUpperCase(), ...(k.protocol?.trim() ? { protocol: k.protocol.trim() } : {}) });
  return call<CitizenCase>('GET', `/api/track?${q}`);
}

function verb(k: CaseKey, what: 'answer' | 'reopen' | 'rating', body: Record<string, unknown>) {
  if (isMine(k)) return call<CitizenCase>('POST', `/api/my/cases/${encodeURIComponent(k.id)}/${what}`, body);
  const who = { code: k.code.trim().toUpperCase(), ...(k.protocol?.trim() ? { protocol: k.protocol.trim() } : {}) };
  return call<CitizenCase>('POST', `/api/track/${what}`, { ...body, ...who });
}

export const answerCase = (k: CaseKey, body: string, fileIds: string[]) => verb(k, 'answer', { body, fileIds });
export const reopenCase = (k: CaseKey, comment: string) => verb(k, 'reopen', { comment });
export const rateCase = (k: CaseKey, stars: number, comment?: string) => verb(k, 'rating', { stars, ...(comment ? { comment } : {}) });

// ---- notifications -----------------------------------------------------------------------------

export const CHANNELS = ['push', 'sms', 'email', 'inapp'] as const;
export const TOPICS = ['civil_protection', 'weather', 'transport', 'schools', 'events', 'general'] as const;

export interface Preferences {
  channels: (typeof CHANNELS)[number][];
  topics: string[];
  quietStart: string | null;
  quietEnd: string | null;
  lang: 'el' | 'en';
  location: { lat: number; lon: number } | null;
  zone: string | null;
}

export interface InboxItem {
  id: string;
  category: string;
  title: string;
  text: string;
  url: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface Subscription {
  id: string;
  kind: string;
  refId: string;
  createdAt: string;
}

export const getInbox = (before?: string) =>
  call<{ items: InboxItem[]; unread: number; nextBefore: string | null }>(
    'GET',
    `/api/notify/inbox?limit=20${before ? `&before=${encodeURIComponent(before)}` : ''}`,
  );
export const markRead = (id: string) => call<{ ok: true }>('POST', `/api/notify/inbox/${encodeURIComponent(id)}/read`);
export const markAllRead = () => call<{ marked: number }>('POST', '/api/notify/inbox/read-all');
export const getPreferences = () => call<Preferences>('GET', '/api/notify/preferences');
export const putPreferences = (p: Partial<Preferences>) => call<Preferences>('PUT', '/api/notify/preferences', p);
export const listSubscriptions = () => call<{ items: Subscription[] }>('GET', '/api/notify/subscriptions');
export const subscribeTo = (kind: string, refId: string) => call<Subscription>('POST', '/api/notify/subscriptions', { kind, refId });
export const unsubscribeFrom = (kind: string, refId: string) => call<{ ok: true }>('DELETE', '/api/notify/subscriptions', { kind, refId });
export const pushKey = () => call<{ publicKey: string }>('GET', '/api/notify/push/key');
export const savePush = (sub: { endpoint: string; keys: { p256dh: string; auth: string } }) =>
  call<{ id: string }>('POST', '/api/notify/push/subscriptions', sub);
export const deletePush = (endpoint: string) => call<{ ok: true }>('DELETE', '/api/notify/push/subscriptions', { endpoint });
