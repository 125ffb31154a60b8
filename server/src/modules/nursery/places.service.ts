import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { appRow } from './applications.service.js';
import { callRow, stateError } from './calls.service.js';
import { moveCase } from './case-type.js';
import { STATUS_NAMES } from './messages.js';
import {
  AGE_GROUPS,
  HOLDING,
  nurseryApplications,
  nurseryCalls,
  type TAgeGroup,
  type TApplicationStatus,
  type TCapacity,
} from './schema.js';
import { type AppRow, authorOf, type CallRow, invalid, SYSTEM, tellFamily } from './shared.js';
import { listStations } from './stations.service.js';

/** Places after the ranking: families accept, decline or withdraw, staff remove or add places, and freed places go down the waiting list. */

/**
 * Offers every free place of a station and age group to the next children on its waiting list, in
 * rank order. The caller holds the call's row lock, so two places freeing at once are filled one
 * after the other and never offer the same child twice.
 */
async function fillPlaces(tx: DbOrTx, ctx: ServiceContext, call: CallRow, stationId: string, group: TAgeGroup) {
  const tenantId = ctx.tenant.id;
  const capacity = call.capacity[stationId]?.[group] ?? 0;
  const offered: AppRow[] = [];
  const names = new Map((await listStations(tx, tenantId, false)).map((s) => [s.id, s.name]));
  for (;;) {
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(nurseryApplications)
      .where(
        and(
          eq(nurseryApplications.tenantId, tenantId),
          eq(nurseryApplications.callId, call.id),
          eq(nurseryApplications.stationId, stationId),
          eq(nurseryApplications.ageGroup, group),
          inArray(nurseryApplications.status, HOLDING),
        ),
      );
    if ((held?.n ?? 0) >= capacity) break;
    const [next] = await tx
      .select()
      .from(nurseryApplications)
      .where(
        and(
          eq(nurseryApplications.tenantId, tenantId),
          eq(nurseryApplications.callId, call.id),
          eq(nurseryApplications.status, 'waiting'),
          eq(nurseryApplications.ageGroup, group),
          sql`${nurseryApplications.preferences} ? ${stationId}`,
        ),
      )
      .orderBy(asc(nurseryApplications.rank))
      .limit(1)
      .for('update');
    if (!next) break;
    const now = new Date();
    const [row] = await tx
      .update(nurseryApplications)
      .set({ status: 'offered', stationId, offeredAt: now, updatedAt: now })
      .where(
        and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, next.id), eq(nurseryApplications.status, 'waiting')),
      )
      .returning();
    if (!row) break;
    const station = names.get(stationId) ?? '';
    const msg = {
      el: `Ελευθερώθηκε θέση στον σταθμό «${station}» και προσφέρεται στην αίτηση ${row.publicCode}. Αποδεχθείτε ή αρνηθείτε τη θέση στη σελίδα των παιδικών σταθμών.`,
      en: `A place freed up at “${station}” and is offered to application ${row.publicCode}. Accept or decline it on the nurseries page.`,
    };
    await moveCase(tx, ctx, row.caseId, 'offered', msg, SYSTEM);
    await tellFamily(
      tx,
      tenantId,
      row,
      `offer:${stationId}:${now.getTime()}`,
      { el: 'Σας προσφέρεται θέση σε παιδικό σταθμό', en: 'A nursery place is offered to you' },
      msg,
    );
    offered.push(row);
  }
  return offered;
}

type TDecision = 'accept' | 'decline' | 'withdraw' | 'remove';
const FROM: Record<TDecision, TApplicationStatus[]> = {
  accept: ['admitted', 'offered'],
  decline: ['admitted', 'offered', 'accepted'],
  withdraw: ['submitted', 'waiting'],
  remove: ['submitted', 'waiting', 'admitted', 'offered', 'accepted'],
};
const TO: Record<TDecision, TApplicationStatus> = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn', remove: 'removed' };

/**
 * The family accepts, declines or withdraws (only its own application), or staff remove one.
 * A place given back is offered at once to the next on that station's waiting list.
 */
export async function decide(platform: Platform, ctx: ServiceContext, id: string, decision: TDecision, reason?: string) {
  const tenantId = ctx.tenant.id;
  return platform.db.transaction(async (tx) => {
    const a0 = await appRow(tx, tenantId, id);
    if (decision !== 'remove' && (ctx.actor.kind !== 'citizen' || a0.citizenUserId !== ctx.actor.userId)) {
      throw new AppError('nursery.application_not_found', 404);
    }
    const call = await callRow(tx, tenantId, a0.callId, { lock: true });
    const a = await appRow(tx, tenantId, id, { lock: true });
    if ((decision === 'accept' || decision === 'decline') && call.status !== 'published') throw new AppError('nursery.not_published', 409);
    if (!FROM[decision].includes(a.status)) {
      throw new AppError('nursery.application_state', 409, { status: STATUS_NAMES[a.status]?.el ?? a.status });
    }
    const to = TO[decision];
    const freed = HOLDING.includes(a.status) && to !== 'accepted' ? a.stationId : null;
    const now = new Date();
    await tx
      .update(nurseryApplications)
      .set({ status: to, decidedAt: now, updatedAt: now, ...(to === 'accepted' ? {} : { stationId: null }) })
      .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, id)));
    const names = new Map((await listStations(tx, tenantId, false)).map((s) => [s.id, s.name]));
    const station = a.stationId ? (names.get(a.stationId) ?? '') : '';
    const text: Record<TDecision, { el: string; en: string }> = {
      accept: { el: `Η θέση στον σταθμό «${station}» έγινε αποδεκτή.`, en: `The place at “${station}” was accepted.` },
      decline: { el: `Η θέση στον σταθμό «${station}» δεν έγινε αποδεκτή.`, en: `The place at “${station}” was declined.` },
      withdraw: { el: 'Η αίτηση αποσύρθηκε από την οικογένεια.', en: 'The family withdrew the application.' },
      remove: {
        el: `Η αίτηση διαγράφηκε από την υπηρεσία. ${reason ?? ''}`.trim(),
        en: `The department removed the application. ${reason ?? ''}`.trim(),
      },
    };
    await moveCase(tx, ctx, a.caseId, to, text[decision], authorOf(ctx));
    if (decision === 'remove') {
      await audit(tx, ctx, {
        action: 'nursery.application_removed',
        entity: 'nursery_application',
        entityId: id,
        data: { from: a.status, reason },
      });
      await tellFamily(tx, tenantId, a, 'removed', { el: 'Αίτηση παιδικού σταθμού', en: 'Nursery application' }, text.remove);
    }
    const offered =
      freed && (call.status === 'ranked' || call.status === 'published') ? await fillPlaces(tx, ctx, call, freed, a.ageGroup) : [];
    return { id, status: to, offered: offered.map((o) => o.id) };
  });
}

/** Staff: offer any free places of a station (e.g. after capacity grew); returns who was offered. */
export const ZFreeBody = z
  .object({ stationId: z.uuid(), ageGroup: z.enum(AGE_GROUPS), capacity: z.number().int().min(0).max(500).optional() })
  .strict();
export async function fillStation(platform: Platform, ctx: ServiceContext, callId: string, body: z.infer<typeof ZFreeBody>) {
  const tenantId = ctx.tenant.id;
  return platform.db.transaction(async (tx) => {
    let call = await callRow(tx, tenantId, callId, { lock: true });
    if (call.status !== 'ranked' && call.status !== 'published') throw stateError(call);
    if (!call.capacity[body.stationId]) throw invalid([{ field: 'stationId', code: 'validation.invalid' }]);
    if (body.capacity !== undefined) {
      const capacity = {
        ...call.capacity,
        [body.stationId]: { ...call.capacity[body.stationId], [body.ageGroup]: body.capacity },
      } as TCapacity;
      const [row] = await tx
        .update(nurseryCalls)
        .set({ capacity, updatedAt: new Date() })
        .where(and(eq(nurseryCalls.tenantId, tenantId), eq(nurseryCalls.id, callId)))
        .returning();
      call = row as CallRow;
    }
    const offered = await fillPlaces(tx, ctx, call, body.stationId, body.ageGroup);
    await audit(tx, ctx, {
      action: 'nursery.places_filled',
      entity: 'nursery_call',
      entityId: callId,
      data: { ...body, offered: offered.length },
    });
    return { offered: offered.map((o) => o.id) };
  });
}
