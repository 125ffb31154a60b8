import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Supercluster from 'supercluster';
import type { Database, DbOrTx } from '../../platform/db/database.js';
import { casePoints, findCases } from '../cases/index.js';
import { areasOf, districtAt } from './areas.js';
import { categoriesOf } from './categories.js';
import { hiddenReportIds, moderationOf, reportTypeIds } from './moderation.read.js';
import { loadReportSettings, publicStatus, type TPublicStatus } from './status.js';

/**
 * The public map: every visible report of a tenant (not merged, not hidden) held in memory as a
 * compact array and clustered with supercluster by bbox + zoom. One index per filter combination
 * (a small LRU); the whole index is rebuilt at most every TTL_MS, and a stale one keeps answering
 * while the new one is built (so a rebuild never stalls requests). Writes (moderation, new reports
 * seen by the event handlers) drop the cache at once, in every process (see connectMapFanout).
 */

export type TMapPoint = {
  id: string;
  lon: number;
  lat: number;
  category: string;
  status: TPublicStatus;
  ts: number;
  district: string | null;
};

export type TMapFilter = {
  categories?: string[];
  statuses?: TPublicStatus[];
  from?: Date;
  to?: Date;
  district?: string;
};

/** A serialized answer: the JSON text, and the same gzipped for clients that accept it (every browser). */
export type TMapAnswer = { json: string; gzip: Buffer };
type TIndex = { points: TMapPoint[]; sc: Supercluster<{ i: number }>; answers: Map<string, TMapAnswer> };
type TEntry = {
  builtAt: number;
  points: TMapPoint[];
  indexes: Map<string, TIndex>;
};

const TTL_MS = 120_000;
const MAX_INDEXES = 12;
/** Serialized answers kept per index: many people open the same default view. */
const MAX_ANSWERS = 256;
const entries = new Map<string, TEntry>();
const building = new Map<string, Promise<TEntry>>();

/**
 * The index is per process; forgetting or staling it is told to every other process through the
 * database's LISTEN/NOTIFY (channel `reports_map`), so a report hidden by a moderator vanishes from
 * every server's map at once. A process ignores its own messages (it acted already).
 */
const MAP_CHANNEL = 'reports_map';
const ORIGIN = randomUUID();
let fanout: Database | undefined;
type TMapMessage = { origin: string; tenantId: string; kind: 'forget' | 'stale' };

export async function connectMapFanout(database: Database) {
  fanout = database;
  await database.listen(MAP_CHANNEL, (payload) => {
    const m = JSON.parse(payload) as TMapMessage;
    if (m.origin === ORIGIN) return;
    if (m.kind === 'forget') entries.delete(m.tenantId);
    else markStale(m.tenantId);
  });
}

function tellOthers(tenantId: string, kind: TMapMessage['kind']) {
  const message: TMapMessage = { origin: ORIGIN, tenantId, kind };
  // the local cache is already right; another process missing this keeps its index at most TTL_MS
  fanout?.notify(MAP_CHANNEL, JSON.stringify(message)).catch(() => undefined);
}

function markStale(tenantId: string) {
  const e = entries.get(tenantId);
  if (e) e.builtAt = 0;
}

/** Drops the tenant's index: the next request waits for a fresh one (moderation: a hidden report must vanish at once). */
export function forgetMap(tenantId: string) {
  entries.delete(tenantId);
  tellOthers(tenantId, 'forget');
}

/** Marks the index stale: requests keep the old one while a new one is built (a new report may appear a moment later). */
export function staleMap(tenantId: string) {
  markStale(tenantId);
  tellOthers(tenantId, 'stale');
}

async function loadPoints(db: DbOrTx, tenantId: string): Promise<TMapPoint[]> {
  const settings = await loadReportSettings(db, tenantId);
  const cats = await categoriesOf(db, tenantId);
  const keyOf = new Map(cats.map((c) => [c.caseTypeId, c.key]));
  const areas = await areasOf(db, tenantId);
  const rows = await casePoints(db, tenantId, {
    caseTypeIds: await reportTypeIds(db, tenantId),
    notMerged: true,
    located: true,
    notIds: await hiddenReportIds(db, tenantId),
  });
  const districts = areas.filter((a) => a.kind === 'district');
  return rows.map((r) => ({
    id: r.id,
    lon: r.lon as number,
    lat: r.lat as number,
    category: keyOf.get(r.caseTypeId) ?? '',
    status: publicStatus(r.state, r.stateCategory, settings.statusMap),
    ts: r.submittedAt.getTime(),
    district: districts.length ? (districtAt(districts, r.lon as number, r.lat as number)?.key ?? null) : null,
  }));
}

async function build(db: DbOrTx, tenantId: string): Promise<TEntry> {
  const pending = building.get(tenantId);
  if (pending) return pending;
  const p = loadPoints(db, tenantId)
    .then((points) => {
      const entry: TEntry = { builtAt: Date.now(), points, indexes: new Map() };
      entries.set(tenantId, entry);
      return entry;
    })
    .finally(() => building.delete(tenantId));
  building.set(tenantId, p);
  return p;
}

async function entryFor(db: DbOrTx, tenantId: string): Promise<TEntry> {
  const e = entries.get(tenantId);
  if (!e) return build(db, tenantId);
  if (Date.now() - e.builtAt > TTL_MS && !building.has(tenantId)) {
    // stale: answer from the old one while the new one loads
    build(db, tenantId).catch(() => entries.delete(tenantId));
  }
  return e;
}

const filterKey = (f: TMapFilter) =>
  JSON.stringify([
    [...(f.categories ?? [])].sort(),
    [...(f.statuses ?? [])].sort(),
    f.from?.getTime() ?? null,
    f.to?.getTime() ?? null,
    f.district ?? null,
  ]);

function matches(f: TMapFilter) {
  const cats = f.categories?.length ? new Set(f.categories) : null;
  const sts = f.statuses?.length ? new Set<string>(f.statuses) : null;
  const from = f.from?.getTime();
  const to = f.to?.getTime();
  return (p: TMapPoint) =>
    (!cats || cats.has(p.category)) &&
    (!sts || sts.has(p.status)) &&
    (from === undefined || p.ts >= from) &&
    (to === undefined || p.ts <= to) &&
    (!f.district || p.district === f.district);
}

async function indexFor(db: DbOrTx, tenantId: string, f: TMapFilter): Promise<TIndex> {
  const e = await entryFor(db, tenantId);
  const key = filterKey(f);
  const hit = e.indexes.get(key);
  if (hit) {
    e.indexes.delete(key);
    e.indexes.set(key, hit); // most recently used last
    return hit;
  }
  const points = e.points.filter(matches(f));
  const sc = new Supercluster<{ i: number }>({ radius: 60, maxZoom: 17, minPoints: 3 });
  sc.load(points.map((p, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { i } })));
  const idx = { points, sc, answers: new Map<string, TMapAnswer>() };
  e.indexes.set(key, idx);
  if (e.indexes.size > MAX_INDEXES) e.indexes.delete(e.indexes.keys().next().value as string);
  return idx;
}

export type TMapItem =
  | { kind: 'cluster'; lat: number; lon: number; count: number; expansionZoom: number }
  | { kind: 'point'; id: string; lat: number; lon: number; category: string; status: TPublicStatus };

/**
 * The map's answer as JSON text and gzipped, made once per index, box and zoom (the box is rounded
 * to 5 decimals, about a metre, by the caller's query string) and kept until the index is dropped.
 * Serialized by hand: for thousands of items the response-schema pass cost more than the clustering
 * itself; close up (zoom 15 over a whole town: about a thousand clusters) the bytes are the cost,
 * so coordinates go out at 5 decimals and compressed once, not per request.
 */
export async function mapClustersAnswer(
  db: DbOrTx,
  tenantId: string,
  bbox: [number, number, number, number],
  zoom: number,
  f: TMapFilter,
): Promise<TMapAnswer> {
  const idx = await indexFor(db, tenantId, f);
  const key = `${bbox.join(',')}|${Math.round(zoom)}`;
  const hit = idx.answers.get(key);
  if (hit !== undefined) {
    idx.answers.delete(key);
    idx.answers.set(key, hit); // most recently used last
    return hit;
  }
  const json = JSON.stringify(clustersOf(idx, bbox, zoom));
  const answer = { json, gzip: gzipSync(json, { level: 6 }) };
  idx.answers.set(key, answer);
  if (idx.answers.size > MAX_ANSWERS) idx.answers.delete(idx.answers.keys().next().value as string);
  return answer;
}

/** The map's answer as JSON text (see mapClustersAnswer). */
export async function mapClustersJson(db: DbOrTx, tenantId: string, bbox: [number, number, number, number], zoom: number, f: TMapFilter) {
  return (await mapClustersAnswer(db, tenantId, bbox, zoom, f)).json;
}

/** Degrees at 5 decimals: about a metre, plenty for a marker, and half the characters of a double. */
const deg = (x: number) => Math.round(x * 1e5) / 1e5;

/** Clusters and single reports in a map box at a zoom level. */
export async function mapClusters(db: DbOrTx, tenantId: string, bbox: [number, number, number, number], zoom: number, f: TMapFilter) {
  return clustersOf(await indexFor(db, tenantId, f), bbox, zoom);
}

function clustersOf(idx: TIndex, bbox: [number, number, number, number], zoom: number) {
  const items: TMapItem[] = idx.sc.getClusters(bbox, Math.round(zoom)).map((feat) => {
    const [lon, lat] = feat.geometry.coordinates as [number, number];
    const props = feat.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number };
    if (props.cluster) {
      return {
        kind: 'cluster',
        lat: deg(lat),
        lon: deg(lon),
        count: props.point_count ?? 0,
        expansionZoom: Math.min(idx.sc.getClusterExpansionZoom(props.cluster_id as number), 20),
      };
    }
    const p = idx.points[props.i as number] as TMapPoint;
    return { kind: 'point', id: p.id, lat: p.lat, lon: p.lon, category: p.category, status: p.status };
  });
  return { items, total: idx.points.length };
}

/** Newest first, in a box when given; offset paging over the same in-memory set the map shows. */
export async function listPoints(
  db: DbOrTx,
  tenantId: string,
  f: TMapFilter & { bbox?: [number, number, number, number] },
  offset: number,
  limit: number,
) {
  const idx = await indexFor(db, tenantId, f);
  let pts = idx.points;
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    pts = pts.filter((p) => p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n);
  }
  const sorted = [...pts].sort((a, b) => b.ts - a.ts || (a.id < b.id ? -1 : 1));
  return { page: sorted.slice(offset, offset + limit), total: sorted.length };
}

/** The case rows of a page, for titles and addresses. */
export async function rowsFor(db: DbOrTx, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  const found = await findCases(db, tenantId, { ids });
  const mods = await moderationOf(
    db,
    found.map((c) => c.id),
  );
  return found.map((c) => ({ c, m: mods.get(c.id) ?? null }));
}
