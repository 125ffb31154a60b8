import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/platform/db/database.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeDevice, makeStaff, makeUser, sessionCookie } from '../factories.js';

/**
 * One generic fuzz test for the whole API: it walks the OpenAPI document and sends every operation
 * malformed input (wrong types, missing and extra fields, NUL bytes, lone surrogates, huge strings
 * and numbers, invalid ids, deep nesting, `__proto__`, wrong content types, broken JSON) as an
 * anonymous caller, a device, a citizen and an administrator. It fails on any 5xx, on any error
 * without `{code, message}`, and on any row written by a request that was refused (4xx).
 * A new module's operations are in the document, so they are covered without writing a line.
 *
 * Bounded and deterministic: each operation gets two cases per caller, chosen by rotation from the
 * list of kinds (so the four callers together try eight of them), values from a seeded generator.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  pattern?: string;
  default?: unknown;
};
type Param = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Operation = { method: string; path: string; params: Param[]; body?: Schema };
type Case = { kind: string; url: string; payload?: string; contentType?: string; headers?: Record<string, string> };

const KINDS = [
  'missing',
  'wrong-types',
  'nul',
  'surrogate',
  'huge-strings',
  'huge-numbers',
  'invalid-ids',
  'extra-and-proto',
  'deep',
  'wrong-content-type',
  'broken-json',
  'query-nul',
  'path-bad',
] as const;
type Kind = (typeof KINDS)[number];
/** Each caller tries this many kinds on each operation (rotating, so all kinds are tried across operations). */
const CASES_PER_CALLER = 2;

/** mulberry32: the same values on every run */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(0x5eed);
function uuid() {
  const h = () =>
    Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
}

let spec: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, Schema> } };

function deref(s: Schema | undefined, depth = 0): Schema {
  if (!s) return {};
  if (s.$ref && depth < 10) {
    const name = s.$ref.split('/').pop() ?? '';
    return deref(spec.components?.schemas?.[name], depth + 1);
  }
  return s;
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

/** A value the schema would probably accept: the base that each case breaks in one way. */
function sample(raw: Schema | undefined, depth = 0): unknown {
  const s = deref(raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((a) => typeOf(deref(a)) !== 'null') ?? alt[0], depth + 1);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => sample(a, depth + 1)));
  const type = typeOf(s) ?? (s.properties ? 'object' : undefined);
  if (depth > 6) return null;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      switch (s.format) {
        case 'uuid':
          return uuid();
        case 'email':
          return 'fuzz@example.gr';
        case 'date-time':
          return '2026-03-02T09:00:00.000Z';
        case 'date':
          return '2026-03-02';
        case 'uri':
          return 'https://example.gr/x';
        default:
          return 'a'.repeat(Math.max(1, Math.min(s.minLength ?? 1, 200)));
      }
    default:
      return 'x';
  }
}

/** Every string in a value replaced by `f` (keys kept), every number by `n`. */
function mapLeaves(v: unknown, f: (s: string, key: string) => unknown, n: (x: number) => unknown = (x) => x, key = ''): unknown {
  if (typeof v === 'string') return f(v, key);
  if (typeof v === 'number') return n(v);
  if (Array.isArray(v)) return v.map((x) => mapLeaves(x, f, n, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapLeaves(x, f, n, k)]));
  return v;
}

function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'not a number';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return { not: 'an array' };
  if (v && typeof v === 'object') return ['not', 'an', 'object'];
  return { unexpected: true };
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

function buildUrl(op: Operation, pathValue: (p: Param) => string, query: Record<string, string>) {
  let url = op.path;
  for (const p of op.params.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, pathValue(p));
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
    .join('&');
  return qs ? `${url}?${qs}` : url;
}

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

/** One malformed request of the given kind for an operation. */
function makeCase(op: Operation, kind: Kind): Case {
  const pathOk = (p: Param) => {
    const s = deref(p.schema);
    return String(s.format === 'uuid' || /id$/i.test(p.name) ? uuid() : enc(sample(s)));
  };
  const queryParams = op.params.filter((p) => p.in === 'query');
  const baseQuery: Record<string, string> = {};
  for (const p of queryParams) if (p.required) baseQuery[p.name] = enc(sample(p.schema));
  const url = (pv = pathOk, q = baseQuery) => buildUrl(op, pv, q);
  const hasBody = op.body !== undefined;
  const base = hasBody ? sample(op.body) : undefined;
  const json = (v: unknown) => ({ payload: JSON.stringify(v), contentType: 'application/json' });
  const bodyOrQuery = (transform: (v: unknown) => unknown, queryValue: string): Case => {
    if (hasBody) return { kind, url: url(), ...json(transform(base)) };
    const q: Record<string, string> = { ...baseQuery };
    for (const p of queryParams) q[p.name] = queryValue;
    if (!queryParams.length) q.q = queryValue;
    return { kind, url: url(pathOk, q) };
  };
  switch (kind) {
    case 'missing':
      return hasBody ? { kind, url: url(), ...json({}) } : { kind, url: url(pathOk, {}) };
    case 'wrong-types':
      return bodyOrQuery(
        (v) => (v && typeof v === 'object' && !Array.isArray(v) ? mapLeavesTop(v, wrongType) : wrongType(v)),
        enc({ a: 1 }),
      );
    case 'nul':
      return bodyOrQuery((v) => mapLeaves(v, (s) => `${s}\u0000x`), '%00');
    case 'surrogate':
      return bodyOrQuery((v) => mapLeaves(v, (s) => `${s}\ud800`), '%ED%A0%80');
    case 'huge-strings':
      return bodyOrQuery((v) => mapLeaves(v, () => 'Ω'.repeat(200_000)), 'x'.repeat(20_000));
    case 'huge-numbers':
      return bodyOrQuery(
        (v) =>
          mapLeaves(
            v,
            (s) => s,
            (x) => (x >= 0 ? 1e308 : -1e308),
          ),
        '99999999999999999999999999999999',
      );
    case 'invalid-ids':
      return bodyOrQuery((v) => mapLeaves(v, (s, k) => (/id$/i.test(k) || /^[0-9a-f-]{36}$/.test(s) ? 'not-a-uuid' : s)), 'not-a-uuid');
    case 'extra-and-proto': {
      const obj = base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
      const inner = JSON.stringify({ ...obj, unexpectedField: 'x', constructor: { prototype: { polluted: true } } }).slice(1, -1);
      const payload = `{"__proto__":{"polluted":true}${inner ? `,${inner}` : ''}}`;
      const u = url();
      return {
        kind,
        url: `${u}${u.includes('?') ? '&' : '?'}__proto__%5Bpolluted%5D=1&unexpected=1`,
        payload,
        contentType: 'application/json',
      };
    }
    case 'deep': {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 2000; i++) deep = { a: [deep] };
      const obj = base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
      const first = Object.keys(obj)[0] ?? 'a';
      return { kind, url: url(), ...json({ ...obj, [first]: deep }) };
    }
    case 'wrong-content-type':
      return hasBody
        ? { kind, url: url(), payload: JSON.stringify(base), contentType: 'text/plain' }
        : { kind, url: url(), payload: 'a=1&b=%00', contentType: 'application/x-www-form-urlencoded' };
    case 'broken-json':
      return { kind, url: url(), payload: '{"a": [1, 2,', contentType: 'application/json' };
    case 'query-nul': {
      const q: Record<string, string> = { ...baseQuery };
      for (const p of queryParams) q[p.name] = `a%00${p.name}`;
      if (!queryParams.length) q.x = '%00';
      return { kind, url: url(pathOk, q), ...(hasBody ? json(base) : {}) };
    }
    case 'path-bad': {
      const hasPath = op.params.some((p) => p.in === 'path');
      if (!hasPath) return { kind, url: `${op.path}/%00/${'x'.repeat(3000)}`, ...(hasBody ? json(base) : {}) };
      const values = ['%00', 'not-a-uuid', '%ED%A0%80', 'x'.repeat(5000), '..%2F..%2Fetc', '-1', '1e999'];
      const v = values[Math.floor(random() * values.length)] ?? '%00';
      return { kind, url: url(() => v), ...(hasBody ? json(base) : {}) };
    }
  }
}

function mapLeavesTop(v: object, f: (x: unknown) => unknown) {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)]));
}

let sut: TestApp;
let slug: string;
const callers: { name: string; headers: Record<string, string> }[] = [];
let admin: { id: string; tenantId: string };
let citizen: { id: string; tenantId: string };

/** Fresh sessions before each operation: an operation may have signed its caller out (logout, password change). */
async function refreshSessions() {
  const [, , c, s] = callers;
  if (c) c.headers.cookie = await sessionCookie(sut.db, citizen);
  if (s) s.headers.cookie = await sessionCookie(sut.db, admin);
}

/**
 * Every row written, updated or deleted in any table, recorded by a row trigger into `fuzz_writes`
 * (so a write that its transaction rolled back leaves no trace, like the write itself). The rate-limit
 * counters are left out (a refused request is counted there on purpose), and so are sessions' updates
 * (their last-seen time is touched on any request).
 */
async function watchWrites() {
  await sut.db.execute(sql`create table fuzz_writes (id serial primary key, tbl text not null, op text not null, row_id text)`);
  await sut.db.execute(
    sql.raw(`create function fuzz_record() returns trigger language plpgsql as $$
      begin
        insert into fuzz_writes (tbl, op, row_id) values (TG_TABLE_NAME, TG_OP,
          case when TG_OP = 'DELETE' then to_jsonb(OLD)->>'id' else to_jsonb(NEW)->>'id' end);
        return null;
      end $$`),
  );
  const tables = rows<{ t: string }>(
    await sut.db.execute(
      sql`select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
            and c.relname not in ('rate_limits', 'fuzz_writes') order by 1`,
    ),
  ).map((r) => r.t);
  for (const t of tables) {
    const ops = t === 'sessions' ? 'insert or delete' : 'insert or update or delete';
    await sut.db.execute(sql.raw(`create trigger fuzz_watch after ${ops} on "${t}" for each row execute function fuzz_record()`));
  }
  return tables.length;
}

/**
 * The writes since the last call that are still there, as `table op×n`: a row made and removed
 * again within the request (the anonymous device of a refused request) leaves nothing behind.
 */
async function takeWrites(): Promise<string[]> {
  const found = rows<{ id: number; tbl: string; op: string; row_id: string | null }>(
    await sut.db.execute(sql`delete from fuzz_writes returning id, tbl, op, row_id`),
  ).sort((a, b) => a.id - b.id);
  const byRow = new Map<string, string[]>();
  for (const w of found) {
    const k = `${w.tbl}|${w.row_id ?? w.id}`;
    byRow.set(k, [...(byRow.get(k) ?? []), w.op.toLowerCase()]);
  }
  const n = new Map<string, number>();
  for (const [k, ops] of byRow) {
    if (ops[0] === 'insert' && ops[ops.length - 1] === 'delete') continue;
    const key = `${k.split('|')[0]} ${[...new Set(ops)].join('+')}`;
    n.set(key, (n.get(key) ?? 0) + 1);
  }
  return [...n].map(([k, v]) => `${k}×${v}`);
}

/**
 * `{code, message}` everywhere, except under /open311/, where GeoReport v2 prescribes its own error
 * list (`[{code, description}]` in JSON, `<errors><error>` in XML) and clients expect exactly that.
 */
function errorShapeOk(path: string, text: string) {
  // (a URL the router cannot even read is refused before any Open311 route: the API's shape)
  if (path.startsWith('/open311/') && !text.startsWith('{"code"')) {
    if (/^<\?xml[^>]*>\s*<errors>\s*<error>\s*<code>\d+<\/code>\s*<description>[^<]+<\/description>/.test(text)) return true;
    try {
      const list = JSON.parse(text) as { code?: unknown; description?: unknown }[];
      return Array.isArray(list) && list.length > 0 && list.every((e) => typeof e.code === 'number' && typeof e.description === 'string');
    } catch {
      return false;
    }
  }
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return typeof body.code === 'string' && typeof body.message === 'string' && body.message.length > 0;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  sut = await createTestApp();
  // jobs would write rows of their own between two requests
  await sut.platform.jobs.stop();
  const demo = { tenantId: sut.tenant.id };
  slug = sut.tenant.slug;
  spec = (await sut.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  expect(await watchWrites()).toBeGreaterThan(50);
  admin = await makeStaff(sut.db, demo.tenantId, 'admin', null);
  citizen = await makeUser(sut.db, demo.tenantId, { kind: 'citizen', email: null, phone: '+306900000077', phoneVerifiedAt: new Date() });
  const device = await makeDevice(sut.db, demo.tenantId);
  const h = { 'x-tenant': slug, 'accept-language': 'en' };
  callers.push(
    { name: 'anonymous', headers: { ...h } },
    { name: 'device', headers: { ...h, 'x-device-token': device.token } },
    { name: 'citizen', headers: { ...h, cookie: await sessionCookie(sut.db, citizen) } },
    { name: 'staff', headers: { ...h, cookie: await sessionCookie(sut.db, admin) } },
  );
}, 300_000);
afterAll(() => sut.close());

describe('fuzzing every operation of the OpenAPI document', () => {
  it('answers malformed input with a 4xx {code, message}, never a 5xx, and writes nothing when it refuses', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let sent = 0;
    await takeWrites();
    for (const [i, op] of ops.entries()) {
      await refreshSessions();
      await takeWrites();
      for (const [c, caller] of callers.entries()) {
        for (let j = 0; j < CASES_PER_CALLER; j++) {
          const kind = KINDS[(i * 3 + c * CASES_PER_CALLER + j) % KINDS.length] as Kind;
          const k = makeCase(op, kind);
          const label = `${caller.name} ${op.method} ${op.path} [${kind}] ${k.url.slice(0, 120)}`;
          let res: Awaited<ReturnType<TestApp['app']['inject']>>;
          try {
            res = await sut.app.inject({
              method: op.method as 'GET',
              url: k.url,
              headers: { ...caller.headers, ...(k.contentType ? { 'content-type': k.contentType } : {}), ...k.headers },
              payload: k.payload,
              signal: AbortSignal.timeout(20_000),
            });
          } catch (err) {
            failures.push(`${label} → no answer (${(err as Error).message})`);
            continue;
          }
          sent++;
          const status = res.statusCode;
          if (status >= 500) failures.push(`${label} → ${status} ${res.body.slice(0, 300)}`);
          if (status >= 400 && !errorShapeOk(op.path, res.body))
            failures.push(`${label} → ${status} without {code, message}: ${res.body.slice(0, 200)}`);
          const writes = await takeWrites();
          if (status >= 400 && writes.length) failures.push(`${label} → ${status} but wrote: ${writes.join(', ')}`);
        }
      }
    }
    expect(sent).toBeGreaterThan(ops.length * callers.length * CASES_PER_CALLER * 0.95);
    expect(failures).toEqual([]);
  }, 900_000);
});
