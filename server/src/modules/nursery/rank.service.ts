import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { positionsIn } from './applications.service.js';
import { callRow, stateError } from './calls.service.js';
import { moveCase } from './case-type.js';
import { incomeOf } from './criteria.js';
import { rankAndAllocate } from './ranking.js';
import { nurseryApplications, nurseryCalls, type TApplicationStatus } from './schema.js';
import { type CallRow, effectiveAnswers, SYSTEM, tellFamily } from './shared.js';
import { listStations } from './stations.service.js';

/** Closing the call's books: rank every application, then publish the ranking and tell the families. */

/** closed → ranked: every submitted application gets its rank, and a place or the waiting lists. */
export async function rankCall(db: DbOrTx, ctx: ServiceContext, id: string) {
  const tenantId = ctx.tenant.id;
  return db.transaction(async (tx) => {
    const call = await callRow(tx, tenantId, id, { lock: true });
    if (call.status !== 'closed') throw stateError(call);
    const apps = await tx
      .select()
      .from(nurseryApplications)
      .where(
        and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.callId, id), eq(nurseryApplications.status, 'submitted')),
      );
    // the cases move and the families hear of it when the ranking is published
    const results = rankAndAllocate(
      apps.map((a) => ({
        id: a.id,
        points: a.points,
        income: incomeOf(call.criteria, effectiveAnswers(a)),
        submittedAt: a.submittedAt,
        publicCode: a.publicCode,
        ageGroup: a.ageGroup,
        preferences: a.preferences,
      })),
      call.capacity,
    );
    const now = new Date();
    for (const r of results) {
      const status: TApplicationStatus = r.stationId ? 'admitted' : 'waiting';
      await tx
        .update(nurseryApplications)
        .set({ rank: r.rank, status, stationId: r.stationId, offeredAt: r.stationId ? now : null, updatedAt: now })
        .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, r.id)));
    }
    const [row] = await tx
      .update(nurseryCalls)
      .set({ status: 'ranked', rankedAt: now, updatedAt: now })
      .where(and(eq(nurseryCalls.tenantId, tenantId), eq(nurseryCalls.id, id)))
      .returning();
    await audit(tx, ctx, { action: 'nursery.call_ranked', entity: 'nursery_call', entityId: id, data: { applications: results.length } });
    return { call: row as CallRow, ranked: results.length, admitted: results.filter((r) => r.stationId).length };
  });
}

/** ranked → published: the anonymised ranking goes public, each case moves and each family is told its result. */
export async function publishCall(platform: Platform, ctx: ServiceContext, id: string) {
  const tenantId = ctx.tenant.id;
  return platform.db.transaction(async (tx) => {
    const call = await callRow(tx, tenantId, id, { lock: true });
    if (call.status !== 'ranked') throw stateError(call);
    const now = new Date();
    const [row] = await tx
      .update(nurseryCalls)
      .set({ status: 'published', publishedAt: now, updatedAt: now })
      .where(and(eq(nurseryCalls.tenantId, tenantId), eq(nurseryCalls.id, id)))
      .returning();
    const apps = await tx
      .select()
      .from(nurseryApplications)
      .where(
        and(
          eq(nurseryApplications.tenantId, tenantId),
          eq(nurseryApplications.callId, id),
          inArray(nurseryApplications.status, ['admitted', 'waiting']),
        ),
      );
    const names = new Map((await listStations(tx, tenantId, false)).map((s) => [s.id, s.name]));
    const positions = await positionsIn(tx, tenantId, id);
    for (const a of apps) {
      const code = a.publicCode;
      let msg: { el: string; en: string };
      if (a.status === 'admitted') {
        const station = names.get(a.stationId as string) ?? '';
        msg = {
          el: `Η αίτηση ${code} (${a.points} μόρια) επιλέχθηκε για τον σταθμό «${station}». Αποδεχθείτε ή αρνηθείτε τη θέση στη σελίδα των παιδικών σταθμών.`,
          en: `Application ${code} (${a.points} points) was admitted to “${station}”. Accept or decline the place on the nurseries page.`,
        };
      } else {
        const p = (positions.get(a.id) ?? []).map((x) => `${names.get(x.stationId) ?? ''}: ${x.position}`).join(', ');
        msg = {
          el: `Η αίτηση ${code} (${a.points} μόρια) είναι σε λίστα αναμονής (θέσεις: ${p}). Θα ειδοποιηθείτε αν ελευθερωθεί θέση.`,
          en: `Application ${code} (${a.points} points) is on the waiting list (positions: ${p}). You will be told if a place frees up.`,
        };
      }
      await moveCase(tx, ctx, a.caseId, a.status, msg, SYSTEM);
      await tellFamily(tx, tenantId, a, 'published', { el: 'Αποτελέσματα παιδικών σταθμών', en: 'Nursery results' }, msg);
    }
    await audit(tx, ctx, { action: 'nursery.call_published', entity: 'nursery_call', entityId: id });
    return row as CallRow;
  });
}
