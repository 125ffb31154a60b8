import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import {
  type TCaseTypeBody,
  type TCaseTypeSnapshot,
  type TCaseTypeUpdateBody,
  ZCaseTypeBody,
  ZCaseTypeUpdateBody,
} from './case-type.model.js';
import { caseTypes, caseTypeVersions, workflows } from './schema.js';

export type TCaseTypeRow = typeof caseTypes.$inferSelect;
export type TCaseTypeVersionRow = typeof caseTypeVersions.$inferSelect;
export type TCaseTypeView = TCaseTypeRow & { versionId: string; version: number; snapshot: TCaseTypeSnapshot };

/** Versions saved before a field existed read with that field's default. */
const withDefaults = (snapshot: TCaseTypeSnapshot): TCaseTypeSnapshot => ({
  ...snapshot,
  identity: snapshot.identity ?? 'any',
  onBehalf: snapshot.onBehalf ?? false,
  lifeEvents: snapshot.lifeEvents ?? [],
  applyPath: snapshot.applyPath ?? null,
});

/** Refers only to workflows and units that exist in the tenant. */
async function checkReferences(db: DbOrTx, tenantId: string, s: TCaseTypeSnapshot) {
  const errors: FieldError[] = [];
  const [wf] = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tenantId), eq(workflows.key, s.workflowKey)));
  if (!wf) errors.push({ field: 'snapshot.workflowKey', code: 'case_type.unknown_workflow' });
  const unitRefs: [string, string][] = [];
  if (s.defaultUnitId) unitRefs.push(['snapshot.defaultUnitId', s.defaultUnitId]);
  s.routing.forEach((r, i) => {
    unitRefs.push([`snapshot.routing.${i}.unitId`, r.unitId]);
  });
  if (unitRefs.length) {
    const found = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.tenantId, tenantId),
          inArray(
            orgUnits.id,
            unitRefs.map(([, id]) => id),
          ),
        ),
      );
    const ok = new Set(found.map((u) => u.id));
    for (const [field, id] of unitRefs) if (!ok.has(id)) errors.push({ field, code: 'case_type.unknown_unit' });
  }
  if (errors.length) throw new AppError('validation.failed', 400, {}, errors);
}

export async function createCaseType(db: DbOrTx, tenantId: string, input: TCaseTypeBody, userId?: string): Promise<TCaseTypeView> {
  const body = ZCaseTypeBody.parse(input);
  await checkReferences(db, tenantId, body.snapshot);
  const [type] = await db
    .insert(caseTypes)
    .values({ tenantId, key: body.key, group: body.group, icon: body.icon, active: body.active, currentVersion: 1 })
    .onConflictDoNothing({ target: [caseTypes.tenantId, caseTypes.key] })
    .returning();
  if (!type) throw new AppError('case_type.key_taken', 409);
  const [v] = await db
    .insert(caseTypeVersions)
    .values({ tenantId, caseTypeId: type.id, version: 1, snapshot: body.snapshot, createdBy: userId })
    .returning();
  if (!v) throw new Error('case type version insert failed');
  return { ...type, versionId: v.id, version: 1, snapshot: withDefaults(v.snapshot) };
}

/** Every edit makes a new immutable version; cases filed earlier keep theirs. */
export async function updateCaseType(
  db: DbOrTx,
  tenantId: string,
  id: string,
  input: TCaseTypeUpdateBody,
  userId?: string,
): Promise<TCaseTypeView> {
  const body = ZCaseTypeUpdateBody.parse(input);
  const [current] = await db
    .select()
    .from(caseTypes)
    .where(and(eq(caseTypes.tenantId, tenantId), eq(caseTypes.id, id)))
    .for('update');
  if (!current) throw new AppError('case_type.not_found', 404);
  await checkReferences(db, tenantId, body.snapshot);
  const version = current.currentVersion + 1;
  const [v] = await db
    .insert(caseTypeVersions)
    .values({ tenantId, caseTypeId: id, version, snapshot: body.snapshot, createdBy: userId })
    .returning();
  const [type] = await db
    .update(caseTypes)
    .set({ group: body.group, icon: body.icon, active: body.active, currentVersion: version })
    .where(eq(caseTypes.id, id))
    .returning();
  if (!v || !type) throw new Error('case type update failed');
  return { ...type, versionId: v.id, version, snapshot: withDefaults(v.snapshot) };
}

export async function listCaseTypes(db: DbOrTx, tenantId: string, opts: { publicOnly: boolean }): Promise<TCaseTypeView[]> {
  const found = await db
    .select({ type: caseTypes, v: caseTypeVersions })
    .from(caseTypes)
    .innerJoin(caseTypeVersions, and(eq(caseTypeVersions.caseTypeId, caseTypes.id), eq(caseTypeVersions.version, caseTypes.currentVersion)))
    .where(and(eq(caseTypes.tenantId, tenantId), opts.publicOnly ? eq(caseTypes.active, true) : undefined))
    .orderBy(caseTypes.group, caseTypes.key);
  return found
    .map(({ type, v }) => ({ ...type, versionId: v.id, version: v.version, snapshot: withDefaults(v.snapshot) }))
    .filter((t) => !opts.publicOnly || t.snapshot.public);
}

export async function getCaseType(db: DbOrTx, tenantId: string, idOrKey: string): Promise<TCaseTypeView> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrKey);
  const [row] = await db
    .select({ type: caseTypes, v: caseTypeVersions })
    .from(caseTypes)
    .innerJoin(caseTypeVersions, and(eq(caseTypeVersions.caseTypeId, caseTypes.id), eq(caseTypeVersions.version, caseTypes.currentVersion)))
    .where(and(eq(caseTypes.tenantId, tenantId), isUuid ? eq(caseTypes.id, idOrKey) : eq(caseTypes.key, idOrKey)));
  if (!row) throw new AppError('case_type.not_found', 404);
  return { ...row.type, versionId: row.v.id, version: row.v.version, snapshot: withDefaults(row.v.snapshot) };
}

export async function listVersions(db: DbOrTx, tenantId: string, caseTypeId: string) {
  return db
    .select()
    .from(caseTypeVersions)
    .where(and(eq(caseTypeVersions.tenantId, tenantId), eq(caseTypeVersions.caseTypeId, caseTypeId)))
    .orderBy(desc(caseTypeVersions.version));
}

export async function getVersion(db: DbOrTx, tenantId: string, versionId: string): Promise<TCaseTypeVersionRow> {
  const [v] = await db
    .select()
    .from(caseTypeVersions)
    .where(and(eq(caseTypeVersions.tenantId, tenantId), eq(caseTypeVersions.id, versionId)));
  if (!v) throw new AppError('case_type.not_found', 404);
  return v;
}
