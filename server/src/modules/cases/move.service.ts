import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { actorAuthor, addEvent, CLOSED_CATEGORIES, type TCaseRow } from './case.service.js';
import type { TWorkflowState } from './case-type.model.js';
import { cases, type TStateCategory, workflows } from './schema.js';

/**
 * The engine's verb for other modules that drive a case by their own rules (a nursery application's
 * status, a street problem forwarded to an outside body): move the case to a state of its workflow
 * inside the caller's transaction, write the timeline entry and (unless told not to) the
 * `case.transitioned` event. Works for any caller, including the system (`systemContext`), because
 * the caller's own verb has already decided the move is allowed. Only the engine writes `cases`.
 */
export type TMoveCase = {
  /** The target state's key, or a pick among the workflow's states. */
  to: string | ((states: TWorkflowState[]) => TWorkflowState | undefined);
  /** Move only a case in one of these state categories; otherwise nothing is written and null returned. */
  onlyFrom?: TStateCategory[];
  /** The timeline entry; `changed` is false when the case already was in the target state. */
  event: (move: { from: string; to: string; changed: boolean }) => {
    kind: string;
    public: boolean;
    body?: string | null;
    data?: Record<string, unknown>;
  };
  /** Who the timeline names; by default the context's actor, or "system" for a context no person started. */
  author?: { authorUserId: string | null; authorKind: string };
  /** Extra fields for the `case.transitioned` event, or false to emit none. Not emitted when nothing changed. */
  emit?: false | Record<string, unknown>;
};

function authorOf(ctx: ServiceContext) {
  if (ctx.actor.kind === 'anonymous' && ctx.origin.kind !== 'http') return { authorUserId: null, authorKind: 'system' };
  return actorAuthor(ctx.actor);
}

export async function moveCaseToState(
  /** For the `case.transitioned` event; null when `emit` is false. */
  platform: Platform | null,
  tx: DbOrTx,
  ctx: ServiceContext,
  caseId: string,
  m: TMoveCase,
): Promise<{ before: TCaseRow; after: TCaseRow } | null> {
  const tenantId = ctx.tenant.id;
  const [before] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)))
    .for('update');
  if (!before) return null;
  if (m.onlyFrom && !m.onlyFrom.includes(before.stateCategory)) return null;
  const [wf] = await tx
    .select({ d: workflows.definition })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tenantId), eq(workflows.id, before.workflowId)));
  const states = wf?.d.states ?? [];
  const target = typeof m.to === 'string' ? states.find((s) => s.key === m.to) : m.to(states);
  if (!target) return null;
  const changed = before.state !== target.key;
  let after = before;
  if (changed) {
    const closed = (CLOSED_CATEGORIES as readonly string[]).includes(target.category);
    const [row] = await tx
      .update(cases)
      .set({
        state: target.key,
        stateCategory: target.category,
        resolvedAt: closed ? (before.resolvedAt ?? new Date()) : null,
        updatedAt: new Date(),
      })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)))
      .returning();
    if (!row) return null;
    after = row;
  }
  const entry = m.event({ from: before.state, to: target.key, changed });
  await addEvent(tx, after, { ...entry, ...(m.author ?? authorOf(ctx)) });
  if (changed && m.emit !== false) {
    if (!platform) throw new Error('moveCaseToState: the event needs the platform');
    await platform.jobs.emit(tx, tenantId, 'case.transitioned', {
      caseId,
      from: before.state,
      to: target.key,
      category: target.category,
      citizenVisible: entry.public,
      citizenUserId: before.citizenUserId,
      deviceId: before.deviceId,
      protocolNumber: before.protocolNumber,
      ...(m.emit ?? {}),
    });
  }
  return { before, after };
}
