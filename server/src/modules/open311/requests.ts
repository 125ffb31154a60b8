import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { athensOffset } from '../../platform/calendar/index.js';
import { publicOrigin } from '../../platform/config/public-url.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { files } from '../../platform/files/files.schema.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { CLOSED_CATEGORIES, findCase, findCases, loadContexts, stateName, type TCaseFilter, type TCaseRow } from '../cases/index.js';
import { hiddenReportIds, reportModeration } from '../reports/index.js';
import { list, Open311Error, type TObject } from './format.js';
import { open311Types, pick } from './services.js';

const CLOSED = new Set<string>(CLOSED_CATEGORIES);
const DAY = 86_400_000;
export const MAX_RANGE_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** W3C datetime (ISO 8601 subset) with a mandatory time zone; null when it is not one. */
export function parseW3c(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A W3C datetime in UTC without milliseconds: `2026-11-23T01:02:03Z`. */
export const w3c = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The end of a due day in Athens, with Athens' offset on that day (`2026-07-01T23:59:59+03:00`). */
export function endOfAthensDay(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  return `${day}T23:59:59${athensOffset(noon)}`;
}

export type TRequestsQuery = {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  updated_after?: string;
  updated_before?: string;
  page?: string;
  page_size?: string;
};

const csv = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Where to find the API's files from outside: the tenant's configured public address (never this request's Host) and the tenant prefix. */
export function baseUrlOf(req: FastifyRequest, cfg: Parameters<typeof publicOrigin>[0]) {
  const slug = (req.raw as { tenantSlug?: string }).tenantSlug;
  const origin = publicOrigin(cfg, req.tenant);
  return `${origin}${slug ? `/t/${slug}` : ''}`;
}

/**
 * GET Service Requests: the standard filters (a `service_request_id` list overrides every other),
 * a default window of the last 90 days on `requested_datetime` (at most 90 days either way), and the
 * `page`/`page_size` and v2.1 `updated_after`/`updated_before` extensions. With `updated_*` and no
 * dates, no default window applies (a client syncing changes needs old requests that changed).
 */
export async function findRequests(db: DbOrTx, tenantId: string, q: TRequestsQuery, now = new Date()) {
  const errors: string[] = [];
  const types = await open311Types(db, tenantId);
  const typeIds = types.map((t) => t.id);
  const filter: TCaseFilter = {};
  let wantedTypes: string[] | null = null;
  let limit = MAX_PAGE_SIZE;
  let offset = 0;
  const ids = csv(q.service_request_id);
  if (ids.length) {
    const valid = ids.filter((id) => UUID.test(id));
    if (ids.length > MAX_PAGE_SIZE) errors.push(`service_request_id: at most ${MAX_PAGE_SIZE} ids`);
    filter.ids = valid;
  } else {
    const codes = csv(q.service_code);
    if (codes.length) {
      const wanted = types.filter((t) => codes.includes(t.key)).map((t) => t.id);
      wantedTypes = wanted;
    }
    const start = q.start_date ? parseW3c(q.start_date) : null;
    const end = q.end_date ? parseW3c(q.end_date) : null;
    if (q.start_date && !start) errors.push('start_date must be a W3C datetime with a time zone, e.g. 2026-01-01T00:00:00Z');
    if (q.end_date && !end) errors.push('end_date must be a W3C datetime with a time zone, e.g. 2026-01-31T23:59:59+02:00');
    const updatedAfter = q.updated_after ? parseW3c(q.updated_after) : null;
    const updatedBefore = q.updated_before ? parseW3c(q.updated_before) : null;
    if (q.updated_after && !updatedAfter) errors.push('updated_after must be a W3C datetime with a time zone');
    if (q.updated_before && !updatedBefore) errors.push('updated_before must be a W3C datetime with a time zone');
    if (start && end && start > end) errors.push('start_date is after end_date');
    if (start && end && end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY) errors.push('the date range may span at most 90 days');
    let from = start;
    let to = end;
    if (from && !to) to = new Date(from.getTime() + MAX_RANGE_DAYS * DAY);
    if (to && !from) from = new Date(to.getTime() - MAX_RANGE_DAYS * DAY);
    if (!from && !to && !updatedAfter && !updatedBefore) {
      to = now;
      from = new Date(now.getTime() - MAX_RANGE_DAYS * DAY);
    }
    if (from) filter.submittedFrom = from;
    if (to) filter.submittedTo = to;
    if (updatedAfter) filter.updatedFrom = updatedAfter;
    if (updatedBefore) filter.updatedTo = updatedBefore;
    const statuses = csv(q.status);
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) errors.push('status must be open, closed or both');
    if (statuses.length === 1) {
      const closed = [...CLOSED] as (typeof CLOSED_CATEGORIES)[number][];
      const open = (['new', 'open', 'in_progress', 'waiting_citizen'] as const).slice();
      filter.stateCategories = statuses[0] === 'closed' ? closed : open;
    }
    const page = q.page ? Number(q.page) : 1;
    const size = q.page_size ? Number(q.page_size) : MAX_PAGE_SIZE;
    if (!Number.isInteger(page) || page < 1) errors.push('page must be a positive integer');
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) errors.push(`page_size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    if (Number.isInteger(page) && Number.isInteger(size) && page >= 1 && size >= 1) {
      limit = size;
      offset = (page - 1) * size;
    }
  }
  if (errors.length) {
    throw new Open311Error(
      400,
      errors.map((description) => ({ code: 400, description })),
    );
  }
  if (!typeIds.length) return [];
  filter.caseTypeIds = wantedTypes ?? typeIds;
  // A report a moderator hid (reports module) is not in the public API at all.
  filter.notIds = await hiddenReportIds(db, tenantId);
  return findCases(db, tenantId, filter, { limit, offset });
}

/** One request of an Open311 service, or null (an unknown id, a case of another type, another tenant's case). */
export async function findRequest(db: DbOrTx, tenantId: string, id: string) {
  if (!UUID.test(id)) return null;
  const types = await open311Types(db, tenantId);
  const row = await findCase(db, tenantId, id);
  if (row && (await hiddenReportIds(db, tenantId)).includes(row.id)) return null;
  if (!row || !types.some((t) => t.id === row.caseTypeId)) return null;
  return row;
}

/**
 * The public Open311 view of cases. Never personal data: no contact, names, account or device,
 * no form answers; media only once public (after moderation or by setting).
 */
export async function toRequestViews(db: DbOrTx, rows: TCaseRow[], lang: Lang, baseUrl: string): Promise<TObject[]> {
  if (!rows.length) return [];
  const ctx = await loadContexts(db, rows);
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((u): u is string => Boolean(u)))];
  const units = unitIds.length
    ? await db
        .select({ id: orgUnits.id, nameEl: orgUnits.nameEl, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unitIds))
    : [];
  const unitName = new Map(units.map((u) => [u.id, pick(lang, u.nameEl, u.nameEn)]));
  const fileIds = [...new Set(rows.flatMap((r) => r.fileIds))];
  const publicFiles = fileIds.length
    ? await db
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, fileIds), eq(files.visibility, 'public')))
    : [];
  const isPublic = new Set(publicFiles.map((f) => f.id));
  // A moderator's redacted text replaces the citizen's own in public.
  const moderated = await db
    .select({ caseId: reportModeration.caseId, description: reportModeration.publicDescription })
    .from(reportModeration)
    .where(
      inArray(
        reportModeration.caseId,
        rows.map((r) => r.id),
      ),
    );
  const publicText = new Map(moderated.filter((m) => m.description !== null).map((m) => [m.caseId, m.description as string]));
  return rows.map((c) => {
    const { workflow, type } = ctx(c);
    const closed = CLOSED.has(c.stateCategory);
    const media = c.fileIds.filter((f) => isPublic.has(f)).map((f) => `${baseUrl}/api/files/${f}`);
    const state = stateName(workflow.definition, c.state);
    return {
      service_request_id: c.id,
      status: closed ? 'closed' : 'open',
      status_notes: state[lang],
      service_name: pick(lang, type.nameEl, type.nameEn),
      service_code: type.key,
      description: (() => {
        const text = publicText.get(c.id) ?? c.description;
        return text ? text.slice(0, 4000) : null;
      })(),
      agency_responsible: c.unitId ? (unitName.get(c.unitId) ?? null) : null,
      service_notice: c.protocolNumber ? `${lang === 'en' ? 'Protocol number' : 'Αριθμός πρωτοκόλλου'} ${c.protocolNumber}` : null,
      requested_datetime: w3c(c.submittedAt),
      updated_datetime: w3c(closed ? (c.resolvedAt ?? c.updatedAt) : c.updatedAt),
      expected_datetime: c.dueDate && !closed ? endOfAthensDay(c.dueDate) : null,
      address: c.address,
      address_id: null,
      zipcode: null,
      lat: c.lat,
      long: c.lon,
      media_url: media[0] ?? null,
      media_urls: list('media_url', media),
    };
  });
}
