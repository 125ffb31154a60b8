import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { findCases } from '../cases/index.js';
import { callRow } from './calls.service.js';
import { scoreAnswers } from './criteria.js';
import { waitingPositions } from './ranking.js';
import { nurseryApplications, type TApplicationStatus } from './schema.js';
import { type AppRow, type CallRow, effectiveAnswers } from './shared.js';

/** Read models of applications: the family's own, staff's list of a call, waiting-list positions. */

export async function appRow(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select()
    .from(nurseryApplications)
    .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, id)));
  const [a] = opts.lock ? await q.for('update') : await q;
  if (!a) throw new AppError('nursery.application_not_found', 404);
  return a;
}

/** Waiting-list positions of a call's waiting applications (computed from the ranks, so always current). */
export async function positionsIn(db: DbOrTx, tenantId: string, callId: string) {
  const waiting = await db
    .select({
      id: nurseryApplications.id,
      rank: nurseryApplications.rank,
      ageGroup: nurseryApplications.ageGroup,
      preferences: nurseryApplications.preferences,
    })
    .from(nurseryApplications)
    .where(
      and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.callId, callId), eq(nurseryApplications.status, 'waiting')),
    );
  return waitingPositions(waiting.map((w) => ({ ...w, rank: w.rank ?? Number.MAX_SAFE_INTEGER })));
}

async function protocolOf(db: DbOrTx, tenantId: string, caseIds: string[]) {
  if (!caseIds.length) return new Map<string, { protocolNumber: string | null; trackingCode: string }>();
  const rows = await findCases(db, tenantId, { ids: caseIds });
  return new Map(rows.map((r) => [r.id, { protocolNumber: r.protocolNumber, trackingCode: r.trackingCode }]));
}

function appView(
  a: AppRow,
  call: CallRow,
  positions: Map<string, { stationId: string; position: number }[]>,
  protocol: Map<string, { protocolNumber: string | null; trackingCode: string }>,
) {
  const answers = effectiveAnswers(a);
  const published = call.status === 'published';
  return {
    id: a.id,
    callId: a.callId,
    caseId: a.caseId,
    protocolNumber: protocol.get(a.caseId)?.protocolNumber ?? null,
    publicCode: a.publicCode,
    child: { givenName: a.childGivenName, familyName: a.childFamilyName, birthDate: a.childBirthDate },
    ageGroup: a.ageGroup,
    preferences: a.preferences,
    answers,
    points: a.points,
    pointLines: scoreAnswers(call.criteria, answers).lines,
    verified: a.verifiedAt != null,
    // before publication the family sees only that the application is in
    status: published || a.status === 'submitted' || a.status === 'withdrawn' ? a.status : ('submitted' as TApplicationStatus),
    stationId: published ? a.stationId : null,
    rank: published ? a.rank : null,
    positions: published ? (positions.get(a.id) ?? []) : [],
    offeredAt: published ? a.offeredAt : null,
    submittedAt: a.submittedAt,
  };
}

/** The signed-in citizen's applications, with status, station and waiting-list positions once published. */
export async function myApplications(db: DbOrTx, tenantId: string, userId: string) {
  const apps = await db
    .select()
    .from(nurseryApplications)
    .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.citizenUserId, userId)))
    .orderBy(sql`${nurseryApplications.submittedAt} desc`);
  const out = [];
  const protocol = await protocolOf(
    db,
    tenantId,
    apps.map((a) => a.caseId),
  );
  const calls = new Map<string, CallRow>();
  const pos = new Map<string, Awaited<ReturnType<typeof positionsIn>>>();
  for (const a of apps) {
    if (!calls.has(a.callId)) {
      calls.set(a.callId, await callRow(db, tenantId, a.callId));
      pos.set(a.callId, await positionsIn(db, tenantId, a.callId));
    }
    out.push(appView(a, calls.get(a.callId) as CallRow, pos.get(a.callId) ?? new Map(), protocol));
  }
  return out;
}

/** Staff: a call's applications with names, answers, points, rank, station and positions. */
export async function listApplications(db: DbOrTx, tenantId: string, callId: string) {
  const call = await callRow(db, tenantId, callId);
  const apps = await db
    .select()
    .from(nurseryApplications)
    .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.callId, callId)))
    .orderBy(
      sql`${nurseryApplications.rank} asc nulls last`,
      sql`${nurseryApplications.points} desc`,
      asc(nurseryApplications.submittedAt),
    );
  const positions = await positionsIn(db, tenantId, callId);
  const protocol = await protocolOf(
    db,
    tenantId,
    apps.map((a) => a.caseId),
  );
  return apps.map((a) => ({
    ...appView(a, { ...call, status: 'published' }, positions, protocol),
    status: a.status,
    familyAnswers: a.answers,
    verifiedAt: a.verifiedAt,
  }));
}
