import { type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Db, rows } from '../db/database.js';
import { AppError } from './errors.js';

/**
 * Every id in a request body that names a row of another tenant is refused, for every route, in
 * one place: a route checks its own tenant's rows, but an id it only passes on (a unit for a walk-in
 * ticket, a file to attach, a user to assign) could otherwise point into another municipality.
 *
 * The tenant-owned tables are found in the database itself (every table with `tenant_id` and a uuid
 * `id`), so a new module's tables are covered without a line. One query per request that carries
 * uuids looks them up by primary key in all of them. The answer is the same as for an id that does
 * not exist at all (400, the field named): it does not tell that the row exists elsewhere.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_IDS = 200;

const tablesOf = new WeakMap<Db, Promise<string[]>>();

function tenantTables(db: Db) {
  let p = tablesOf.get(db);
  if (!p) {
    p = db
      .execute(
        sql`select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
              and exists (select 1 from information_schema.columns i where i.table_schema = 'public'
                and i.table_name = c.relname and i.column_name = 'tenant_id')
              and exists (select 1 from information_schema.columns i where i.table_schema = 'public'
                and i.table_name = c.relname and i.column_name = 'id' and i.data_type = 'uuid')
            order by 1`,
      )
      .then((res) => rows<{ table_name: string }>(res).map((r) => r.table_name));
    p.catch(() => tablesOf.delete(db));
    tablesOf.set(db, p);
  }
  return p;
}

/** uuid-shaped strings in a body with the first field that holds each. */
export function collectIds(value: unknown, path = '', out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (out.size >= MAX_IDS || depth > 32) return out;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (UUID.test(v) && !out.has(v)) out.set(v, path || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      collectIds(v, path ? `${path}.${i}` : String(i), out, depth + 1);
    });
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) collectIds(v, path ? `${path}.${k}` : k, out, depth + 1);
  }
  return out;
}

/** The first body id that belongs to another tenant's row, with its field; null when there is none. */
export async function foreignReference(db: Db, tenantId: string, body: unknown): Promise<{ id: string; field: string } | null> {
  const ids = collectIds(body);
  if (!ids.size) return null;
  const tables = await tenantTables(db);
  if (!tables.length) return null;
  const list = [...ids.keys()];
  const arr = sql`array[${sql.join(
    list.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const parts: SQL[] = tables.map(
    (t) => sql`select id from ${sql.identifier(t)} where id = any(${arr}) and tenant_id <> ${tenantId}::uuid`,
  );
  const [hit] = rows<{ id: string }>(await db.execute(sql`select id::text as id from (${sql.join(parts, sql` union all `)}) x limit 1`));
  if (!hit) return null;
  return { id: hit.id, field: ids.get(hit.id.toLowerCase()) ?? 'body' };
}

export async function guardTenantReferences(db: Db, req: FastifyRequest) {
  if (!req.tenant || req.body === undefined || req.body === null || typeof req.body !== 'object') return;
  const hit = await foreignReference(db, req.tenant.id, req.body);
  if (hit) throw new AppError('validation.failed', 400, {}, [{ field: hit.field, code: 'validation.unknown_reference' }]);
}
