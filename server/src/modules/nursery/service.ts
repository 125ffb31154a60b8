import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import { users } from '../../platform/identity/identity.schema.js';
import { requestContext, type ServiceContext } from '../../platform/service-context.js';
import { canOnUnit, findCases, getCaseType, loadUnitTree, submitCase, todayAthens } from '../cases/index.js';
import { isRealDate } from '../forms/index.js';
import { notify } from '../notify/index.js';
import { CASE_TYPE_KEY, DOCUMENT_KEYS, DOCUMENTS, moveCase, REQUIRED_DOCUMENTS } from './case-type.js';
import { ageGroupAt, checkAnswers, DEFAULT_CRITERIA, documentsNeeded, incomeOf, scoreAnswers, ZCriteria } from './criteria.js';
import { STATUS_NAMES } from './messages.js';
import { rankAndAllocate, waitingPositions } from './ranking.js';
import {
  AGE_GROUPS,
  HOLDING,
  nurseryApplications,
  nurseryCalls,
  nurseryStations,
  type TAgeGroup,
  type TApplicationStatus,
  type TCapacity,
} from './schema.js';

type CallRow = typeof nurseryCalls.$inferSelect;
type AppRow = typeof nurseryApplications.$inferSelect;
type StationRow = typeof nurseryStations.$inferSelect;

const invalid = (fields: FieldError[]) => new AppError('validation.failed', 400, {}, fields);
const authorOf = (req: FastifyRequest) => ({
  authorUserId: 'userId' in req.actor ? (req.actor.userId ?? null) : null,
  authorKind: req.actor.kind,
});
const SYSTEM = { authorUserId: null, authorKind: 'system' };

/** Athens local time as dd/mm/yyyy hh:mm, for messages in either language. */
export function athensTime(d: Date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Athens',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

// ---- who may manage --------------------------------------------------------------------------

/** Staff with `nursery.manage` on the unit that receives nursery applications (or tenant-wide). */
export async function assertManager(db: DbOrTx, req: FastifyRequest) {
  let unitId: string | null = null;
  try {
    unitId = (await getCaseType(db, req.tenant.id, CASE_TYPE_KEY)).snapshot.defaultUnitId;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'case_type.not_found')) throw err;
  }
  const tree = await loadUnitTree(db, req.tenant.id);
  if (!canOnUnit(req.actor, 'nursery.manage', unitId, tree)) throw new AppError('auth.forbidden', 403);
}

// ---- stations --------------------------------------------------------------------------------

export const ZStationBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().max(300).nullable().optional(),
    location: z
      .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
      .nullable()
      .optional(),
    capacityInfant: z.number().int().min(0).max(500),
    capacityToddler: z.number().int().min(0).max(500),
    active: z.boolean().default(true),
  })
  .strict();
export const ZStationPatch = ZStationBody.partial().strict();

export const stationView = (s: StationRow) => ({
  id: s.id,
  name: s.name,
  address: s.address,
  location: s.lat != null && s.lon != null ? { lat: s.lat, lon: s.lon } : null,
  capacityInfant: s.capacityInfant,
  capacityToddler: s.capacityToddler,
  active: s.active,
});

export async function listStations(db: DbOrTx, tenantId: string, activeOnly: boolean) {
  return db
    .select()
    .from(nurseryStations)
    .where(and(eq(nurseryStations.tenantId, tenantId), activeOnly ? eq(nurseryStations.active, true) : undefined))
    .orderBy(asc(nurseryStations.name));
}

async function stationRow(db: DbOrTx, tenantId: string, id: string) {
  const [s] = await db
    .select()
    .from(nurseryStations)
    .where(and(eq(nurseryStations.tenantId, tenantId), eq(nurseryStations.id, id)));
  if (!s) throw new AppError('nursery.station_not_found', 404);
  return s;
}

export async function createStation(db: DbOrTx, req: FastifyRequest, body: z.infer<typeof ZStationBody>) {
  return db.transaction(async (tx) => {
    const [s] = await tx
      .insert(nurseryStations)
      .values({
        tenantId: req.tenant.id,
        name: body.name,
        address: body.address ?? null,
        lat: body.location?.lat ?? null,
        lon: body.location?.lon ?? null,
        capacityInfant: body.capacityInfant,
        capacityToddler: body.capacityToddler,
        active: body.active,
      })
      .returning();
    if (!s) throw new Error('station insert');
    await audit(tx, req, { action: 'nursery.station_created', entity: 'nursery_station', entityId: s.id, data: { name: s.name } });
    return stationView(s);
  });
}

export async function updateStation(db: DbOrTx, req: FastifyRequest, id: string, body: z.infer<typeof ZStationPatch>) {
  return db.transaction(async (tx) => {
    await stationRow(tx, req.tenant.id, id);
    const set: Partial<typeof nurseryStations.$inferInsert> = { updatedAt: new Date() };
    if (body.name !== undefined) set.name = body.name;
    if (body.address !== undefined) set.address = body.address;
    if (body.location !== undefined) {
      set.lat = body.location?.lat ?? null;
      set.lon = body.location?.lon ?? null;
    }
    if (body.capacityInfant !== undefined) set.capacityInfant = body.capacityInfant;
    if (body.capacityToddler !== undefined) set.capacityToddler = body.capacityToddler;
    if (body.active !== undefined) set.active = body.active;
    const [s] = await tx
      .update(nurseryStations)
      .set(set)
      .where(and(eq(nurseryStations.tenantId, req.tenant.id), eq(nurseryStations.id, id)))
      .returning();
    if (!s) throw new AppError('nursery.station_not_found', 404);
    await audit(tx, req, { action: 'nursery.station_updated', entity: 'nursery_station', entityId: id, data: body });
    return stationView(s);
  });
}

// ---- calls -----------------------------------------------------------------------------------

const ZAgeRules = z
  .object({
    infantFromMonths: z.number().int().min(0).max(60),
    toddlerFromMonths: z.number().int().min(1).max(72),
    toddlerUntilMonths: z.number().int().min(2).max(84),
  })
  .refine((r) => r.infantFromMonths < r.toddlerFromMonths && r.toddlerFromMonths < r.toddlerUntilMonths, { message: 'validation.invalid' });
const ZDate = z.string().refine(isRealDate, { message: 'validation.invalid' });

export const ZCallBody = z
  .object({
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
    titleEl: z.string().trim().min(1).max(300),
    titleEn: z.string().trim().min(1).max(300),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    referenceDate: ZDate,
    ageRules: ZAgeRules.default({ infantFromMonths: 6, toddlerFromMonths: 30, toddlerUntilMonths: 48 }),
    criteria: ZCriteria.default(DEFAULT_CRITERIA),
  })
  .strict();
export const ZCallPatch = z
  .object({
    titleEl: z.string().trim().min(1).max(300),
    titleEn: z.string().trim().min(1).max(300),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    referenceDate: ZDate,
    ageRules: ZAgeRules,
    criteria: ZCriteria,
  })
  .partial()
  .strict();

export const callView = (c: CallRow) => ({
  id: c.id,
  schoolYear: c.schoolYear,
  title: { el: c.titleEl, en: c.titleEn },
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  referenceDate: c.referenceDate,
  ageRules: c.ageRules,
  criteria: c.criteria,
  capacity: c.capacity,
  status: c.status,
  acceptingApplications: c.status === 'open' && Date.now() >= c.opensAt.getTime() && Date.now() <= c.closesAt.getTime(),
  rankedAt: c.rankedAt,
  publishedAt: c.publishedAt,
  /** The supporting documents; `optional` ones are needed only for the criteria that name them. */
  documents: DOCUMENTS.map((d) => ({ key: d.key, el: d.el, en: d.en, optional: 'optional' in d })),
});

export async function callRow(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean; publicOnly?: boolean } = {}) {
  const q = db
    .select()
    .from(nurseryCalls)
    .where(
      and(eq(nurseryCalls.tenantId, tenantId), eq(nurseryCalls.id, id), opts.publicOnly ? ne(nurseryCalls.status, 'draft') : undefined),
    );
  const [c] = opts.lock ? await q.for('update') : await q;
  if (!c) throw new AppError('nursery.call_not_found', 404);
  return c;
}

export async function listCalls(db: DbOrTx, tenantId: string, publicOnly: boolean) {
  return db
    .select()
    .from(nurseryCalls)
    .where(and(eq(nurseryCalls.tenantId, tenantId), publicOnly ? ne(nurseryCalls.status, 'draft') : undefined))
    .orderBy(sql`${nurseryCalls.opensAt} desc`);
}

/** The call citizens see on /nursery: the open one, else the most recent one that is not a draft. */
export async function currentCall(db: DbOrTx, tenantId: string) {
  const list = await listCalls(db, tenantId, true);
  return list.find((c) => c.status === 'open') ?? list[0] ?? null;
}

function stateError(c: CallRow) {
  return new AppError('nursery.call_state', 409, { status: STATUS_NAMES[c.status]?.el ?? c.status });
}

function checkDates(opensAt: Date, closesAt: Date) {
  if (closesAt.getTime() <= opensAt.getTime()) throw invalid([{ field: 'closesAt', code: 'nursery.dates_order' }]);
}

export async function createCall(db: DbOrTx, req: FastifyRequest, body: z.infer<typeof ZCallBody>) {
  checkDates(body.opensAt, body.closesAt);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(nurseryCalls)
      .values({ tenantId: req.tenant.id, ...body, status: 'draft' })
      .returning();
    if (!c) throw new Error('call insert');
    await audit(tx, req, { action: 'nursery.call_created', entity: 'nursery_call', entityId: c.id, data: { schoolYear: c.schoolYear } });
    return c;
  });
}

export async function updateCall(db: DbOrTx, req: FastifyRequest, id: string, body: z.infer<typeof ZCallPatch>) {
  return db.transaction(async (tx) => {
    const c = await callRow(tx, req.tenant.id, id, { lock: true });
    // criteria, ages and the reference date are fixed once families can apply; dates may move while open
    const fixed = body.criteria !== undefined || body.ageRules !== undefined || body.referenceDate !== undefined;
    if (c.status !== 'draft' && (fixed || c.status !== 'open')) throw stateError(c);
    checkDates(body.opensAt ?? c.opensAt, body.closesAt ?? c.closesAt);
    const [row] = await tx
      .update(nurseryCalls)
      .set({ ...body, updatedAt: new Date() })
      .where(and(eq(nurseryCalls.tenantId, req.tenant.id), eq(nurseryCalls.id, id)))
      .returning();
    await audit(tx, req, { action: 'nursery.call_updated', entity: 'nursery_call', entityId: id, data: body as Record<string, unknown> });
    return row as CallRow;
  });
}

/** draft → open (the places of the active stations are copied onto the call) → closed. */
export async function setCallStatus(db: DbOrTx, req: FastifyRequest, id: string, to: 'open' | 'closed') {
  return db.transaction(async (tx) => {
    const c = await callRow(tx, req.tenant.id, id, { lock: true });
    const set: Partial<typeof nurseryCalls.$inferInsert> = { status: to, updatedAt: new Date() };
    if (to === 'open') {
      if (c.status !== 'draft') throw stateError(c);
      const capacity: TCapacity = {};
      for (const s of await listStations(tx, req.tenant.id, true)) {
        if (s.capacityInfant + s.capacityToddler > 0) capacity[s.id] = { infant: s.capacityInfant, toddler: s.capacityToddler };
      }
      if (!Object.keys(capacity).length) throw new AppError('nursery.no_capacity', 409);
      set.capacity = capacity;
    } else if (c.status !== 'open') throw stateError(c);
    const [row] = await tx
      .update(nurseryCalls)
      .set(set)
      .where(and(eq(nurseryCalls.tenantId, req.tenant.id), eq(nurseryCalls.id, id)))
      .returning();
    await audit(tx, req, { action: `nursery.call_${to}`, entity: 'nursery_call', entityId: id });
    return row as CallRow;
  });
}

// ---- applications ----------------------------------------------------------------------------

export const ZApplyBody = z
  .object({
    callId: z.uuid(),
    child: z
      .object({
        givenName: z.string().trim().min(1).max(100),
        familyName: z.string().trim().min(1).max(100),
        birthDate: z.string().max(10),
      })
      .strict(),
    preferences: z.array(z.uuid()).min(1).max(5),
    answers: z.record(z.string(), z.unknown()).default({}),
    documents: z.record(z.string(), z.array(z.uuid()).max(10)).default({}),
  })
  .strict();
export type TApplyBody = z.infer<typeof ZApplyBody>;

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newPublicCode = () => `Ν-${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;

const effectiveAnswers = (a: AppRow) => ({ ...a.answers, ...(a.verifiedAnswers ?? {}) });

/**
 * A TaxisNet citizen applies while the call is open: the child's age group at the reference date,
 * preferred stations with places for that group, answers to the published criteria and the
 * supporting documents are checked (every error at once, naming its field), the points computed
 * here, and the case filed with the application row in the same transaction.
 */
export async function apply(platform: Platform, req: FastifyRequest, body: TApplyBody) {
  const { db } = platform;
  const tenantId = req.tenant.id;
  const actor = req.actor;
  if (actor.kind !== 'citizen') throw new AppError('auth.forbidden', 403);
  if (!actor.taxisnet) throw new AppError('case.taxisnet_required', 403);
  const call = await callRow(db, tenantId, body.callId, { publicOnly: true });
  const now = Date.now();
  if (call.status !== 'open' || now < call.opensAt.getTime() || now > call.closesAt.getTime()) {
    throw new AppError('nursery.call_not_open', 409, { opensAt: athensTime(call.opensAt), closesAt: athensTime(call.closesAt) });
  }
  const lang = req.lang;
  const errors: FieldError[] = [];
  const fieldMsg = (field: string, code: string, params: Record<string, unknown> = {}) =>
    errors.push({ field, code, params, message: t(lang, code, { ...params, field: t(lang, `field.${field}`) }) });

  // the child and the age group
  let group: TAgeGroup | null = null;
  const birth = body.child.birthDate;
  if (!isRealDate(birth) || birth > todayAthens()) fieldMsg('child.birthDate', 'validation.invalid');
  else {
    const g = ageGroupAt(birth, call.referenceDate, call.ageRules);
    if ('error' in g) {
      fieldMsg('child.birthDate', g.error, {
        months: g.months,
        date: call.referenceDate.split('-').reverse().join('/'),
        min: call.ageRules.infantFromMonths,
        max: call.ageRules.toddlerUntilMonths,
      });
    } else group = g.group;
  }
  // stations: part of the call, with places for the group, each once
  const seen = new Set<string>();
  body.preferences.forEach((s, i) => {
    const field = `preferences.${i}`;
    const label = `${t(lang, 'field.preferences')} ${i + 1}`;
    if (seen.has(s)) {
      errors.push({ field, code: 'nursery.station_repeated', message: t(lang, 'nursery.station_repeated', { field: label }) });
      return;
    }
    seen.add(s);
    const cap = call.capacity[s];
    if (!cap || (group && cap[group] <= 0)) {
      errors.push({ field, code: 'nursery.station_unknown', message: t(lang, 'nursery.station_unknown', { field: label }) });
    }
  });
  // criteria answers
  const checked = checkAnswers(call.criteria, body.answers, lang);
  errors.push(...checked.errors);
  // documents: the always-required ones and those the claimed criteria need
  const needed = new Set([...REQUIRED_DOCUMENTS, ...(checked.errors.length ? [] : documentsNeeded(call.criteria, checked.value))]);
  for (const key of Object.keys(body.documents)) {
    if (!DOCUMENT_KEYS.includes(key)) {
      errors.push({
        field: `documents.${key}`,
        code: 'validation.unknown_field',
        message: t(lang, 'validation.unknown_field', { field: key }),
      });
    }
  }
  for (const d of DOCUMENTS) {
    if (needed.has(d.key) && !(body.documents[d.key]?.length ?? 0)) {
      errors.push({
        field: `documents.${d.key}`,
        code: 'nursery.document_required',
        message: t(lang, 'nursery.document_required', { field: d[lang] }),
      });
    }
  }
  if (errors.length || !group) throw invalid(errors);

  const userId = actor.userId;
  const [dup] = await db
    .select({ id: nurseryApplications.id })
    .from(nurseryApplications)
    .where(
      and(
        eq(nurseryApplications.tenantId, tenantId),
        eq(nurseryApplications.callId, call.id),
        eq(nurseryApplications.citizenUserId, userId),
        eq(nurseryApplications.childBirthDate, birth),
        eq(nurseryApplications.childGivenName, body.child.givenName),
        notInArray(nurseryApplications.status, ['withdrawn', 'removed']),
      ),
    );
  if (dup) throw new AppError('nursery.duplicate', 409);

  const score = scoreAnswers(call.criteria, checked.value);
  const stations = await listStations(db, tenantId, false);
  const nameOf = new Map(stations.map((s) => [s.id, s.name]));
  const [me] = await db
    .select({ givenName: users.givenName, familyName: users.familyName, afm: users.afm })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  const applicant =
    me?.givenName && me.familyName ? { name: me.givenName, surname: me.familyName, ...(me.afm ? { afm: me.afm } : {}) } : undefined;
  const id = randomUUID();
  let publicCode = newPublicCode();
  for (let i = 0; i < 5; i++) {
    const [taken] = await db
      .select({ id: nurseryApplications.id })
      .from(nurseryApplications)
      .where(
        and(
          eq(nurseryApplications.tenantId, tenantId),
          eq(nurseryApplications.callId, call.id),
          eq(nurseryApplications.publicCode, publicCode),
        ),
      );
    if (!taken) break;
    publicCode = newPublicCode();
  }
  const data: Record<string, unknown> = {
    ...(applicant ? { applicant } : {}),
    childName: `${body.child.givenName} ${body.child.familyName}`,
    childBirthDate: birth,
    ageGroup: group,
    preferences: body.preferences.map((s, i) => `${i + 1}. ${nameOf.get(s) ?? s}`).join('\n'),
    points: score.total,
    publicCode,
  };
  for (const d of DOCUMENTS) if (body.documents[d.key]?.length) data[d.key] = body.documents[d.key];
  const ageGroup = group;
  await submitCase(
    platform,
    req,
    { caseType: CASE_TYPE_KEY, channel: 'web', data, fileIds: [], title: `${call.titleEl}: ${publicCode}` },
    {
      intake: false,
      within: async (tx, caseId) => {
        await tx.insert(nurseryApplications).values({
          id,
          tenantId,
          callId: call.id,
          caseId,
          citizenUserId: userId,
          publicCode,
          childGivenName: body.child.givenName,
          childFamilyName: body.child.familyName,
          childBirthDate: birth,
          ageGroup,
          preferences: body.preferences,
          answers: checked.value,
          points: score.total,
          status: 'submitted',
        });
      },
    },
  );
  return appRow(db, tenantId, id);
}

async function appRow(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select()
    .from(nurseryApplications)
    .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, id)));
  const [a] = opts.lock ? await q.for('update') : await q;
  if (!a) throw new AppError('nursery.application_not_found', 404);
  return a;
}

/** Waiting-list positions of a call's waiting applications (computed from the ranks, so always current). */
async function positionsIn(db: DbOrTx, tenantId: string, callId: string) {
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

// ---- verifying criteria ----------------------------------------------------------------------

export const ZVerifyBody = z.object({ answers: z.record(z.string(), z.unknown()), note: z.string().trim().min(1).max(2000) }).strict();

/** Staff correct the family's answers after checking the documents; points recomputed, audited, noted on the case. */
export async function verifyApplication(db: DbOrTx, req: FastifyRequest, id: string, body: z.infer<typeof ZVerifyBody>) {
  const tenantId = req.tenant.id;
  return db.transaction(async (tx) => {
    const a0 = await appRow(tx, tenantId, id);
    const call = await callRow(tx, tenantId, a0.callId, { lock: true });
    if (call.status !== 'open' && call.status !== 'closed') throw stateError(call);
    const a = await appRow(tx, tenantId, id, { lock: true });
    if (a.status !== 'submitted') throw new AppError('nursery.application_state', 409, { status: STATUS_NAMES[a.status]?.el });
    const checked = checkAnswers(call.criteria, body.answers, req.lang, true);
    if (checked.errors.length) throw invalid(checked.errors);
    const verified = { ...(a.verifiedAnswers ?? {}), ...checked.value };
    const before = a.points;
    const points = scoreAnswers(call.criteria, { ...a.answers, ...verified }).total;
    const now = new Date();
    await tx
      .update(nurseryApplications)
      .set({ verifiedAnswers: verified, points, verifiedAt: now, verifiedBy: authorOf(req).authorUserId, updatedAt: now })
      .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, id)));
    await moveCase(
      tx,
      requestContext(req),
      a.caseId,
      'submitted',
      {
        el: `Τα κριτήρια ελέγχθηκαν από την υπηρεσία: ${points} μόρια (ήταν ${before}). ${body.note}`,
        en: `The criteria were checked by the department: ${points} points (were ${before}). ${body.note}`,
      },
      authorOf(req),
    );
    await audit(tx, req, {
      action: 'nursery.criteria_verified',
      entity: 'nursery_application',
      entityId: id,
      data: { changes: checked.value, pointsBefore: before, pointsAfter: points, note: body.note },
    });
    return { id, points, pointsBefore: before };
  });
}

// ---- ranking, publication and the waiting list -----------------------------------------------

/** closed → ranked: every submitted application gets its rank, and a place or the waiting lists. */
export async function rankCall(db: DbOrTx, req: FastifyRequest, id: string) {
  const tenantId = req.tenant.id;
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
    await audit(tx, req, { action: 'nursery.call_ranked', entity: 'nursery_call', entityId: id, data: { applications: results.length } });
    return { call: row as CallRow, ranked: results.length, admitted: results.filter((r) => r.stationId).length };
  });
}

async function tellFamily(
  tx: DbOrTx,
  tenantId: string,
  a: AppRow,
  key: string,
  subject: { el: string; en: string },
  text: { el: string; en: string },
) {
  if (!a.citizenUserId) return;
  await notify(tx, {
    tenantId,
    recipients: [{ userId: a.citizenUserId }],
    subject,
    text,
    url: '/nursery',
    dedupeKey: `nursery:${a.id}:${key}`,
  });
}

/** ranked → published: the anonymised ranking goes public, each case moves and each family is told its result. */
export async function publishCall(platform: Platform, req: FastifyRequest, id: string) {
  const tenantId = req.tenant.id;
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
      await moveCase(tx, requestContext(req), a.caseId, a.status, msg, SYSTEM);
      await tellFamily(tx, tenantId, a, 'published', { el: 'Αποτελέσματα παιδικών σταθμών', en: 'Nursery results' }, msg);
    }
    await audit(tx, req, { action: 'nursery.call_published', entity: 'nursery_call', entityId: id });
    return row as CallRow;
  });
}

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
export async function decide(platform: Platform, req: FastifyRequest, id: string, decision: TDecision, reason?: string) {
  const tenantId = req.tenant.id;
  return platform.db.transaction(async (tx) => {
    const a0 = await appRow(tx, tenantId, id);
    if (decision !== 'remove' && (req.actor.kind !== 'citizen' || a0.citizenUserId !== req.actor.userId)) {
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
    await moveCase(tx, requestContext(req), a.caseId, to, text[decision], authorOf(req));
    if (decision === 'remove') {
      await audit(tx, req, {
        action: 'nursery.application_removed',
        entity: 'nursery_application',
        entityId: id,
        data: { from: a.status, reason },
      });
      await tellFamily(tx, tenantId, a, 'removed', { el: 'Αίτηση παιδικού σταθμού', en: 'Nursery application' }, text.remove);
    }
    const offered =
      freed && (call.status === 'ranked' || call.status === 'published')
        ? await fillPlaces(tx, requestContext(req), call, freed, a.ageGroup)
        : [];
    return { id, status: to, offered: offered.map((o) => o.id) };
  });
}

/** Staff: offer any free places of a station (e.g. after capacity grew); returns who was offered. */
export const ZFreeBody = z
  .object({ stationId: z.uuid(), ageGroup: z.enum(AGE_GROUPS), capacity: z.number().int().min(0).max(500).optional() })
  .strict();
export async function fillStation(platform: Platform, req: FastifyRequest, callId: string, body: z.infer<typeof ZFreeBody>) {
  const tenantId = req.tenant.id;
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
    const offered = await fillPlaces(tx, requestContext(req), call, body.stationId, body.ageGroup);
    await audit(tx, req, {
      action: 'nursery.places_filled',
      entity: 'nursery_call',
      entityId: callId,
      data: { ...body, offered: offered.length },
    });
    return { offered: offered.map((o) => o.id) };
  });
}

// ---- the published ranking -------------------------------------------------------------------

/** The public ranking: anonymised codes, points, rank and result only. No names, no ΑΦΜ, no birth dates. */
export async function publicRanking(db: DbOrTx, tenantId: string, callId: string) {
  const call = await callRow(db, tenantId, callId, { publicOnly: true });
  if (call.status !== 'published') throw new AppError('nursery.not_published', 409);
  const apps = await db
    .select({
      id: nurseryApplications.id,
      publicCode: nurseryApplications.publicCode,
      points: nurseryApplications.points,
      rank: nurseryApplications.rank,
      ageGroup: nurseryApplications.ageGroup,
      status: nurseryApplications.status,
      stationId: nurseryApplications.stationId,
    })
    .from(nurseryApplications)
    .where(
      and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.callId, callId), sql`${nurseryApplications.rank} is not null`),
    )
    .orderBy(asc(nurseryApplications.rank));
  const positions = await positionsIn(db, tenantId, callId);
  const stations = (await listStations(db, tenantId, false)).filter((s) => call.capacity[s.id]);
  return {
    call: callView(call),
    stations: stations.map((s) => ({ id: s.id, name: s.name, capacity: call.capacity[s.id] as { infant: number; toddler: number } })),
    items: apps.map((a) => ({
      code: a.publicCode,
      rank: a.rank as number,
      points: a.points,
      ageGroup: a.ageGroup,
      result: (HOLDING.includes(a.status) ? 'admitted' : a.status === 'waiting' ? 'waiting' : 'withdrawn') as
        | 'admitted'
        | 'waiting'
        | 'withdrawn',
      stationId: HOLDING.includes(a.status) ? a.stationId : null,
      positions: positions.get(a.id) ?? [],
    })),
  };
}

const csvCell = (v: unknown) => {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function rankingCsv(r: Awaited<ReturnType<typeof publicRanking>>, lang: 'el' | 'en') {
  const name = new Map(r.stations.map((s) => [s.id, s.name]));
  const L = lang === 'el';
  const head = L
    ? ['Κωδικός', 'Σειρά', 'Μόρια', 'Τμήμα', 'Αποτέλεσμα', 'Σταθμός', 'Θέσεις σε λίστες αναμονής']
    : ['Code', 'Rank', 'Points', 'Group', 'Result', 'Nursery', 'Waiting-list positions'];
  const groups = { infant: L ? 'Βρεφικό' : 'Infants', toddler: L ? 'Νηπιακό' : 'Toddlers' };
  const results = {
    admitted: L ? 'Επιλέχθηκε' : 'Admitted',
    waiting: L ? 'Αναμονή' : 'Waiting',
    withdrawn: L ? 'Αποχώρησε' : 'Withdrawn',
  };
  const lines = r.items.map((i) =>
    [
      i.code,
      i.rank,
      i.points,
      groups[i.ageGroup],
      results[i.result],
      i.stationId ? name.get(i.stationId) : '',
      i.positions.map((p) => `${name.get(p.stationId)}: ${p.position}`).join(', '),
    ]
      .map(csvCell)
      .join(';'),
  );
  return `\uFEFF${[head.join(';'), ...lines].join('\r\n')}\r\n`;
}
