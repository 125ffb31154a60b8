import { and, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../platform/db/database.js';
import { roleAssignments, users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { todayAthens } from '../cases/index.js';
import { unitScope, userIdOf } from './scope.js';

/** Days before the due date from which an open case counts as "due soon". */
export const DUE_SOON_DAYS = 2;

const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

/** Open, overdue, due-soon and unassigned counts: mine, and per unit the actor reads cases of. */
export async function inboxCounts(db: DbOrTx, ctx: ServiceContext) {
  const { where } = await unitScope(db, ctx, 'cases.read');
  const today = todayAthens();
  const soon = addDays(today, DUE_SOON_DAYS);
  const me = userIdOf(ctx);
  const res = rows<{
    unit_id: string | null;
    open: number;
    overdue: number;
    due_soon: number;
    unassigned: number;
    mine: number;
    mine_overdue: number;
    mine_due_soon: number;
  }>(
    await db.execute(sql`select c.unit_id,
        count(*)::int as open,
        count(*) filter (where c.due_date < ${today}::date)::int as overdue,
        count(*) filter (where c.due_date between ${today}::date and ${soon}::date)::int as due_soon,
        count(*) filter (where c.assignee_id is null)::int as unassigned,
        count(*) filter (where c.assignee_id = ${me || null}::uuid)::int as mine,
        count(*) filter (where c.assignee_id = ${me || null}::uuid and c.due_date < ${today}::date)::int as mine_overdue,
        count(*) filter (where c.assignee_id = ${me || null}::uuid and c.due_date between ${today}::date and ${soon}::date)::int as mine_due_soon
      from cases c
      where c.tenant_id = ${ctx.tenant.id} and ${where} and c.merged_into_id is null
        and c.state_category not in ('resolved', 'rejected', 'closed')
      group by c.unit_id`),
  );
  const sum = (k: keyof (typeof res)[number]) => res.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  return {
    today,
    dueSoonDays: DUE_SOON_DAYS,
    mine: { open: sum('mine'), overdue: sum('mine_overdue'), dueSoon: sum('mine_due_soon') },
    units: res.map((r) => ({
      unitId: r.unit_id,
      open: Number(r.open),
      overdue: Number(r.overdue),
      dueSoon: Number(r.due_soon),
      unassigned: Number(r.unassigned),
    })),
  };
}

/** Staff who can be given cases: everyone holding a handling role, with the units they hold it in. */
export async function colleagues(db: DbOrTx, ctx: ServiceContext) {
  const grants = await db
    .select({
      userId: users.id,
      given: users.givenName,
      family: users.familyName,
      email: users.email,
      role: roleAssignments.role,
      unitId: roleAssignments.unitId,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(users.tenantId, ctx.tenant.id),
        eq(roleAssignments.tenantId, ctx.tenant.id),
        eq(users.kind, 'staff'),
        inArray(roleAssignments.role, ['head', 'employee']),
        sql`${users.disabledAt} is null`,
      ),
    );
  const byUser = new Map<string, { id: string; name: string; email: string | null; units: string[] }>();
  for (const g of grants) {
    const u = byUser.get(g.userId) ?? {
      id: g.userId,
      name: [g.given, g.family].filter(Boolean).join(' ') || (g.email ?? ''),
      email: g.email,
      units: [],
    };
    if (g.unitId && !u.units.includes(g.unitId)) u.units.push(g.unitId);
    byUser.set(g.userId, u);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'el'));
}
