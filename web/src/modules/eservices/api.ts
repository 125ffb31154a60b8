import { ApiError, type ApiErrorBody } from '../../app/api/client';
import type { FormField, SubmittedCase } from '../../app/api/endpoints';
import { currentLanguage } from '../../app/i18n';

// The e-services and payments routes as the contract (issue 6) describes them. The server answers
// in the language of Accept-Language, so every call sends the language the citizen chose.

export const LIFE_EVENTS = ['birth', 'marriage', 'residence', 'business', 'children', 'military', 'death'] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];
export type Identity = 'any' | 'verified' | 'taxisnet';

export interface LateFine {
  afterDays: number;
  cents: number;
  eParavoloCode: string;
}
export interface Fee {
  cents: number;
  eParavoloCode?: string | null;
  /** the date field whose value starts the late-declaration count */
  lateFrom?: string | null;
  lateFines?: LateFine[] | null;
}

export interface ServiceSummary {
  key: string;
  name: string;
  summary: string | null;
  group: string;
  icon: string | null;
  lifeEvents: LifeEvent[];
  identity: Identity;
  slaDays: number | null;
  fee: Fee | null;
  issuesDocument: boolean;
  applyPath: string | null;
}

export interface Catalogue {
  lifeEvents: { key: LifeEvent; name: string; count: number }[];
  services: ServiceSummary[];
}

export interface RequiredDocument {
  key?: string | null;
  label: string;
  optional: boolean;
  registry?: string | null;
}

export interface ServiceDetail extends Omit<ServiceSummary, 'summary'> {
  summary?: string | null;
  description: string | null;
  onBehalf: boolean;
  issuingUnit: { name: string } | null;
  requiredDocuments: RequiredDocument[];
  form: { fields: FormField[] } | FormField[];
}

export interface Prefill {
  source: 'civil-registry';
  answered: boolean;
  values: Record<string, unknown>;
  waived: string[];
}

export interface Quote {
  required: boolean;
  cents: number;
  eParavoloCode: string | null;
  reason: 'fee' | 'late';
  afterDays?: number;
  /** days between the lateFrom date and today */
  lateDays?: number;
}

export interface ParavoloCheck {
  status: 'paid' | 'unpaid' | 'used' | 'unknown';
  cents?: number;
  eParavoloCode?: string;
  /** with a case type: whether the code pays what that type asks for */
  fits?: boolean;
}

export const formFields = (s: Pick<ServiceDetail, 'form'>): FormField[] => (Array.isArray(s.form) ? s.form : (s.form?.fields ?? []));

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLanguage(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'api.unavailable' });
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const parsed: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok || parsed === undefined) {
    throw new ApiError(
      isJson ? response.status : response.ok ? 503 : response.status,
      (parsed as ApiErrorBody) ?? { code: 'api.unavailable' },
    );
  }
  return parsed as T;
}

const qs = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};

export const getCatalogue = (q?: string, lifeEvent?: string) =>
  call<Catalogue>('GET', `/api/eservices/catalogue${qs({ q: q || undefined, lifeEvent: lifeEvent || undefined })}`);

export const getService = (key: string) => call<ServiceDetail>('GET', `/api/eservices/services/${encodeURIComponent(key)}`);

export const getPrefill = (key: string) => call<Prefill>('GET', `/api/eservices/services/${encodeURIComponent(key)}/prefill`);

export const getQuote = (caseType: string, lateFrom?: string) =>
  call<Quote>('GET', `/api/payments/quote${qs({ caseType, lateFrom: lateFrom || undefined })}`);

export const checkParavolo = (code: string, caseType: string, lateFrom?: string) =>
  call<ParavoloCheck>('GET', `/api/payments/e-paravolo/${encodeURIComponent(code)}${qs({ caseType, lateFrom })}`);

export interface ApplyBody {
  caseType: string;
  title?: string;
  channel: 'app' | 'kiosk';
  data: Record<string, unknown>;
  fileIds?: string[];
}

/** POST /api/cases; the key makes a retry of the same application create nothing twice. */
export const submitApplication = (body: ApplyBody, idempotencyKey: string) =>
  call<SubmittedCase>('POST', '/api/cases', body, { 'idempotency-key': idempotencyKey });

/** Who is signed in, with the identity levels a service may ask for (GET /api/me). */
export interface MeLevels {
  kind: 'anonymous' | 'device' | 'citizen' | 'partner' | 'staff';
  emailVerified?: boolean;
  phoneVerified?: boolean;
  taxisnetVerified?: boolean;
}

/** GET /api/my/documents (documents module): what was issued to me. */
export interface MyDocument {
  id: string;
  caseId: string | null;
  title: { el: string; en: string };
  protocolNumber: string;
  code: string;
  fileId: string;
  issuedAt: string;
  signerName: string;
  revokedAt: string | null;
}

export const getMyDocuments = () => call<MyDocument[]>('GET', '/api/my/documents');
