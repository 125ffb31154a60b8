import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.js';
import { rows } from '../db/database.js';

export const PARTITIONS_QUEUE = 'telemetry.partitions';
export const RETENTION_QUEUE = 'telemetry.retention';
const DEFAULT_RETENTION_DAYS = 365;

/** Creates the month partitions of `positions` from this month to `monthsAhead` months ahead (idempotent). */
export async function ensurePartitions(db: DbOrTx, monthsAhead = 3, from = new Date()) {
  const created: string[] = [];
  for (let i = 0; i <= monthsAhead; i++) {
    const m = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1)).toISOString().slice(0, 10);
    const r = rows<{ created: boolean }>(await db.execute(sql`select telemetry_ensure_partition(${m}::date) as created`));
    if (r[0]?.created) created.push(m.slice(0, 7));
  }
  return created;
}

/**
 * Retention: each tenant's positions and device messages older than its `retention_days` (default
 * 365) are deleted; month partitions that end before the longest retention of all tenants are
 * dropped whole (cheap: no row-by-row delete for the bulk of old data).
 */
export async function applyRetention(db: DbOrTx, now = new Date()) {
  const res = await db.execute(sql`
    with t as (
      select te.id as tenant_id, coalesce(s.retention_days, ${DEFAULT_RETENTION_DAYS}) as days
      from tenants te left join telemetry_settings s on s.tenant_id = te.id
    ), p as (
      delete from positions x using t where x.tenant_id = t.tenant_id and x.fix_time < ${now.toISOString()}::timestamptz - make_interval(days => t.days) returning 1
    ), m as (
      delete from device_messages x using t where x.tenant_id = t.tenant_id and x.time < ${now.toISOString()}::timestamptz - make_interval(days => t.days) returning 1
    )
    select (select count(*) from p)::int as positions, (select count(*) from m)::int as messages,
      (select coalesce(max(days), ${DEFAULT_RETENTION_DAYS}) from t)::int as longest`);
  const r = rows<{ positions: number; messages: number; longest: number }>(res)[0] ?? {
    positions: 0,
    messages: 0,
    longest: DEFAULT_RETENTION_DAYS,
  };
  const cutoff = new Date(now.getTime() - r.longest * 86_400_000);
  const parts = rows<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'positions' and c.relname ~ '^positions_[0-9]{4}_[0-9]{2}$'`),
  );
  const dropped: string[] = [];
  for (const { name } of parts) {
    const [y, mo] = name.slice(10).split('_').map(Number) as [number, number];
    const end = new Date(Date.UTC(y, mo, 1)); // first day of the next month
    if (end <= cutoff) {
      await db.execute(sql.raw(`drop table if exists "${name}"`));
      dropped.push(name);
    }
  }
  return { deletedPositions: r.positions, deletedMessages: r.messages, droppedPartitions: dropped };
}
