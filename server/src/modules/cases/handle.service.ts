import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { roleAssignments, users } from '../../platform/identity/identity.schema.js';
import { checkAttachments } from './attachments.js';
import { actorAuthor, addEvent, CLOSED_CATEGORIES, loadCase, type TCaseRow } from './case.service.js';
import type { TWorkflowDefinition } from './case-type.model.js';
import { caseFollowers, caseLinks, cases, workflows } from './schema.js';
import { canOnUnit, loadUnitTree, type UnitTree } from './units.js';
import { initialState, stateOf } from './workflow.service.js';

/**
 * What staff do with a case: assign, move it through its workflow, reply, note, ask the citizen,
 * merge, link, reopen, set priority and tags. Each verb locks the case row, writes the timeline,
 * the audit log and (when others should hear of it) an outbox event, in one transaction.
 */

type Ctx = { platform: Platform; req: FastifyRequest };

async function workflowOf(db: DbOrTx, c: TCaseRow): Promise<TWorkflowDefinition> {
  const [w] = await db.select({ d: workflows.definition }).from(workflows).where(eq(workflows.id, c.workflowId));
  if (!w) throw new Error('workflow missing');
  return w.d;
}

/** Loads a case the actor may act on with `perm`; a case outside the actor's units is "not found". */
export async function caseForStaff(
  db: DbOrTx,
  req: FastifyRequest,
  id: string,
  perm: string,
  opts: { lock?: boolean; tree?: UnitTree } = {},
) {
  const c = await loadCase(db, req.tenant.id, id, opts);
  const tree = opts.tree ?? (await loadUnitTree(db, req.tenant.id));
  if (!canOnUnit(req.actor, 'cases.read', c.unitId, tree)) throw new AppError('case.not_found', 404);
  if (perm !== 'cases.read' && !canOnUnit(req.actor, perm, c.unitId, tree)) throw new AppError('auth.forbidden', 403);
  return { c, tree };
}

/** A transition's role list is met when the actor holds one of the roles in the case's unit (or above, or tenant-wide). */
export function rolesAllow(actor: Actor, roles: string[], unitId: string | null, tree: UnitTree) {
  if (actor.kind !== 'staff') return false;
  if (actor.roles.some((g) => g.role === 'admin')) return true;
  if (!roles.length) return true;
  const units = unitId ? [unitId, ...tree.ancestry(unitId)] : [];
  return actor.roles.some((g) => roles.includes(g.role) && (g.unitId === null || units.includes(g.unitId)));
}

function requireComment(comment: string | undefined) {
  if (!comment?.trim()) throw new AppError('validation.failed', 400, {}, [{ field: 'comment', code: 'case.comment_required' }]);
}

async function touch(tx: DbOrTx, c: TCaseRow, set: Partial<typeof cases.$inferInsert>) {
  const [row] = await tx
    .update(cases)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(cases.id, c.id))
    .returning();
  if (!row) throw new AppError('case.not_found', 404);
  return row;
}

/** Moves a case to a state, keeping the resolution timestamp and the "resume after waiting" state right. */
function stateChange(def: TWorkflowDefinition, c: TCaseRow, to: string): Partial<typeof cases.$inferInsert> {
  const s = stateOf(def, to);
  if (!s) throw new AppError('case.transition_invalid', 400);
  const closed = (CLOSED_CATEGORIES as readonly string[]).includes(s.category);
  return {
    state: s.key,
    stateCategory: s.category,
    resolvedAt: closed ? (c.resolvedAt ?? new Date()) : null,
    resumeState: s.category === 'waiting_citizen' ? c.state : null,
  };
}

export async function assignCase(ctx: Ctx, id: string, body: { unitId?: string | null; assigneeId?: string | null }) {
  const { platform, req } = ctx;
  return platform.db.transaction(async (tx) => {
    const { c, tree } = await caseForStaff(tx, req, id, 'cases.assign', { lock: true });
    const unitId = body.unitId === undefined ? c.unitId : body.unitId;
    if (unitId && !tree.has(unitId)) throw new AppError('validation.failed', 400, {}, [{ field: 'unitId', code: 'case.unknown_unit' }]);
    const assigneeId = body.assigneeId === undefined ? c.assigneeId : body.assigneeId;
    if (assigneeId) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, assigneeId), eq(users.tenantId, req.tenant.id), eq(users.kind, 'staff')));
      if (!u) throw new AppError('validation.failed', 400, {}, [{ field: 'assigneeId', code: 'case.unknown_assignee' }]);
    }
    const row = await touch(tx, c, { unitId, assigneeId });
    const data = { fromUnitId: c.unitId, unitId, fromAssigneeId: c.assigneeId, assigneeId };
    await addEvent(tx, row, { kind: 'assigned', public: false, data, ...actorAuthor(req.actor) });
    await audit(tx, req, { action: 'case.assign', entity: 'case', entityId: c.id, data });
    await platform.jobs.emit(tx, req.tenant.id, 'case.assigned', { caseId: c.id, unitId, assigneeId, protocolNumber: c.protocolNumber });
    return row;
  });
}

export async function transitionCase(ctx: Ctx, id: string, body: { transition: string; comment?: string }) {
  const { platform, req } = ctx;
  return platform.db.transaction(async (tx) => {
    const { c, tree } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    const def = await workflowOf(tx, c);
    const t = def.transitions.find((x) => x.key === body.transition && x.from === c.state);
    if (!t) throw new AppError('case.transition_invalid', 400);
    if (!rolesAllow(req.actor, t.roles, c.unitId, tree)) throw new AppError('case.transition_forbidden', 403);
    if (t.commentRequired) requireComment(body.comment);
    const row = await touch(tx, c, stateChange(def, c, t.to));
    const data = { transition: t.key, from: c.state, to: t.to, messageEl: t.messageEl, messageEn: t.messageEn };
    await addEvent(tx, row, { kind: 'transition', public: t.citizenVisible, body: body.comment ?? null, data, ...actorAuthor(req.actor) });
    await audit(tx, req, {
      action: 'case.transition',
      entity: 'case',
      entityId: c.id,
      data: { transition: t.key, from: c.state, to: t.to },
    });
    await platform.jobs.emit(tx, req.tenant.id, 'case.transitioned', {
      caseId: c.id,
      from: c.state,
      to: t.to,
      category: row.stateCategory,
      citizenVisible: t.citizenVisible,
      messageEl: t.messageEl ?? null,
      messageEn: t.messageEn ?? null,
      comment: t.citizenVisible ? (body.comment ?? null) : null,
      citizenUserId: c.citizenUserId,
      deviceId: c.deviceId,
      protocolNumber: c.protocolNumber,
    });
    return row;
  });
}

export async function replyToCase(ctx: Ctx, id: string, body: { body: string; fileIds: string[] }) {
  const { platform, req } = ctx;
  await checkAttachments(platform.db, req.tenant.id, req.actor, [{ field: 'fileIds', ids: body.fileIds }]);
  return platform.db.transaction(async (tx) => {
    const { c } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    const row = await touch(tx, c, {});
    await addEvent(tx, row, { kind: 'reply', public: true, body: body.body, data: { fileIds: body.fileIds }, ...actorAuthor(req.actor) });
    await audit(tx, req, { action: 'case.reply', entity: 'case', entityId: c.id, data: { files: body.fileIds.length } });
    await platform.jobs.emit(tx, req.tenant.id, 'case.replied', {
      caseId: c.id,
      body: body.body,
      fileIds: body.fileIds,
      citizenUserId: c.citizenUserId,
      deviceId: c.deviceId,
      protocolNumber: c.protocolNumber,
    });
    return row;
  });
}

export async function noteOnCase(ctx: Ctx, id: string, body: { body: string }) {
  const { platform, req } = ctx;
  return platform.db.transaction(async (tx) => {
    const { c } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    const row = await touch(tx, c, {});
    await addEvent(tx, row, { kind: 'note', public: false, body: body.body, ...actorAuthor(req.actor) });
    await audit(tx, req, { action: 'case.note', entity: 'case', entityId: c.id });
    return row;
  });
}

export async function requestInfo(ctx: Ctx, id: string, body: { message: string }) {
  const { platform, req } = ctx;
  return platform.db.transaction(async (tx) => {
    const { c } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    const def = await workflowOf(tx, c);
    const waiting = def.states.find((s) => s.category === 'waiting_citizen');
    if (!waiting) throw new AppError('case.no_waiting_state', 409);
    if ((CLOSED_CATEGORIES as readonly string[]).includes(c.stateCategory)) throw new AppError('case.transition_invalid', 400);
    const change = c.stateCategory === 'waiting_citizen' ? {} : stateChange(def, c, waiting.key);
    const row = await touch(tx, c, change);
    await addEvent(tx, row, {
      kind: 'info_requested',
      public: true,
      body: body.message,
      data: { from: c.state },
      ...actorAuthor(req.actor),
    });
    await audit(tx, req, { action: 'case.request_info', entity: 'case', entityId: c.id });
    await platform.jobs.emit(tx, req.tenant.id, 'case.info_requested', {
      caseId: c.id,
      message: body.message,
      citizenUserId: c.citizenUserId,
      deviceId: c.deviceId,
      protocolNumber: c.protocolNumber,
      trackingCode: c.trackingCode,
    });
    return row;
  });
}

/** The citizen answers a request for information; the case goes back to where it was. */
export async function citizenAnswer(
  platform: Platform,
  actor: Actor,
  tenantId: string,
  caseId: string,
  body: { body: string; fileIds: string[] },
) {
  await checkAttachments(platform.db, tenantId, actor, [{ field: 'fileIds', ids: body.fileIds }]);
  return platform.db.transaction(async (tx) => {
    const c = await loadCase(tx, tenantId, caseId, { lock: true });
    if (c.stateCategory !== 'waiting_citizen') throw new AppError('case.not_waiting', 409);
    const def = await workflowOf(tx, c);
    const back = (c.resumeState && stateOf(def, c.resumeState)?.key) || initialState(def).key;
    const row = await touch(tx, c, { ...stateChange(def, c, back), fileIds: [...new Set([...c.fileIds, ...body.fileIds])] });
    await addEvent(tx, row, {
      kind: 'citizen_reply',
      public: true,
      body: body.body,
      data: { fileIds: body.fileIds, to: back },
      ...actorAuthor(actor),
    });
    await platform.jobs.emit(tx, tenantId, 'case.citizen_replied', { caseId: c.id, unitId: c.unitId, assigneeId: c.assigneeId });
    return row;
  });
}

export async function mergeCase(ctx: Ctx, id: string, body: { targetId: string }) {
  const { platform, req } = ctx;
  if (id === body.targetId) throw new AppError('case.merge_self', 400);
  return platform.db.transaction(async (tx) => {
    // lock both in id order so two opposite merges cannot deadlock
    const [firstId, secondId] = [id, body.targetId].sort() as [string, string];
    const a = await caseForStaff(tx, req, firstId, 'cases.handle', { lock: true });
    const b = await caseForStaff(tx, req, secondId, 'cases.handle', { lock: true, tree: a.tree });
    const source = a.c.id === id ? a.c : b.c;
    const target = a.c.id === id ? b.c : a.c;
    if (source.mergedIntoId || target.mergedIntoId) throw new AppError('case.already_merged', 409);
    const followers = await tx.select().from(caseFollowers).where(eq(caseFollowers.caseId, source.id));
    const carry = [
      ...followers.map((f) => ({ userId: f.userId, deviceId: f.deviceId })),
      ...(source.citizenUserId ? [{ userId: source.citizenUserId, deviceId: null }] : []),
      ...(!source.citizenUserId && source.deviceId ? [{ userId: null, deviceId: source.deviceId }] : []),
    ];
    for (const f of carry) {
      await tx
        .insert(caseFollowers)
        .values({ tenantId: req.tenant.id, caseId: target.id, userId: f.userId, deviceId: f.deviceId })
        .onConflictDoNothing();
    }
    const def = await workflowOf(tx, source);
    const closed = def.states.find((s) => s.category === 'closed');
    const row = await touch(tx, source, { mergedIntoId: target.id, ...(closed ? stateChange(def, source, closed.key) : {}) });
    await touch(tx, target, {});
    await addEvent(tx, row, {
      kind: 'merged',
      public: true,
      data: { into: target.id, intoProtocol: target.protocolNumber },
      ...actorAuthor(req.actor),
    });
    await addEvent(tx, target, {
      kind: 'merged_from',
      public: false,
      data: { from: source.id, fromProtocol: source.protocolNumber },
      ...actorAuthor(req.actor),
    });
    await audit(tx, req, { action: 'case.merge', entity: 'case', entityId: source.id, data: { into: target.id } });
    await platform.jobs.emit(tx, req.tenant.id, 'case.merged', {
      caseId: source.id,
      intoId: target.id,
      citizenUserId: source.citizenUserId,
      deviceId: source.deviceId,
    });
    return row;
  });
}

export async function linkCases(ctx: Ctx, id: string, body: { relatedId: string }) {
  const { platform, req } = ctx;
  if (id === body.relatedId) throw new AppError('case.merge_self', 400);
  return platform.db.transaction(async (tx) => {
    const { c, tree } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    const { c: other } = await caseForStaff(tx, req, body.relatedId, 'cases.read', { tree });
    for (const [a, b] of [
      [c.id, other.id],
      [other.id, c.id],
    ] as const) {
      await tx.insert(caseLinks).values({ tenantId: req.tenant.id, caseId: a, relatedId: b }).onConflictDoNothing();
    }
    await addEvent(tx, c, { kind: 'linked', public: false, data: { relatedId: other.id }, ...actorAuthor(req.actor) });
    await audit(tx, req, { action: 'case.link', entity: 'case', entityId: c.id, data: { relatedId: other.id } });
    return touch(tx, c, {});
  });
}

export async function reopenCase(ctx: Ctx, id: string, body: { comment?: string }) {
  const { platform, req } = ctx;
  requireComment(body.comment);
  return platform.db.transaction(async (tx) => {
    const { c } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    if (!(CLOSED_CATEGORIES as readonly string[]).includes(c.stateCategory) || c.mergedIntoId) throw new AppError('case.not_closed', 409);
    const def = await workflowOf(tx, c);
    const to = def.states.find((s) => s.category === 'in_progress') ?? def.states.find((s) => s.category === 'open') ?? initialState(def);
    const row = await touch(tx, c, { ...stateChange(def, c, to.key), overdueNotifiedAt: null });
    await addEvent(tx, row, {
      kind: 'reopened',
      public: true,
      body: body.comment,
      data: { from: c.state, to: to.key },
      ...actorAuthor(req.actor),
    });
    await audit(tx, req, { action: 'case.reopen', entity: 'case', entityId: c.id, data: { from: c.state, to: to.key } });
    await platform.jobs.emit(tx, req.tenant.id, 'case.transitioned', {
      caseId: c.id,
      from: c.state,
      to: to.key,
      category: to.category,
      reopened: true,
      citizenVisible: true,
      comment: body.comment,
      citizenUserId: c.citizenUserId,
      deviceId: c.deviceId,
      protocolNumber: c.protocolNumber,
    });
    return row;
  });
}

export async function updateCaseMeta(ctx: Ctx, id: string, body: { priority?: TCaseRow['priority']; tags?: string[] }) {
  const { platform, req } = ctx;
  return platform.db.transaction(async (tx) => {
    const { c } = await caseForStaff(tx, req, id, 'cases.handle', { lock: true });
    const set: Partial<typeof cases.$inferInsert> = {};
    if (body.priority) set.priority = body.priority;
    if (body.tags) set.tags = [...new Set(body.tags.map((t) => t.trim()).filter(Boolean))];
    const row = await touch(tx, c, set);
    const data = { priority: body.priority, tags: set.tags, fromPriority: c.priority, fromTags: c.tags };
    await addEvent(tx, row, { kind: 'updated', public: false, data, ...actorAuthor(req.actor) });
    await audit(tx, req, { action: 'case.update', entity: 'case', entityId: c.id, data });
    return row;
  });
}

/** The user ids of the heads of a unit and, when it has none, of the nearest unit above with one. */
export async function headsOf(db: DbOrTx, tenantId: string, unitId: string | null, tree: UnitTree): Promise<string[]> {
  if (!unitId) return [];
  for (const u of [unitId, ...tree.ancestry(unitId)]) {
    const heads = await db
      .select({ userId: roleAssignments.userId })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.unitId, u), eq(roleAssignments.role, 'head')));
    if (heads.length) return heads.map((h) => h.userId);
  }
  return [];
}
