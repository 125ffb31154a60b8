import { createHash, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit/audit.js';
import { addWorkingDaysLocal, loadTenantHolidays } from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { fileFieldsIn, localizeFieldErrors, validateSubmission } from '../forms/index.js';
import { checkAttachments } from './attachments.js';
import type { TIntakeCaseBody } from './case.model.js';
import { addEvent, loadCase } from './case.service.js';
import type { TCaseTypeSnapshot } from './case-type.model.js';
import { getCaseType } from './case-type.service.js';
import {
  athensYear,
  externalSourceFor,
  formatProtocolNumber,
  nextInternalNumber,
  ProtocolUnavailable,
  protocolSettings,
} from './protocol.service.js';
import { routeCase } from './routing.js';
import { cases, idempotencyKeys } from './schema.js';
import { getWorkflow, initialState } from './workflow.service.js';

export const PROTOCOL_QUEUE = 'cases.protocol';
/** The inline attempt goes first; the queued job is the safety net when it fails or the process dies. */
const PROTOCOL_JOB_DELAY_MS = 60_000;

const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newTrackingCode() {
  let s = '';
  for (let i = 0; i < 8; i++) s += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return s;
}

/**
 * Who is asking, for idempotency: the same key from someone else is a different request.
 * A device made by this very request (a new anonymous client) has no history: when the answer that
 * told it its device token is lost, its retry arrives as yet another new device. Its record is
 * keyed by what it sent instead (the key plus a hash of the body), so the retry finds the first case
 * while another client that only learnt the key does not.
 */
function callerOf(req: FastifyRequest, input: unknown) {
  const a = req.actor;
  if ('userId' in a && a.userId) return `u:${a.userId}`;
  if (a.kind === 'device' && req.deviceIsNew) return newDeviceCaller(input);
  if ('deviceId' in a && a.deviceId) return `d:${a.deviceId}`;
  return `ip:${req.ip}`;
}

function newDeviceCaller(input: unknown) {
  return `new:${createHash('sha256').update(JSON.stringify(input)).digest('hex')}`;
}

/**
 * A device's retry that carries the token its first answer gave it: that first request was keyed as a
 * new device's, so it is found by the body as well, and taken only when the case is this device's own.
 */
async function findFirstVisitReplay(db: DbOrTx, req: FastifyRequest, input: unknown, key: string) {
  const a = req.actor;
  if (a.kind !== 'device' || req.deviceIsNew || !a.deviceId) return null;
  const replay = await findReplay(db, req.tenant.id, newDeviceCaller(input), key);
  if (!replay) return null;
  const c = await loadCase(db, req.tenant.id, replay.caseId);
  return c.deviceId === a.deviceId ? replay : null;
}

class Replay extends Error {}

export type TSubmitOptions = {
  intake: boolean;
  idempotencyKey?: string;
  /**
   * Set by another module's own route that has already checked who may file the type (the schools
   * module for a school's principal): private (non-public) types are accepted from a non-staff caller.
   */
  vouched?: boolean;
  /** The case's first priority (e.g. raised by a reported safety risk); `normal` when absent. */
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  /** Runs inside the submission's transaction once the case exists (e.g. to tie it to a school): a throw undoes the whole submission. */
  within?: (tx: DbOrTx, caseId: string) => Promise<void>;
};

/** A check another module runs on every submission before anything is written (throw an AppError to refuse). */
export type TSubmitCheck = (
  db: DbOrTx,
  req: FastifyRequest,
  input: {
    caseTypeId: string;
    caseTypeKey: string;
    location: { lat: number; lon: number } | null;
    /** The type's current version, and the validated form answers and all attached file ids. */
    snapshot: TCaseTypeSnapshot;
    data: Record<string, unknown>;
    fileIds: string[];
    /** Filed by staff on a caller's behalf (phone, counter). */
    intake: boolean;
  },
) => Promise<void>;
const submitChecks: TSubmitCheck[] = [];
export function registerSubmitCheck(fn: TSubmitCheck) {
  if (!submitChecks.includes(fn)) submitChecks.push(fn);
}

/**
 * Files a case from any channel. Validates the form of the type's current version, then in one
 * transaction: takes a protocol number (or queues one from the external system), computes the
 * due date in working days, routes to a unit, makes a tracking code, writes the first timeline
 * event and `case.submitted` to the outbox. A repeated Idempotency-Key returns the first case.
 */
export async function submitCase(platform: Platform, req: FastifyRequest, input: TIntakeCaseBody, opts: TSubmitOptions) {
  const { db } = platform;
  const tenantId = req.tenant.id;
  const actor = req.actor;
  const caller = callerOf(req, input);

  if (opts.idempotencyKey) {
    const replay =
      (await findReplay(db, tenantId, caller, opts.idempotencyKey)) ?? (await findFirstVisitReplay(db, req, input, opts.idempotencyKey));
    if (replay) return replay;
  }

  const type = await getCaseType(db, tenantId, input.caseType);
  const s = type.snapshot;
  if (!type.active) throw new AppError('case_type.inactive', 409);
  if (!opts.intake) {
    if (!s.public && !opts.vouched) throw new AppError('case_type.not_public', 403);
    const identified =
      actor.kind === 'staff' || actor.kind === 'partner' || (actor.kind === 'citizen' && (actor.verified || actor.taxisnet));
    if (!identified && !s.anonymousAllowed) throw new AppError('auth.required', 401);
    // Services that issue personal documents: only a citizen who signed in with TaxisNet.
    if (s.identity === 'taxisnet' && !(actor.kind === 'citizen' && actor.taxisnet)) {
      throw new AppError(actor.kind === 'citizen' ? 'case.taxisnet_required' : 'auth.required', actor.kind === 'citizen' ? 403 : 401);
    }
    if (s.identity === 'verified' && !identified) throw new AppError('auth.required', 401);
  }

  const checked = validateSubmission(s.form, input.data);
  if (!checked.ok) throw new AppError('validation.failed', 400, {}, localizeFieldErrors(s.form, checked.fields, req.lang));
  const data = checked.value as Record<string, unknown>;
  if (s.locationRequired && !input.location) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'location', code: 'case.location_required' }]);
  }
  const fileFields = fileFieldsIn(s.form, data);
  const fileIds = [...new Set([...input.fileIds, ...fileFields.flatMap((f) => f.ids)])];
  await checkAttachments(db, tenantId, actor, [
    { field: 'fileIds', ids: input.fileIds },
    ...fileFields.map((f) => ({ ...f, field: `data.${f.field}` })),
  ]);
  if (opts.intake && input.citizenUserId) {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, input.citizenUserId), eq(users.kind, 'citizen')));
    if (!u) throw new AppError('validation.failed', 400, {}, [{ field: 'citizenUserId', code: 'validation.invalid' }]);
  }

  const location = input.location ? { lat: input.location.lat, lon: input.location.lon } : null;
  for (const check of submitChecks) {
    await check(db, req, {
      caseTypeId: type.id,
      caseTypeKey: type.key,
      location,
      snapshot: s,
      data,
      fileIds,
      intake: Boolean(opts.intake),
    });
  }

  const workflow = await getWorkflow(db, tenantId, s.workflowKey);
  const first = initialState(workflow.definition);
  const route = routeCase(s.routing, s.defaultUnitId, { lat: input.location?.lat, lon: input.location?.lon, data });
  const now = new Date();
  const year = athensYear(now);
  let dueDate: string | null = null;
  if (s.slaDays != null) {
    const holidays = await loadTenantHolidays(db, tenantId, year, year + 1 + Math.floor(s.slaDays / 200));
    dueDate = addWorkingDaysLocal(now, s.slaDays, holidays);
  }
  const [tenant] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  const settings = tenant?.settings ?? {};
  const external = externalSourceFor(settings);
  const format = protocolSettings(settings).format ?? '{n}/{yyyy}';

  const isStaff = actor.kind === 'staff';
  const citizenUserId = opts.intake ? (input.citizenUserId ?? null) : 'userId' in actor && !isStaff ? (actor.userId ?? null) : null;
  const deviceId = !opts.intake && 'deviceId' in actor ? (actor.deviceId ?? null) : null;

  let caseId: string;
  try {
    caseId = await db.transaction(async (tx) => {
      if (opts.idempotencyKey) {
        // a concurrent twin waits here on the key's row, then finds it taken
        const [claimed] = await tx
          .insert(idempotencyKeys)
          .values({ tenantId, caller, key: opts.idempotencyKey, scope: 'cases.submit', status: 0, response: {} })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (!claimed) throw new Replay();
      }
      let protocolNumber: string | null = null;
      let protocolSeq: number | null = null;
      if (!external) {
        protocolSeq = await nextInternalNumber(tx, tenantId, year);
        protocolNumber = formatProtocolNumber(format, protocolSeq, year);
      }
      let trackingCode = newTrackingCode();
      for (let i = 0; i < 5; i++) {
        const [taken] = await tx
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.tenantId, tenantId), eq(cases.trackingCode, trackingCode)));
        if (!taken) break;
        trackingCode = newTrackingCode();
      }
      const [row] = await tx
        .insert(cases)
        .values({
          tenantId,
          caseTypeId: type.id,
          caseTypeVersionId: type.versionId,
          workflowId: workflow.id,
          protocolNumber,
          protocolYear: protocolNumber ? year : null,
          protocolSeq,
          protocolStatus: protocolNumber ? 'assigned' : 'pending',
          protocolDate: protocolNumber ? now : null,
          trackingCode,
          title: input.title ?? s.nameEl,
          description: input.description ?? null,
          data,
          fileIds,
          channel: input.channel,
          state: first.key,
          stateCategory: first.category,
          unitId: route.unitId,
          priority: opts.priority ?? 'normal',
          lat: input.location?.lat ?? null,
          lon: input.location?.lon ?? null,
          address: input.location?.address ?? null,
          dueDate,
          citizenUserId,
          deviceId,
          intakeUserId: opts.intake && isStaff ? actor.userId : null,
          contact: input.contact ?? {},
          submittedAt: now,
        })
        .returning();
      if (!row) throw new Error('case insert failed');
      await addEvent(tx, row, {
        kind: 'submitted',
        public: true,
        data: { channel: input.channel, protocolNumber, unitId: route.unitId, routingRule: route.rule },
        authorUserId: 'userId' in actor ? (actor.userId ?? null) : null,
        authorKind: actor.kind,
      });
      await platform.jobs.emit(tx, tenantId, 'case.submitted', {
        caseId: row.id,
        caseTypeKey: type.key,
        protocolNumber,
        trackingCode,
        unitId: route.unitId,
        channel: input.channel,
        citizenUserId,
        deviceId,
        dueDate,
        // For subscribers' `when`: who needs to look at this case at all.
        hasFee: s.fee != null,
        registryDocuments: (s.requiredDocuments ?? []).some((d) => !!d.registry),
      });
      if (external) {
        await platform.jobs.enqueue(tx, {
          queue: PROTOCOL_QUEUE,
          tenantId,
          payload: { caseId: row.id },
          dedupeKey: `case-protocol:${row.id}`,
          runAt: new Date(Date.now() + PROTOCOL_JOB_DELAY_MS),
          maxAttempts: 50,
        });
      }
      if (opts.within) await opts.within(tx, row.id);
      if (opts.intake) {
        await audit(tx, req, {
          action: 'case.intake',
          entity: 'case',
          entityId: row.id,
          data: { channel: input.channel, caseType: type.key },
        });
      }
      if (opts.idempotencyKey) {
        await tx
          .update(idempotencyKeys)
          .set({ status: 201, response: { caseId: row.id } })
          .where(
            and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, opts.idempotencyKey)),
          );
      }
      return row.id;
    });
  } catch (err) {
    if (err instanceof Replay && opts.idempotencyKey) {
      const replay = await findReplay(db, tenantId, caller, opts.idempotencyKey);
      if (replay) return replay;
      throw new AppError('idempotency.in_progress', 409);
    }
    throw err;
  }

  if (external) {
    try {
      await assignExternalProtocol(platform, tenantId, caseId);
    } catch (err) {
      if (!(err instanceof ProtocolUnavailable)) throw err;
      req.log.warn({ caseId, err: err.message }, 'protocol system unavailable; case queued for numbering');
    }
  }
  return { caseId, replayed: false };
}

async function findReplay(db: DbOrTx, tenantId: string, caller: string, key: string) {
  const [hit] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key)));
  if (!hit) return null;
  if (hit.status === 0) throw new AppError('idempotency.in_progress', 409);
  return { caseId: String(hit.response.caseId), replayed: true };
}

/**
 * Numbers a pending case from the external protocol system. Only one caller wins the update
 * (the inline attempt or the job); the loser's number stays unused in the external register.
 */
export async function assignExternalProtocol(platform: Platform, tenantId: string, caseId: string): Promise<boolean> {
  const { db } = platform;
  const c = await loadCase(db, tenantId, caseId);
  if (c.protocolStatus === 'assigned') return false;
  const [tenant] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  const source = externalSourceFor(tenant?.settings);
  // ask the external system outside any transaction: it may be slow
  const answer = source ? await source.request({ subject: c.title, date: c.submittedAt, unit: c.unitId }) : null;
  return db.transaction(async (tx) => {
    const locked = await loadCase(tx, tenantId, caseId, { lock: true });
    if (locked.protocolStatus === 'assigned') return false;
    let number: string;
    let date: Date;
    let seq: number | null = null;
    if (answer) {
      number = answer.number;
      date = answer.date;
    } else {
      // the tenant stopped using an external system meanwhile: number it here, in this transaction
      date = new Date();
      seq = await nextInternalNumber(tx, tenantId, athensYear(date));
      number = formatProtocolNumber(protocolSettings(tenant?.settings).format ?? '{n}/{yyyy}', seq, athensYear(date));
    }
    const [row] = await tx
      .update(cases)
      .set({
        protocolNumber: number,
        protocolStatus: 'assigned',
        protocolDate: date,
        protocolYear: athensYear(date),
        protocolSeq: seq,
        updatedAt: new Date(),
      })
      .where(and(eq(cases.id, caseId), eq(cases.tenantId, tenantId), eq(cases.protocolStatus, 'pending')))
      .returning();
    if (!row) return false;
    await addEvent(tx, row, { kind: 'protocol_assigned', public: true, data: { protocolNumber: number }, authorKind: 'system' });
    await platform.jobs.emit(tx, tenantId, 'case.protocol_assigned', {
      caseId,
      protocolNumber: number,
      citizenUserId: row.citizenUserId,
      deviceId: row.deviceId,
      trackingCode: row.trackingCode,
    });
    return true;
  });
}
