import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { normaliseAddress, normaliseNumber, type TAddressRow, upsertAddresses } from './addresses.js';

type TOsmTag = { k: string; v: string };
type TOsmNode = { id: string; lat: string; lon: string; tag?: TOsmTag[] };
type TOsmWay = { id: string; nd?: { ref: string }[]; tag?: TOsmTag[] };

const tagsOf = (e: { tag?: TOsmTag[] }) => new Map((e.tag ?? []).map((t) => [t.k, t.v]));
const validCoordinate = (lat: number, lon: number) =>
  Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/**
 * Reads an OpenStreetMap XML extract (as exported by openstreetmap.org, Overpass `out meta;` or
 * osmium): nodes and ways (buildings, entrances) with `addr:street` (or `addr:place`) and
 * `addr:housenumber` become addresses; ways with `highway` and `name` become streets, placed at
 * their middle node. Problems are named by element (`node/123`, `way/45`).
 */
export function readOsm(xml: string): { rows: TAddressRow[]; errors: FieldError[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AppError('addresses.import_unreadable', 400, { reason: `line ${valid.err.line}: ${valid.err.msg}`.slice(0, 200) });
  }
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => ['node', 'way', 'tag', 'nd', 'relation', 'member'].includes(name),
  }).parse(xml) as { osm?: { node?: TOsmNode[]; way?: TOsmWay[] } };
  if (!doc.osm) throw new AppError('addresses.import_unreadable', 400, { reason: 'not an OpenStreetMap XML file (no <osm>)' });
  const nodes = new Map<string, { lat: number; lon: number }>();
  const rows: TAddressRow[] = [];
  const errors: FieldError[] = [];
  const address = (ref: string, tags: Map<string, string>, at: { lat: number; lon: number }) => {
    const number = tags.get('addr:housenumber')?.trim();
    const street = (tags.get('addr:street') ?? tags.get('addr:place'))?.trim();
    if (!number && !street) return;
    if (!street) errors.push({ field: `elements.${ref}`, code: 'addresses.street_missing', params: { element: ref } });
    else if (!number)
      return; // a street name alone on a building says nothing new
    else if (!normaliseNumber(number))
      errors.push({ field: `elements.${ref}`, code: 'addresses.number_invalid', params: { element: ref } });
    else rows.push({ street, number, postcode: tags.get('addr:postcode') ?? null, ...at, source: 'osm', sourceRef: ref });
  };
  for (const n of doc.osm.node ?? []) {
    const lat = Number(n.lat);
    const lon = Number(n.lon);
    if (!validCoordinate(lat, lon)) {
      errors.push({ field: `elements.node/${n.id}`, code: 'addresses.coordinates_invalid', params: { element: `node/${n.id}` } });
      continue;
    }
    nodes.set(String(n.id), { lat, lon });
    if (n.tag) address(`node/${n.id}`, tagsOf(n), { lat, lon });
  }
  const streets = new Map<string, TAddressRow>();
  for (const w of doc.osm.way ?? []) {
    const tags = tagsOf(w);
    const ref = `way/${w.id}`;
    const refs = (w.nd ?? []).map((nd) => String(nd.ref));
    const points = refs.map((r) => nodes.get(r)).filter((p): p is { lat: number; lon: number } => Boolean(p));
    const isStreet = tags.has('highway') && tags.get('name');
    const isAddress = tags.has('addr:housenumber') || tags.has('addr:street');
    if (!isStreet && !isAddress) continue;
    if (!points.length || points.length < refs.length) {
      errors.push({ field: `elements.${ref}`, code: 'addresses.nodes_missing', params: { element: ref } });
      continue;
    }
    if (isAddress) {
      // a building's outline: its centre (the closing node counted once)
      const ring = points.length > 1 && refs[0] === refs[refs.length - 1] ? points.slice(0, -1) : points;
      const lat = ring.reduce((s, p) => s + p.lat, 0) / ring.length;
      const lon = ring.reduce((s, p) => s + p.lon, 0) / ring.length;
      address(ref, tags, { lat, lon });
    }
    if (isStreet) {
      const name = (tags.get('name') as string).trim();
      const key = normaliseAddress(name);
      // a street drawn as several ways is one street: the first way's middle stands for it
      if (!streets.has(key))
        streets.set(key, {
          street: name,
          number: '',
          ...(points[Math.floor(points.length / 2)] as { lat: number; lon: number }),
          source: 'osm',
          sourceRef: ref,
        });
    }
  }
  return { rows: [...streets.values(), ...rows], errors };
}

export const CSV_COLUMNS = ['street', 'number', 'lat', 'lon', 'postcode'] as const;

/** Reads a CSV with the columns `street,number,lat,lon[,postcode]` (an empty number: the street itself). Problems by line. */
export function readAddressCsv(text: string): { rows: TAddressRow[]; errors: FieldError[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, info: true }) as typeof records;
  } catch (err) {
    throw new AppError('addresses.import_unreadable', 400, { reason: (err as Error).message.slice(0, 200) });
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const missing = ['street', 'lat', 'lon'].filter((c) => records[0] && !header.includes(c));
  if (unknown.length || missing.length) {
    throw new AppError('addresses.import_invalid', 400, {}, [
      ...unknown.map((c) => ({ field: `columns.${c}`, code: 'addresses.column_unknown', params: { column: c } })),
      ...missing.map((c) => ({ field: `columns.${c}`, code: 'addresses.column_missing', params: { column: c } })),
    ]);
  }
  const rows: TAddressRow[] = [];
  const errors: FieldError[] = [];
  for (const { record: r, info } of records) {
    const line = info.lines;
    const num = (v: string | undefined) => (v?.trim() ? Number(v.replace(',', '.')) : Number.NaN);
    const lat = num(r.lat);
    const lon = num(r.lon);
    const before = errors.length;
    if (!r.street) errors.push({ field: `lines.${line}.street`, code: 'addresses.line_required', params: { line, column: 'street' } });
    if (!validCoordinate(lat, lon)) errors.push({ field: `lines.${line}.lat`, code: 'addresses.line_coordinates', params: { line } });
    if (r.number && !normaliseNumber(r.number))
      errors.push({ field: `lines.${line}.number`, code: 'addresses.line_number', params: { line } });
    if (errors.length === before) {
      rows.push({
        street: r.street as string,
        number: r.number ?? '',
        postcode: r.postcode || null,
        lat,
        lon,
        source: 'csv',
        sourceRef: `line ${line}`,
      });
    }
  }
  return { rows, errors };
}

/**
 * Imports the address register from OSM XML or CSV. All or nothing unless `skipInvalid`: then the
 * good rows are written and the bad ones returned as `skipped` (a real OSM extract always has a few).
 */
export async function importAddresses(
  db: Db,
  ctx: ServiceContext,
  format: 'osm' | 'csv',
  text: string,
  opts: { skipInvalid: boolean; dryRun: boolean },
) {
  const { rows, errors } = format === 'osm' ? readOsm(text) : readAddressCsv(text);
  if (!rows.length && !errors.length) throw new AppError('addresses.import_empty', 400);
  if (errors.length && !opts.skipInvalid) throw new AppError('addresses.import_invalid', 400, {}, errors.slice(0, 500));
  if (!opts.dryRun && rows.length) {
    await db.transaction(async (tx) => {
      await upsertAddresses(tx, ctx.tenant.id, rows);
      await audit(tx, ctx, { action: 'addresses.import', entity: 'address', data: { format, rows: rows.length, skipped: errors.length } });
    });
  }
  return {
    imported: rows.length,
    streets: rows.filter((r) => !r.number).length,
    dryRun: opts.dryRun,
    skipped: errors.slice(0, 500).map((e) => ({ field: e.field, code: e.code, message: t(ctx.lang, e.code, e.params) })),
  };
}
