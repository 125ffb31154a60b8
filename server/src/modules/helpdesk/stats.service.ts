import { and, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { todayAthens } from '../cases/index.js';
import { unitScope } from './scope.js';

/**
 * Figures for the dashboard, all computed in SQL over the cases of the units the actor holds
 * `helpdesk.stats` in. Dates are Athens calendar days; a period is [from, to] inclusive.
 */

export type TStatsQuery = { from?: string; to?: string; unitId?: string; interval?: 'day' | 'week' | 'month' };
export type TPeriod = { from: string; to: string; interval: 'day' | 'week' | 'month' };

const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

export function period(q: TStatsQuery): TPeriod {
  const to = q.to ?? todayAthens();
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw new AppError('validation.failed', 400, {}, [{ field: 'from', code: 'helpdesk.bad_period' }]);
  if (addDays(from, 800) < to) throw new AppError('validation.failed', 400, {}, [{ field: 'from', code: 'helpdesk.bad_period' }]);
  return { from, to, interval: q.interval ?? (addDays(from, 62) < to ? 'month' : addDays(from, 14) < to ? 'week' : 'day') };
}

const submittedDay = sql`(c.submitted_at at time zone 'Europe/Athens')::date`;
const resolvedDay = sql`(c.resolved_at at time zone 'Europe/Athens')::date`;

/** The common WHERE: tenant, the actor's units, an optional unit (with sub-units). */
async function scopeOf(db: DbOrTx, ctx: ServiceContext, q: TStatsQuery): Promise<SQL> {
  const { tree, where } = await unitScope(db, ctx, 'helpdesk.stats');
  const parts: SQL[] = [sql`c.tenant_id = ${ctx.tenant.id}`, sql`c.merged_into_id is null`, where];
  if (q.unitId) {
    const sub = tree.withDescendants([q.unitId]);
    parts.push(
      sql`c.unit_id in (${sql.join(
        sub.map((u) => sql`${u}::uuid`),
        sql`, `,
      )})`,
    );
  }
  return sql.join(parts, sql` and `);
}

const n = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export async function dashboard(db: DbOrTx, ctx: ServiceContext, q: TStatsQuery) {
  const p = period(q);
  const where = await scopeOf(db, ctx, q);
  const inPeriod = sql`${submittedDay} between ${p.from}::date and ${p.to}::date`;
  const bucket = sql.raw(`date_trunc('${p.interval}', (c.submitted_at at time zone 'Europe/Athens'))::date`);

  const series = rows<{ period: string; channel: string; n: number }>(
    await db.execute(sql`select to_char(${bucket}, 'YYYY-MM-DD') as period, c.channel, count(*)::int as n
      from cases c where ${where} and ${inPeriod} group by 1, 2 order by 1, 2`),
  );
  const byType = rows<{ key: string; name_el: string; name_en: string; n: number }>(
    await db.execute(sql`select t.key, v.snapshot->>'nameEl' as name_el, v.snapshot->>'nameEn' as name_en, count(*)::int as n
      from cases c join case_types t on t.id = c.case_type_id
      join case_type_versions v on v.case_type_id = t.id and v.version = t.current_version
      where ${where} and ${inPeriod} group by 1, 2, 3 order by 4 desc`),
  );
  const byUnit = rows<{ unit_id: string | null; name_el: string | null; name_en: string | null; n: number }>(
    await db.execute(sql`select c.unit_id, u.name_el, u.name_en, count(*)::int as n
      from cases c left join org_units u on u.id = c.unit_id
      where ${where} and ${inPeriod} group by 1, 2, 3 order by 4 desc`),
  );
  const byChannel = rows<{ channel: string; n: number }>(
    await db.execute(sql`select c.channel, count(*)::int as n from cases c where ${where} and ${inPeriod} group by 1 order by 2 desc`),
  );
  const today = todayAthens();
  const backlogRows = rows<{ category: string; n: number; overdue: number }>(
    await db.execute(sql`select c.state_category as category, count(*)::int as n,
        count(*) filter (where c.due_date < ${today}::date)::int as overdue
      from cases c where ${where} and c.state_category not in ('resolved', 'rejected', 'closed') group by 1`),
  );
  const [resolution] = rows<{ n: number; median: number | null; p80: number | null }>(
    await db.execute(sql`select count(*)::int as n,
        percentile_cont(0.5) within group (order by extract(epoch from c.resolved_at - c.submitted_at) / 3600) as median,
        percentile_cont(0.8) within group (order by extract(epoch from c.resolved_at - c.submitted_at) / 3600) as p80
      from cases c where ${where} and c.resolved_at is not null and ${resolvedDay} between ${p.from}::date and ${p.to}::date`),
  );
  const [sla] = rows<{ with_due: number; on_time: number }>(
    await db.execute(sql`select count(*)::int as with_due, count(*) filter (where ${resolvedDay} <= c.due_date)::int as on_time
      from cases c where ${where} and c.resolved_at is not null and c.due_date is not null
        and ${resolvedDay} between ${p.from}::date and ${p.to}::date`),
  );
  // Citizens' 1–5 ratings of cases resolved in the period (cases module, `case_ratings`).
  const [rated] = rows<{ n: number; average: number | null }>(
    await db.execute(sql`select count(*)::int as n, avg(r.stars) as average
      from case_ratings r join cases c on c.id = r.case_id and c.tenant_id = r.tenant_id
      where ${where} and c.resolved_at is not null and ${resolvedDay} between ${p.from}::date and ${p.to}::date`),
  );
  const withDue = n(sla?.with_due);
  const onTime = n(sla?.on_time);
  return {
    period: p,
    volume: {
      total: byChannel.reduce((s, r) => s + n(r.n), 0),
      series: series.map((r) => ({ period: r.period, channel: r.channel, n: n(r.n) })),
      byType: byType.map((r) => ({ key: r.key, name: { el: r.name_el, en: r.name_en }, n: n(r.n) })),
      byUnit: byUnit.map((r) => ({ unitId: r.unit_id, name: r.unit_id ? { el: r.name_el ?? '', en: r.name_en ?? '' } : null, n: n(r.n) })),
      byChannel: byChannel.map((r) => ({ channel: r.channel, n: n(r.n) })),
    },
    backlog: {
      open: backlogRows.reduce((s, r) => s + n(r.n), 0),
      overdue: backlogRows.reduce((s, r) => s + n(r.overdue), 0),
      byCategory: Object.fromEntries(backlogRows.map((r) => [r.category, n(r.n)])),
    },
    resolution: { n: n(resolution?.n), medianHours: numOrNull(resolution?.median), p80Hours: numOrNull(resolution?.p80) },
    sla: { resolvedWithDue: withDue, onTime, rate: withDue ? Math.round((onTime / withDue) * 1000) / 1000 : null },
    satisfaction: { available: n(rated?.n) > 0, n: n(rated?.n), average: numOrNull(rated?.average) },
  };
}

/** Located cases counted on a grid of `cell`-degree squares; each cell is given by its south-west corner. */
export async function heatmap(db: DbOrTx, ctx: ServiceContext, q: TStatsQuery & { cell?: number }) {
  const p = period(q);
  const cell = q.cell ?? 0.005;
  const where = await scopeOf(db, ctx, q);
  const cells = rows<{ lat: number; lon: number; n: number }>(
    await db.execute(sql`select floor(c.lat / ${cell}) * ${cell} as lat, floor(c.lon / ${cell}) * ${cell} as lon, count(*)::int as n
      from cases c where ${where} and c.lat is not null and c.lon is not null
        and ${submittedDay} between ${p.from}::date and ${p.to}::date
      group by 1, 2 order by 3 desc limit 5000`),
  );
  return { period: p, cell, cells: cells.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), n: n(r.n) })) };
}

export type TExportRow = {
  protocol: string | null;
  submitted: string;
  type: string;
  unit: string | null;
  channel: string;
  state: string;
  category: string;
  priority: string;
  due: string | null;
  resolved: string | null;
  overdue: boolean;
  title: string;
};

/** The cases of the period, one row each, for CSV and XLSX. At most 50,000 rows. */
export async function exportRows(db: DbOrTx, ctx: ServiceContext, q: TStatsQuery, lang: 'el' | 'en'): Promise<TExportRow[]> {
  const p = period(q);
  const where = await scopeOf(db, ctx, q);
  const today = todayAthens();
  const out = rows<Record<string, unknown>>(
    await db.execute(sql`select c.protocol_number, to_char(c.submitted_at at time zone 'Europe/Athens', 'YYYY-MM-DD HH24:MI') as submitted,
        v.snapshot->>${lang === 'en' ? 'nameEn' : 'nameEl'} as type_name, ${lang === 'en' ? sql`u.name_en` : sql`u.name_el`} as unit_name,
        c.channel, c.state, c.state_category, c.priority, to_char(c.due_date, 'YYYY-MM-DD') as due,
        to_char(c.resolved_at at time zone 'Europe/Athens', 'YYYY-MM-DD HH24:MI') as resolved,
        (c.due_date < ${today}::date and c.state_category not in ('resolved','rejected','closed')) as overdue, c.title
      from cases c join case_type_versions v on v.id = c.case_type_version_id left join org_units u on u.id = c.unit_id
      where ${and(where)} and ${submittedDay} between ${p.from}::date and ${p.to}::date
      order by c.submitted_at limit 50000`),
  );
  return out.map((r) => ({
    protocol: (r.protocol_number as string | null) ?? null,
    submitted: String(r.submitted),
    type: String(r.type_name ?? ''),
    unit: (r.unit_name as string | null) ?? null,
    channel: String(r.channel),
    state: String(r.state),
    category: String(r.state_category),
    priority: String(r.priority),
    due: (r.due as string | null) ?? null,
    resolved: (r.resolved as string | null) ?? null,
    overdue: r.overdue === true || r.overdue === 't',
    title: String(r.title),
  }));
}
