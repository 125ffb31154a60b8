import { ApiError, type ApiErrorBody } from '../../app/api/client';
import type { FormField, SubmittedCase } from '../../app/api/endpoints';
import type { paths } from '../../app/api/schema';
import { currentLanguage } from '../../app/i18n';

// The e-services and payments routes (issue 6), typed from the generated client. The server answers
// in the language of Accept-Language, so every call sends the language the citizen chose.

type Json<P extends keyof paths, M extends 'get' | 'post', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export const LIFE_EVENTS = ['birth', 'marriage', 'residence', 'business', 'children', 'military', 'death'] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

export type Catalogue = Json<'/api/eservices/catalogue', 'get', 200>;
export type ServiceSummary = Catalogue['services'][number];
export type Identity = ServiceSummary['identity'];
type ServicePage = Json<'/api/eservices/services/{key}', 'get', 200>;
/** The fee as the contract has it; `lateFrom` (the date field the deadline runs from) when the server sends it. */
export type Fee = NonNullable<ServicePage['fee']> & { lateFrom?: string | null };
export type ServiceDetail = Omit<ServicePage, 'fee'> & { fee: Fee | null };
export type RequiredDocument = ServiceDetail['requiredDocuments'][number];
export type Prefill = Json<'/api/eservices/services/{key}/prefill', 'get', 200>;
export type Quote = Json<'/api/payments/quote', 'get', 200>;
export type ParavoloCheck = Json<'/api/payments/e-paravolo/{code}', 'get', 200>;

/** The service's form fields as the shared renderer reads them. */
export const formFields = (s: Pick<ServiceDetail, 'form'>): FormField[] => (s.form?.fields ?? []) as FormField[];

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
