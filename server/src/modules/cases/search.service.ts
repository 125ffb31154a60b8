import { and, asc, count, desc, eq, inArray, isNull, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { ChangeCache } from '../../platform/db/change-cache.js';
import type { Database, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { TCaseListQuery } from './case.model.js';
import { CLOSED_CATEGORIES, loadContexts, todayAthens, toSummary } from './case.service.js';
import { cases, caseTypes, STATE_CATEGORIES } from './schema.js';
import { cachedUnitTree, loadUnitTree, visibleUnits } from './units.js';

/** Word similarity above which a title counts as a typo-tolerant match (set per transaction, see listCases). */
const SIMILARITY = '0.4';
/**
 * With a text search, counting every match costs one trigram comparison per candidate row (~25 µs
 * each: a common word matches 15% of a million cases = seconds), so the total is counted only up to
 * this cap and per-category counts are left out; see README «Staff list».
 */
export const SEARCH_COUNT_CAP = 100;

type Cursor = { v?: string | null; id?: string; o?: number };
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(s: string): Cursor {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw new AppError('case.bad_cursor', 400);
  }
}

/**
 * Full-text match OR trigram word-similarity match OR protocol number. `%>` is the operator form of
 * `word_similarity(q, title) >= pg_trgm.word_similarity_threshold`: unlike the function it can use
 * the GIN trigram index, so a selective search is a BitmapOr of cases_search and cases_title_trgm.
 */
function textMatch(q: string): SQL {
  return sql`(${cases.search} @@ websearch_to_tsquery('greek_unaccent', ${q})
    or lower(f_unaccent(${cases.title})) %> lower(f_unaccent(${q}))
    or ${cases.protocolNumber} = ${q.trim()})`;
}

type TCounts = Record<(typeof STATE_CATEGORIES)[number], number>;
const countCaches = new WeakMap<Database, ChangeCache<TCounts>>();

/**
 * The counts per state category of the cases a staff member sees (the inbox's tabs), per tenant and
 * set of visible units: counting every visible case cost more than the page itself (30–40 ms at
 * 10,000 open cases). Kept per process until a case is filed, changes category or unit, or is
 * removed (the database announces it, migration 0025), and dropped at once by a write request here.
 */
function countCache(database: Database) {
  let c = countCaches.get(database);
  if (!c) {
    c = new ChangeCache<TCounts>(database, ['cases'], { maxEntries: 5000 });
    countCaches.set(database, c);
  }
  return c;
}

/** Query fields that do not narrow the counts (the page, its order, the category tabs themselves) or are in the key. */
const COUNT_NEUTRAL = new Set(['category', 'sort', 'cursor', 'limit', 'unitId']);

/** When only the tenant, the visible units and `unitId` narrow the list, the key its counts are kept under; else null (any other filter, a new one too). */
function countKey(tenantId: string, visible: string[] | null, q: TCaseListQuery) {
  for (const [field, value] of Object.entries(q)) if (value !== undefined && value !== '' && !COUNT_NEUTRAL.has(field)) return null;
  return `${tenantId}|${q.unitId ?? ''}|${visible === null ? '*' : [...visible].sort().join(',')}`;
}

/** The filters of a staff list, without the state category (counts are per category), and the key its counts are kept under. */
async function baseFilters(
  db: DbOrTx,
  req: FastifyRequest,
  q: TCaseListQuery,
  database?: Database,
): Promise<{ where: SQL[]; countKey: string | null } | null> {
  const tenantId = req.tenant.id;
  const tree = database ? await cachedUnitTree(database, db, tenantId) : await loadUnitTree(db, tenantId);
  const visible = visibleUnits(req.actor, 'cases.read', tree);
  const where: SQL[] = [eq(cases.tenantId, tenantId)];
  if (visible !== null) {
    if (!visible.length) return null;
    where.push(inArray(cases.unitId, visible));
  }
  if (q.type) {
    where.push(
      inArray(
        cases.caseTypeId,
        db
          .select({ id: caseTypes.id })
          .from(caseTypes)
          .where(and(eq(caseTypes.tenantId, tenantId), eq(caseTypes.key, q.type))),
      ),
    );
  }
  if (q.state) where.push(eq(cases.state, q.state));
  if (q.unitId) where.push(inArray(cases.unitId, tree.withDescendants([q.unitId])));
  if (q.assigneeId === 'none') where.push(isNull(cases.assigneeId));
  else if (q.assigneeId === 'me') where.push(eq(cases.assigneeId, 'userId' in req.actor ? (req.actor.userId ?? '') : ''));
  else if (q.assigneeId) where.push(eq(cases.assigneeId, q.assigneeId));
  if (q.channel) where.push(eq(cases.channel, q.channel));
  if (q.from) where.push(sql`(${cases.submittedAt} at time zone 'Europe/Athens')::date >= ${q.from}::date`);
  if (q.to) where.push(sql`(${cases.submittedAt} at time zone 'Europe/Athens')::date <= ${q.to}::date`);
  if (q.overdue === 'true') {
    where.push(lt(cases.dueDate, todayAthens()), notInArray(cases.stateCategory, [...CLOSED_CATEGORIES]));
  } else if (q.overdue === 'false') {
    where.push(
      sql`not (${cases.dueDate} is not null and ${cases.dueDate} < ${todayAthens()} and ${cases.stateCategory} not in ('resolved','rejected','closed'))`,
    );
  }
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox.split(',').map(Number) as [number, number, number, number];
    where.push(sql`point(${cases.lon}, ${cases.lat}) <@ box(point(${minLon}, ${minLat}), point(${maxLon}, ${maxLat}))`);
  }
  if (q.tag) where.push(sql`${q.tag} = any(${cases.tags})`);
  if (q.q?.trim()) where.push(textMatch(q.q));
  return { where, countKey: countKey(tenantId, visible, q) };
}

/**
 * Staff lists: filters, Greek text search tolerant of accents and typos, sorting, cursor pages, counts per category.
 * With `database` (the route) the unit tree, workflows and type versions come from the process's caches.
 */
export async function listCases(db: DbOrTx, req: FastifyRequest, q: TCaseListQuery, database?: Database) {
  if (!q.q?.trim()) return listIn(db, req, q, database);
  // The similarity threshold of `%>` is a setting: local to this transaction (a savepoint when db is one).
  // No parallel workers either: a first page stops after a few thousand rows, and launching workers on a
  // busy server cost ~90 ms of a 110 ms page at a million cases (bench/cases-search.bench.ts).
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${SIMILARITY}, true), set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    return listIn(tx, req, q, database);
  });
}

async function listIn(db: DbOrTx, req: FastifyRequest, q: TCaseListQuery, database?: Database) {
  const filters = await baseFilters(db, req, q, database);
  const emptyCounts = Object.fromEntries(STATE_CATEGORIES.map((c) => [c, 0])) as TCounts;
  const searching = Boolean(q.q?.trim());
  if (!filters) return { items: [], nextCursor: null, counts: searching ? null : emptyCounts, total: 0, capped: false };
  const base = filters.where;
  const cats = q.category ? (Array.isArray(q.category) ? q.category : [q.category]) : null;
  const where = cats ? [...base, inArray(cases.stateCategory, cats)] : [...base];

  const sort = q.sort === 'relevance' && !q.q?.trim() ? 'submitted_desc' : q.sort;
  const cursor = q.cursor ? decode(q.cursor) : null;
  const dueKey = sql`coalesce(${cases.dueDate}, '9999-12-31'::date)`;
  let order: SQL[];
  let offset = 0;
  switch (sort) {
    case 'submitted_asc':
      order = [asc(cases.submittedAt), asc(cases.id)];
      if (cursor?.v && cursor.id) where.push(sql`(${cases.submittedAt}, ${cases.id}) > (${cursor.v}::timestamptz, ${cursor.id}::uuid)`);
      break;
    case 'due_asc':
      order = [asc(dueKey), asc(cases.id)];
      if (cursor?.v && cursor.id) where.push(sql`(${dueKey}, ${cases.id}) > (${cursor.v}::date, ${cursor.id}::uuid)`);
      break;
    case 'relevance': {
      const qq = q.q as string;
      order = [
        desc(
          sql`ts_rank(${cases.search}, websearch_to_tsquery('greek_unaccent', ${qq})) + word_similarity(lower(f_unaccent(${qq})), lower(f_unaccent(${cases.title})))`,
        ),
        asc(cases.id),
      ];
      offset = cursor?.o ?? 0;
      break;
    }
    default:
      order = [desc(cases.submittedAt), desc(cases.id)];
      if (cursor?.v && cursor.id) where.push(sql`(${cases.submittedAt}, ${cases.id}) < (${cursor.v}::timestamptz, ${cursor.id}::uuid)`);
  }

  const found = await db
    .select()
    .from(cases)
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1)
    .offset(offset);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (found.length > q.limit && last) {
    if (sort === 'relevance') nextCursor = encode({ o: offset + q.limit });
    else if (sort === 'due_asc') nextCursor = encode({ v: last.dueDate ?? '9999-12-31', id: last.id });
    else nextCursor = encode({ v: last.submittedAt.toISOString(), id: last.id });
  }

  const ctxOf = await loadContexts(db, page, database);
  const items = page.map((c) => toSummary(c, ctxOf(c)));
  if (searching) {
    // the first page that is not full is the whole list; otherwise count up to the cap (the same filters as the page)
    if (!q.cursor && found.length <= q.limit) return { items, nextCursor, counts: null, total: page.length, capped: false };
    const [row] = await db.select({ n: count() }).from(
      db
        .select({ one: sql`1`.as('one') })
        .from(cases)
        .where(and(...(cats ? [...base, inArray(cases.stateCategory, cats)] : base)))
        .limit(SEARCH_COUNT_CAP + 1)
        .as('capped'),
    );
    const n = Number(row?.n ?? 0);
    return { items, nextCursor, counts: null, total: Math.min(n, SEARCH_COUNT_CAP), capped: n > SEARCH_COUNT_CAP };
  }

  const countAll = async () => {
    const grouped = await db
      .select({ category: cases.stateCategory, n: count() })
      .from(cases)
      .where(and(...base))
      .groupBy(cases.stateCategory);
    const counted = { ...emptyCounts };
    for (const g of grouped) counted[g.category] = Number(g.n);
    return counted;
  };
  const key = filters.countKey;
  const counts = database && key ? await countCache(database).get(key, countAll) : await countAll();
  const total = cats ? cats.reduce((s, c) => s + counts[c], 0) : Object.values(counts).reduce((s, n) => s + n, 0);

  return { items, nextCursor, counts, total, capped: false };
}
