import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { csvCell as exportCell } from '../export/index.js';
import { AppError } from '../http/errors.js';
import { registerMessages } from '../i18n/i18n.js';
import { users } from '../identity/identity.schema.js';
import { auditLog } from './audit.schema.js';

const ZInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).meta({ description: 'ISO date-time or date' });

export const ZAuditFilters = z
  .object({
    actorUserId: z.uuid().optional(),
    action: z.string().trim().min(1).max(100).optional().meta({ description: 'Exact action, or a prefix ending in * (e.g. staff.*)' }),
    entity: z.string().trim().min(1).max(100).optional(),
    entityId: z.string().trim().min(1).max(200).optional(),
    from: ZInstant.optional().meta({ description: 'On or after (inclusive)' }),
    to: ZInstant.optional().meta({ description: 'Before (exclusive); a date means up to the start of that day' }),
  })
  .strict();
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export const ZAuditQuery = ZAuditFilters.extend({
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorKind: z.string(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() });

/**
 * Cursors carry the last row's timestamp at full microsecond precision (as text, since a JS
 * Date keeps only milliseconds and would skip or repeat rows written in the same millisecond)
 * and its id, the tie-breaker.
 */
type Cursor = { at: string; id: string };

export function encodeCursor(c: Cursor) {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) &&
      /^[0-9a-f-]{36}$/i.test(id) &&
      !Number.isNaN(Date.parse(at))
    ) {
      return { at, id };
    }
  } catch {
    /* fall through */
  }
  throw new AppError('validation.failed', 400, {}, [{ field: 'cursor', code: 'validation.invalid' }]);
}

function conditions(tenantId: string, f: TAuditFilters): SQL[] {
  const where: SQL[] = [eq(auditLog.tenantId, tenantId)];
  if (f.from && f.to && Date.parse(f.from) > Date.parse(f.to)) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'to', code: 'audit.range_reversed' }]);
  }
  if (f.actorUserId) where.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.action?.endsWith('*')) {
    const prefix = f.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(sql`${auditLog.action} like ${`${prefix}%`}`);
  } else if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.from) where.push(sql`${auditLog.at} >= ${f.from}::timestamptz`);
  if (f.to) where.push(sql`${auditLog.at} < ${f.to}::timestamptz`);
  return where;
}

const atText = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

async function page(db: Db, tenantId: string, where: SQL[], limit: number, cursor?: Cursor) {
  const w = [...where];
  if (cursor) w.push(sql`(${auditLog.at}, ${auditLog.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      id: auditLog.id,
      at: atText,
      actorUserId: auditLog.actorUserId,
      actorKind: auditLog.actorKind,
      actorEmail: users.email,
      actorName: sql<string | null>`nullif(trim(coalesce(${users.givenName}, '') || ' ' || coalesce(${users.familyName}, '')), '')`,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      data: auditLog.data,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(users.id, auditLog.actorUserId), eq(users.tenantId, tenantId)))
    .where(and(...w))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}

/** Newest first, one page at a time. */
export async function listAudit(db: Db, tenantId: string, q: TAuditQuery) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  const res = await page(db, tenantId, conditions(tenantId, q), q.limit, cursor);
  return { items: res.items, nextCursor: res.next ? encodeCursor(res.next) : null };
}

export const CSV_MAX_ROWS = 100_000;

/**
 * The same records as CSV, walked page by page so memory stays flat; at most CSV_MAX_ROWS rows.
 * Filters are checked before the first byte, so a bad one is still a 400 with a field error.
 */
export function auditCsv(db: Db, tenantId: string, f: TAuditFilters): AsyncGenerator<string> {
  return csvLines(db, tenantId, conditions(tenantId, f));
}

async function* csvLines(db: Db, tenantId: string, where: SQL[]): AsyncGenerator<string> {
  // a BOM so spreadsheet programs read the Greek as UTF-8
  yield `\uFEFF${['at', 'actor_user_id', 'actor_kind', 'actor_email', 'actor_name', 'action', 'entity', 'entity_id', 'ip', 'user_agent', 'request_id', 'data'].join(',')}\r\n`;
  let cursor: Cursor | undefined;
  let sent = 0;
  while (sent < CSV_MAX_ROWS) {
    const res = await page(db, tenantId, where, Math.min(1000, CSV_MAX_ROWS - sent), cursor);
    if (!res.items.length) return;
    yield res.items
      .map((r) =>
        [
          r.at,
          r.actorUserId,
          r.actorKind,
          r.actorEmail,
          r.actorName,
          r.action,
          r.entity,
          r.entityId,
          r.ip,
          r.userAgent,
          r.requestId,
          JSON.stringify(r.data),
        ]
          .map(csvCell)
          .join(','),
      )
      .map((line) => `${line}\r\n`)
      .join('');
    sent += res.items.length;
    if (!res.next) return;
    cursor = res.next;
  }
}

/** RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a formula. */
export function csvCell(v: string | null | undefined): string {
  return exportCell(v);
}

registerMessages({
  'audit.range_reversed': {
    el: 'Το «{field}» πρέπει να είναι μετά την αρχή του διαστήματος.',
    en: 'The field “{field}” must be after the start of the range.',
  },
  'field.from': { el: 'Από', en: 'From' },
  'field.to': { el: 'Έως', en: 'To' },
  'field.cursor': { el: 'Σελίδα', en: 'Cursor' },
});
