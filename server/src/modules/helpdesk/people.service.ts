import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { canOnUnit, caseContacts, caseCountsByRequester, findCases, loadContexts, loadUnitTree, toSummary } from '../cases/index.js';

/**
 * The call centre finds a caller: registered citizens by phone, name or ΑΦΜ, and people who filed
 * before without an account (the contact of their cases). An operator sees a caller's case history
 * in summary (number, type, state, dates) even outside their units; opening a case still needs
 * `cases.read` on its unit.
 */

const digits = (s: string) => s.replace(/\D/g, '');

export async function findPeople(db: DbOrTx, ctx: ServiceContext, q: string) {
  const text = q.trim();
  if (text.length < 3) throw new AppError('validation.failed', 400, {}, [{ field: 'q', code: 'helpdesk.person_query_short' }]);
  const tenantId = ctx.tenant.id;
  const num = digits(text);
  const phoneLike = num.length >= 3 ? `%${num}%` : null;
  const name = `%${text.toLowerCase()}%`;
  const citizens = await db
    .select({
      userId: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      phone: users.phone,
      email: users.email,
      afm: users.afm,
    })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.kind, 'citizen'),
        or(
          phoneLike ? sql`regexp_replace(coalesce(${users.phone}, ''), '\\D', '', 'g') like ${phoneLike}` : undefined,
          num.length === 9 ? eq(users.afm, num) : undefined,
          sql`lower(f_unaccent(coalesce(${users.givenName}, '') || ' ' || coalesce(${users.familyName}, ''))) like lower(f_unaccent(${name}))`,
          sql`lower(f_unaccent(coalesce(${users.familyName}, '') || ' ' || coalesce(${users.givenName}, ''))) like lower(f_unaccent(${name}))`,
          sql`lower(${users.email}) like ${name}`,
        ),
      ),
    )
    .limit(20);
  // People known only from the contact details of cases filed without an account.
  const known = await caseContacts(db, tenantId, { phoneLike, name });
  const counts = await caseCountsByRequester(
    db,
    tenantId,
    citizens.map((c) => c.userId),
  );
  return [
    ...citizens.map((c) => ({
      kind: 'citizen' as const,
      userId: c.userId,
      name: [c.givenName, c.familyName].filter(Boolean).join(' ') || null,
      phone: c.phone,
      email: c.email,
      afm: c.afm,
      caseCount: counts.get(c.userId) ?? 0,
    })),
    ...known.map((c) => ({
      kind: 'contact' as const,
      userId: null,
      name: c.name,
      phone: c.phone,
      email: c.email,
      afm: null,
      caseCount: Number(c.case_count),
    })),
  ];
}

/** A caller's cases, newest first, by account or by the phone given as contact. */
export async function personCases(db: DbOrTx, ctx: ServiceContext, who: { userId?: string; phone?: string }) {
  const tenantId = ctx.tenant.id;
  if (!who.userId && !who.phone) throw new AppError('validation.failed', 400, {}, [{ field: 'userId', code: 'validation.required' }]);
  const found = await findCases(
    db,
    tenantId,
    { requester: { userId: who.userId, phoneDigits: who.phone ? digits(who.phone) : undefined } },
    { limit: 50 },
  );
  const contexts = await loadContexts(db, found);
  const tree = await loadUnitTree(db, tenantId);
  return found.map((c) => {
    const s = toSummary(c, contexts(c));
    return {
      id: c.id,
      protocolNumber: s.protocolNumber,
      title: s.title,
      caseType: s.caseType,
      state: s.state,
      stateName: s.stateName,
      stateCategory: s.stateCategory,
      channel: s.channel,
      unitId: s.unitId,
      submittedAt: s.submittedAt,
      dueDate: s.dueDate,
      overdue: s.overdue,
      canOpen: canOnUnit(ctx.actor, 'cases.read', c.unitId, tree),
    };
  });
}
