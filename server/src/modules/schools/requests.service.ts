import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import {
  CLOSED_CATEGORIES,
  caseFacts,
  caseRow,
  caseSummaries,
  expectedCompletion,
  getCaseType,
  submitCase,
  type TCaseFact,
} from '../cases/index.js';
import { subscribe } from '../notify/index.js';
import { kindOfKey, priorityOf, REQUEST_KINDS, type TRequestKind, typeKey } from './request-types.js';
import { schoolRequests, schools } from './schema.js';

type SchoolRow = typeof schools.$inferSelect;

export const ZRequestBody = z
  .object({
    kind: z.enum(REQUEST_KINDS),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().min(1).max(10_000),
    data: z.record(z.string(), z.unknown()).default({}),
    fileIds: z.array(z.uuid()).max(20).default([]),
  })
  .strict();
export type TRequestBody = z.infer<typeof ZRequestBody>;

/** The school's people who hear of its requests: every enabled partner user of its organisation. */
async function schoolUserIds(db: DbOrTx, tenantId: string, partnerOrgId: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.partnerOrgId, partnerOrgId), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** Subscribes the school's people to a case through the notify module, so every public change reaches them. */
async function subscribePeople(db: DbOrTx, tenantId: string, userIds: string[], caseIds: string[]) {
  for (const userId of userIds) {
    for (const caseId of caseIds) await subscribe(db, tenantId, { userId, deviceId: null }, { kind: 'case', refId: caseId });
  }
}

/**
 * Files a request of a school as a case of its type (channel `partner`), with the school's address
 * and location, a priority from the urgency and safety risk, tied to the school and followed by the
 * school's people, all in the submission's transaction.
 */
export async function fileRequest(platform: Platform, req: FastifyRequest, school: SchoolRow, body: TRequestBody, idempotencyKey?: string) {
  const tenantId = req.tenant.id;
  if (!school.active) throw new AppError('school.inactive', 409);
  const submittedBy = 'userId' in req.actor ? (req.actor.userId ?? null) : null;
  const people = await schoolUserIds(platform.db, tenantId, school.partnerOrgId);
  const r = await submitCase(
    platform,
    req,
    {
      caseType: typeKey(body.kind),
      data: body.data,
      title: body.title,
      description: body.description,
      location:
        school.lat != null && school.lon != null ? { lat: school.lat, lon: school.lon, address: school.address ?? undefined } : undefined,
      fileIds: body.fileIds,
      channel: req.actor.kind === 'partner' ? 'partner' : 'phone',
      contact: { name: school.name, ...(school.email ? { email: school.email } : {}), ...(school.phone ? { phone: school.phone } : {}) },
    },
    {
      intake: req.actor.kind === 'staff',
      vouched: true,
      idempotencyKey,
      priority: priorityOf(body.kind, body.data),
      within: async (tx, caseId) => {
        await tx.insert(schoolRequests).values({ caseId, tenantId, schoolId: school.id, submittedBy });
        await subscribePeople(tx, tenantId, people, [caseId]);
      },
    },
  );
  return r;
}

/**
 * Keeps every current person of each school subscribed to the school's unfinished requests (a deputy
 * invited after a request was filed hears of it too). Idempotent; run by a job and on the principal's view.
 */
export async function syncSubscriptions(db: DbOrTx, tenantId: string, onlySchoolId?: string) {
  const list = await db
    .select({ id: schools.id, partnerOrgId: schools.partnerOrgId })
    .from(schools)
    .where(and(eq(schools.tenantId, tenantId), onlySchoolId ? eq(schools.id, onlySchoolId) : undefined));
  let n = 0;
  for (const s of list) {
    const ids = (
      await db
        .select({ caseId: schoolRequests.caseId })
        .from(schoolRequests)
        .where(and(eq(schoolRequests.tenantId, tenantId), eq(schoolRequests.schoolId, s.id)))
    ).map((r) => r.caseId);
    const open = (await caseFacts(db, tenantId, ids)).filter((f) => f.stateCategory !== 'closed' && f.stateCategory !== 'rejected');
    const people = await schoolUserIds(db, tenantId, s.partnerOrgId);
    await subscribePeople(
      db,
      tenantId,
      people,
      open.map((f) => f.id),
    );
    n += people.length * open.length;
  }
  return n;
}

export async function schoolCaseIds(db: DbOrTx, tenantId: string, schoolIds: string[] | null) {
  const rows = await db
    .select({ caseId: schoolRequests.caseId, schoolId: schoolRequests.schoolId })
    .from(schoolRequests)
    .where(and(eq(schoolRequests.tenantId, tenantId), schoolIds ? inArray(schoolRequests.schoolId, schoolIds) : undefined))
    .orderBy(desc(schoolRequests.createdAt));
  return rows;
}

export const ZListQuery = z.object({ status: z.enum(['open', 'done', 'all']).default('all') }).strict();

const isDone = (category: string) => (CLOSED_CATEGORIES as readonly string[]).includes(category);

/** A school's requests with their state, due date and (for unfinished ones) the expected completion date. */
export async function listSchoolRequests(db: DbOrTx, tenantId: string, schoolId: string, status: 'open' | 'done' | 'all') {
  const ids = (await schoolCaseIds(db, tenantId, [schoolId])).map((r) => r.caseId);
  const items = (await caseSummaries(db, tenantId, ids)).filter(
    (c) => status === 'all' || (status === 'open' ? !isDone(c.stateCategory) : isDone(c.stateCategory)),
  );
  const out = [];
  for (const c of items) {
    let expected: string | null = null;
    if (!isDone(c.stateCategory)) {
      const e = await expectedCompletion(db, await caseRow(db, tenantId, c.id));
      expected = e.p80 ?? e.median ?? c.dueDate;
    }
    out.push({ ...c, kind: kindOfKey(c.caseType.key), expectedDate: expected });
  }
  return out;
}

/** A case of this school (404 for any other case, so schools never see each other's requests). */
export async function schoolCase(db: DbOrTx, tenantId: string, schoolId: string, caseId: string) {
  const [link] = await db
    .select({ caseId: schoolRequests.caseId })
    .from(schoolRequests)
    .where(and(eq(schoolRequests.tenantId, tenantId), eq(schoolRequests.schoolId, schoolId), eq(schoolRequests.caseId, caseId)));
  if (!link) throw new AppError('case.not_found', 404);
  return caseRow(db, tenantId, caseId);
}

/** The school request types with their forms, as the principal's form needs them. */
export async function requestTypes(db: DbOrTx, tenantId: string) {
  const out = [];
  for (const kind of REQUEST_KINDS) {
    try {
      const t = await getCaseType(db, tenantId, typeKey(kind));
      if (!t.active) continue;
      out.push({
        kind,
        key: t.key,
        name: { el: t.snapshot.nameEl, en: t.snapshot.nameEn },
        form: t.snapshot.form,
        slaDays: t.snapshot.slaDays,
        defaultUnitId: t.snapshot.defaultUnitId,
        routing: t.snapshot.routing,
      });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'case_type.not_found')) throw err;
    }
  }
  return out;
}

export type { TCaseFact, TRequestKind };
