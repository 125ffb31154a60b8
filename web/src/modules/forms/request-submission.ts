import { ApiError, type ApiErrorBody } from '../../app/api/client';
import { CASES_ENDPOINT, type CaseTypeOut, type CreateCaseBody, type SubmittedCase } from '../../app/api/endpoints';
import { errorMessage } from '../../app/i18n';
import { cleanValues, type FieldErrors } from './form-renderer';

/**
 * A citizen's request on its way to POST /api/cases, the same from every face (the citizen app
 * and the kiosk): the draft the outbox keeps, its body for the server, and the server's field errors.
 */

export const CATEGORIES = ['road', 'lighting', 'waste', 'greenery', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The body a citizen's request carries while it waits in the outbox. */
export interface RequestDraft {
  category: Category | '';
  description: string;
  address: string;
  channel: 'app' | 'kiosk';
  name?: string;
  /** the municipality's case type (from GET /api/case-types) and its names, for lists */
  caseType?: string;
  typeName?: { el: string; en: string };
  /** answers to the type's form, by field id */
  values?: Record<string, unknown>;
  location?: { lat: number; lon: number; address?: string };
  /** photos, videos and documents already uploaded (POST /api/files) */
  attachments?: { id: string; name: string; kind: string }[];
  /** optional: how the municipality can reach the citizen */
  contact?: { name?: string; email?: string; phone?: string };
}

/** What POST /api/cases receives for a draft of a known case type. */
export function toSubmission(
  draft: RequestDraft,
  type: CaseTypeOut,
): CreateCaseBody & { location?: RequestDraft['location']; fileIds?: string[]; contact?: RequestDraft['contact'] } {
  const loc = draft.location;
  const location =
    loc && Number.isFinite(loc.lat) && Number.isFinite(loc.lon)
      ? { lat: loc.lat, lon: loc.lon, ...(loc.address?.trim() ? { address: loc.address.trim() } : {}) }
      : undefined;
  // an address without a point on the map still reaches the staff, in the description
  const addressOnly = !location && loc?.address?.trim() ? loc.address.trim() : undefined;
  const description = [draft.description.trim(), addressOnly ? `📍 ${addressOnly}` : ''].filter(Boolean).join('\n\n');
  const contact = Object.fromEntries(
    Object.entries(draft.contact ?? {})
      .map(([k, v]) => [k, v?.trim()])
      .filter(([, v]) => v),
  );
  const fileIds = (draft.attachments ?? []).map((a) => a.id);
  return {
    caseType: type.key,
    title: type.snapshot.nameEl,
    ...(description ? { description } : {}),
    channel: draft.channel,
    data: cleanValues(type.snapshot.form.fields, draft.values ?? {}),
    ...(location ? { location } : {}),
    ...(fileIds.length ? { fileIds } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
  };
}

/** Server field paths (`data.size`, `size`, `location.lat`) to the keys the inputs read. */
export function fieldErrors(body: ApiErrorBody): FieldErrors {
  const out: FieldErrors = {};
  for (const f of body.fields ?? []) {
    const key = f.field.replace(/^data\./, '');
    out[key] ??= f.message ?? errorMessage(f.code);
  }
  return out;
}

export async function postCase(id: string, payload: unknown): Promise<SubmittedCase> {
  let response: Response;
  try {
    response = await fetch(CASES_ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      // the draft id is the idempotency key: the outbox retry of the same draft creates nothing twice
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': id },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new ApiError(0, { code: 'api.unavailable' });
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const body: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok || !body) throw new ApiError(isJson ? response.status : 503, (body as ApiErrorBody) ?? { code: 'api.unavailable' });
  return body as SubmittedCase;
}
