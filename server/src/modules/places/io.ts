import { parse } from 'csv-parse/sync';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { csvFromCells } from '../../platform/export/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { formatHoursText, parseHoursText } from './hours.js';
import { type TPlaceBody, ZPlaceBody } from './model.js';
import { placeCategories, places, type TWeeklyHours } from './schema.js';
import { categoryIds, rowValues } from './service.js';

/** The columns of the CSV (and the property names of the GeoJSON), in order. */
export const COLUMNS = [
  'id',
  'category',
  'name_el',
  'name_en',
  'address',
  'lat',
  'lon',
  'phones',
  'email',
  'website',
  'hours',
  'hours_note_el',
  'hours_note_en',
  'wheelchair',
  'accessibility_el',
  'accessibility_en',
  'description_el',
  'description_en',
  'duty_dates',
  'published',
] as const;
type TColumn = (typeof COLUMNS)[number];

const FIELD_OF: Record<string, TColumn> = {
  category: 'category',
  nameEl: 'name_el',
  nameEn: 'name_en',
  address: 'address',
  lat: 'lat',
  lon: 'lon',
  phones: 'phones',
  email: 'email',
  website: 'website',
  hours: 'hours',
  hoursNoteEl: 'hours_note_el',
  hoursNoteEn: 'hours_note_en',
  wheelchair: 'wheelchair',
  accessibilityEl: 'accessibility_el',
  accessibilityEn: 'accessibility_en',
  descriptionEl: 'description_el',
  descriptionEn: 'description_en',
  dutyDates: 'duty_dates',
  published: 'published',
};

async function allRows(db: DbOrTx, tenantId: string) {
  return db
    .select({ p: places, key: placeCategories.key })
    .from(places)
    .innerJoin(placeCategories, eq(placeCategories.id, places.categoryId))
    .where(eq(places.tenantId, tenantId))
    .orderBy(asc(placeCategories.sort), asc(places.nameEl));
}

export async function exportCsv(db: DbOrTx, tenantId: string) {
  const rows = await allRows(db, tenantId);
  const records = rows.map(({ p, key }) => [
    p.id,
    key,
    p.nameEl,
    p.nameEn,
    p.address,
    p.lat,
    p.lon,
    p.phones.join('; '),
    p.email ?? '',
    p.website ?? '',
    formatHoursText(p.hours),
    p.hoursNoteEl ?? '',
    p.hoursNoteEn ?? '',
    p.wheelchair ?? '',
    p.accessibilityEl ?? '',
    p.accessibilityEn ?? '',
    p.descriptionEl ?? '',
    p.descriptionEn ?? '',
    p.dutyDates.join('; '),
    p.published ? 'true' : 'false',
  ]);
  // the shared CSV rule: a BOM for the Greek, and text a spreadsheet would run as a formula
  // (`=`, `+`, `-`, `@` first) behind an apostrophe; the import takes the apostrophe off again
  return csvFromCells([COLUMNS as unknown as string[], ...records]);
}

export async function exportGeoJson(db: DbOrTx, tenantId: string) {
  const rows = await allRows(db, tenantId);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map(({ p, key }) => ({
      type: 'Feature' as const,
      id: p.id,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: {
        id: p.id,
        category: key,
        name_el: p.nameEl,
        name_en: p.nameEn,
        address: p.address,
        phones: p.phones,
        email: p.email,
        website: p.website,
        hours: p.hours,
        hours_note_el: p.hoursNoteEl,
        hours_note_en: p.hoursNoteEn,
        wheelchair: p.wheelchair,
        accessibility_el: p.accessibilityEl,
        accessibility_en: p.accessibilityEn,
        description_el: p.descriptionEl,
        description_en: p.descriptionEn,
        duty_dates: p.dutyDates,
        published: p.published,
      },
    })),
  };
}

type TRaw = Record<string, unknown>;
const list = (v: unknown) =>
  Array.isArray(v)
    ? v.map(String)
    : typeof v === 'string'
      ? v
          .split(/[;|]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : undefined;
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** One raw row (CSV strings or GeoJSON properties) as a body to check, plus what could not be read. */
function toBody(raw: TRaw): { id: string | null; body: unknown; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let hours: TWeeklyHours | null = null;
  if (raw.hours && typeof raw.hours === 'object') hours = raw.hours as TWeeklyHours;
  else if (typeof raw.hours === 'string' && raw.hours.trim()) {
    hours = parseHoursText(raw.hours);
    if (!hours) errors.push({ field: 'hours', code: 'places.hours_invalid' });
  }
  const published =
    raw.published === undefined || raw.published === '' ? true : raw.published === true || String(raw.published).toLowerCase() === 'true';
  const id = str(raw.id);
  return {
    id: id && /^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : null,
    errors,
    body: {
      category: str(raw.category) ?? '',
      nameEl: str(raw.name_el) ?? '',
      nameEn: str(raw.name_en) ?? str(raw.name_el) ?? '',
      address: str(raw.address) ?? '',
      lat: num(raw.lat),
      lon: num(raw.lon),
      phones: list(raw.phones),
      email: str(raw.email),
      website: str(raw.website),
      hours: errors.length ? null : hours,
      hoursNoteEl: str(raw.hours_note_el),
      hoursNoteEn: str(raw.hours_note_en),
      wheelchair: str(raw.wheelchair),
      accessibilityEl: str(raw.accessibility_el),
      accessibilityEn: str(raw.accessibility_en),
      descriptionEl: str(raw.description_el),
      descriptionEn: str(raw.description_en),
      dutyDates: list(raw.duty_dates),
      published,
    },
  };
}

function readCsv(text: string): TRaw[] {
  let records: TRaw[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      // undo the export's formula neutralisation, so a file round-trips unchanged
      cast: (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value),
    }) as TRaw[];
  } catch (err) {
    throw new AppError('places.import_unreadable', 400, { reason: (err as Error).message.slice(0, 200) });
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const unknown = header.filter((c) => !(COLUMNS as readonly string[]).includes(c));
  if (unknown.length) {
    throw new AppError(
      'places.import_invalid',
      400,
      {},
      unknown.map((c) => ({ field: `columns.${c}`, code: 'places.column_unknown' })),
    );
  }
  return records;
}

function readGeoJson(doc: unknown): TRaw[] {
  const fc = doc as { type?: string; features?: unknown[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new AppError('places.import_unreadable', 400, { reason: 'not a GeoJSON FeatureCollection' });
  }
  return fc.features.map((f) => {
    const feat = f as { geometry?: { type?: string; coordinates?: unknown[] }; properties?: TRaw; id?: unknown };
    const coords = feat.geometry?.type === 'Point' && Array.isArray(feat.geometry.coordinates) ? feat.geometry.coordinates : [];
    return { ...(feat.properties ?? {}), id: feat.properties?.id ?? feat.id, lon: coords[0], lat: coords[1] };
  });
}

/**
 * Imports places, all or nothing: every row is checked first (errors named by row — the data row's
 * number, 1 for the first place — and column); only a clean file is written, in one transaction.
 * A row whose `id` is one of the tenant's places updates it (keeping its photos); others are added.
 */
export async function importPlaces(db: Db, req: FastifyRequest, format: 'csv' | 'geojson', payload: unknown, opts: { dryRun: boolean }) {
  const tenantId = req.tenant.id;
  const raws = format === 'csv' ? readCsv(typeof payload === 'string' ? payload : '') : readGeoJson(payload);
  if (!raws.length) throw new AppError('places.import_empty', 400);
  if (raws.length > 5000) throw new AppError('places.import_unreadable', 400, { reason: 'more than 5000 rows' });
  const cats = await categoryIds(db, tenantId);
  const errors: FieldError[] = [];
  const good: { id: string | null; body: TPlaceBody; categoryId: string }[] = [];
  raws.forEach((raw, i) => {
    const row = i + 1;
    const { id, body, errors: readErrors } = toBody(raw);
    const rowErrors: FieldError[] = readErrors.map((e) => ({ ...e, field: `rows.${row}.${FIELD_OF[e.field] ?? e.field}` }));
    const checked = ZPlaceBody.safeParse(body);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = String(issue.path[0] ?? '');
        const column = FIELD_OF[key] ?? key;
        if (rowErrors.some((e) => e.field === `rows.${row}.${column}`)) continue;
        const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
        const empty = issue.code === 'too_small' && (body as TRaw)[key] === '';
        rowErrors.push({
          field: `rows.${row}.${column}`,
          code:
            column === 'hours'
              ? 'places.hours_invalid'
              : column === 'lat' || column === 'lon'
                ? 'places.coordinates_invalid'
                : missing || empty
                  ? 'validation.required'
                  : 'validation.invalid',
        });
      }
    } else if (!cats.get(checked.data.category)) {
      rowErrors.push({ field: `rows.${row}.category`, code: 'places.unknown_category', params: { value: checked.data.category } });
    }
    const seen = new Set<string>();
    for (const e of rowErrors) {
      if (seen.has(e.field)) continue;
      seen.add(e.field);
      errors.push(e);
    }
    if (!rowErrors.length && checked.success) good.push({ id, body: checked.data, categoryId: cats.get(checked.data.category) as string });
  });
  if (errors.length) throw new AppError('places.import_invalid', 400, {}, errors.slice(0, 500));

  const ids = good.map((g) => g.id).filter((x): x is string => Boolean(x));
  const existing = ids.length
    ? new Set(
        (
          await db
            .select({ id: places.id })
            .from(places)
            .where(and(eq(places.tenantId, tenantId), inArray(places.id, ids)))
        ).map((r) => r.id),
      )
    : new Set<string>();
  const updates = good.filter((g) => g.id && existing.has(g.id));
  const inserts = good.filter((g) => !(g.id && existing.has(g.id)));
  if (opts.dryRun) return { created: inserts.length, updated: updates.length, dryRun: true };
  await db.transaction(async (tx) => {
    for (const u of updates) {
      const { photoIds: _keep, ...values } = rowValues(u.body, u.categoryId);
      await tx
        .update(places)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(places.tenantId, tenantId), eq(places.id, u.id as string)));
    }
    if (inserts.length) await tx.insert(places).values(inserts.map((g) => ({ tenantId, ...rowValues(g.body, g.categoryId) })));
    await audit(tx, req, { action: 'places.import', entity: 'place', data: { format, created: inserts.length, updated: updates.length } });
  });
  return { created: inserts.length, updated: updates.length, dryRun: false };
}
