import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import type { TWorkflowBody } from '../cases/index.js';
import { caseTypeInfos, ensureDefaultWorkflows, ensureWorkflow, workflowState, workflowTransition } from '../cases/index.js';
import { reportCategories, type TOutsideBody } from './schema.js';

/**
 * Street-problem categories are case types marked in `report_categories`; a category either goes
 * to a unit (the case type's routing) or to an outside body, to which the report is forwarded.
 */

export type TCategory = {
  caseTypeId: string;
  key: string;
  icon: string | null;
  group: string;
  name: { el: string; en: string };
  unit: { id: string; name: { el: string; en: string } } | null;
  outsideBody: TOutsideBody | null;
  anonymousAllowed: boolean;
  sortOrder: number;
};

const cache = new Map<string, { at: number; list: TCategory[] }>();
const TTL_MS = 30_000;

export function forgetCategories(tenantId: string) {
  cache.delete(tenantId);
}

export async function categoriesOf(db: DbOrTx, tenantId: string): Promise<TCategory[]> {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
  const own = await db.select().from(reportCategories).where(eq(reportCategories.tenantId, tenantId));
  const types = new Map(
    (
      await caseTypeInfos(
        db,
        tenantId,
        own.map((rc) => rc.caseTypeId),
      )
    ).map((t) => [t.id, t]),
  );
  const rows = own
    .flatMap((rc) => {
      const t = types.get(rc.caseTypeId);
      return t?.active ? [{ rc, t, v: t.snapshot }] : [];
    })
    .sort((a, b) => a.rc.sortOrder - b.rc.sortOrder || (a.t.key < b.t.key ? -1 : a.t.key > b.t.key ? 1 : 0));
  const unitIds = [...new Set(rows.map((r) => r.v.defaultUnitId).filter((x): x is string => Boolean(x)))];
  const units = unitIds.length
    ? await db
        .select({ id: orgUnits.id, nameEl: orgUnits.nameEl, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(eq(orgUnits.tenantId, tenantId))
    : [];
  const list = rows.map((r) => {
    const u = units.find((x) => x.id === r.v.defaultUnitId);
    return {
      caseTypeId: r.t.id,
      key: r.t.key,
      icon: r.t.icon,
      group: r.t.group,
      name: { el: r.v.nameEl, en: r.v.nameEn },
      unit: u && !r.rc.outsideBody ? { id: u.id, name: { el: u.nameEl, en: u.nameEn } } : null,
      outsideBody: r.rc.outsideBody ?? null,
      anonymousAllowed: r.v.anonymousAllowed,
      sortOrder: r.rc.sortOrder,
    };
  });
  cache.set(tenantId, { at: Date.now(), list });
  return list;
}

export async function isReportType(db: DbOrTx, tenantId: string, caseTypeId: string) {
  return (await categoriesOf(db, tenantId)).some((c) => c.caseTypeId === caseTypeId);
}

export async function categoryByType(db: DbOrTx, tenantId: string, caseTypeId: string) {
  return (await categoriesOf(db, tenantId)).find((c) => c.caseTypeId === caseTypeId) ?? null;
}

/** Marks a case type as a street-problem category (or updates its outside body and order). */
export async function setCategory(
  db: DbOrTx,
  tenantId: string,
  caseTypeId: string,
  body: { outsideBody: TOutsideBody | null; sortOrder: number },
) {
  const [row] = await db
    .insert(reportCategories)
    .values({ tenantId, caseTypeId, outsideBody: body.outsideBody, sortOrder: body.sortOrder })
    .onConflictDoUpdate({
      target: [reportCategories.tenantId, reportCategories.caseTypeId],
      set: { outsideBody: body.outsideBody, sortOrder: body.sortOrder },
    })
    .returning();
  forgetCategories(tenantId);
  return row;
}

/**
 * A workflow for street problems whose every state says one honest thing to the citizen:
 * planned, in progress, fixed, closed without a fix, or forwarded to another body.
 */
export const STREET_WORKFLOW: TWorkflowBody = {
  key: 'street',
  nameEl: 'Προβλήματα οδών και κοινόχρηστων χώρων',
  nameEn: 'Street problems',
  definition: {
    states: [
      workflowState('new', 'Νέα', 'New', 'new', true),
      workflowState('planned', 'Προγραμματίστηκε', 'Planned', 'open'),
      workflowState('in_progress', 'Σε εξέλιξη', 'In progress', 'in_progress'),
      workflowState('waiting', 'Αναμονή στοιχείων', 'Waiting for information', 'waiting_citizen'),
      workflowState('fixed', 'Αποκαταστάθηκε', 'Fixed', 'resolved'),
      workflowState('not_fixed', 'Έκλεισε χωρίς αποκατάσταση', 'Closed, not fixed', 'closed'),
      workflowState('forwarded', 'Διαβιβάστηκε σε άλλο φορέα', 'Sent to another body', 'rejected'),
    ],
    transitions: [
      workflowTransition('plan', 'new', 'planned', 'Προγραμματισμός', 'Plan', {
        messageEl: 'Η αποκατάσταση προγραμματίστηκε.',
        messageEn: 'The repair has been planned.',
      }),
      workflowTransition('start', 'new', 'in_progress', 'Έναρξη εργασιών', 'Start work', {
        messageEl: 'Ξεκίνησαν οι εργασίες.',
        messageEn: 'Work has started.',
      }),
      workflowTransition('start_planned', 'planned', 'in_progress', 'Έναρξη εργασιών', 'Start work', {
        messageEl: 'Ξεκίνησαν οι εργασίες.',
        messageEn: 'Work has started.',
      }),
      workflowTransition('ask_info', 'in_progress', 'waiting', 'Ζήτηση στοιχείων', 'Ask for information', { commentRequired: true }),
      workflowTransition('info_received', 'waiting', 'in_progress', 'Παραλαβή στοιχείων', 'Information received'),
      workflowTransition('fix', 'in_progress', 'fixed', 'Αποκατάσταση', 'Mark fixed', {
        messageEl: 'Το πρόβλημα αποκαταστάθηκε. Ευχαριστούμε!',
        messageEn: 'The problem was fixed. Thank you!',
      }),
      workflowTransition('close_new', 'new', 'not_fixed', 'Κλείσιμο χωρίς αποκατάσταση', 'Close, not fixed', { commentRequired: true }),
      workflowTransition('close_planned', 'planned', 'not_fixed', 'Κλείσιμο χωρίς αποκατάσταση', 'Close, not fixed', {
        commentRequired: true,
      }),
      workflowTransition('close_in_progress', 'in_progress', 'not_fixed', 'Κλείσιμο χωρίς αποκατάσταση', 'Close, not fixed', {
        commentRequired: true,
      }),
      workflowTransition('forward', 'new', 'forwarded', 'Διαβίβαση σε άλλο φορέα', 'Send to another body', {
        roles: ['head'],
        commentRequired: true,
      }),
    ],
  },
};

/** Creates the street workflow (and the engine's defaults) for a tenant when missing. */
export async function ensureStreetWorkflow(db: DbOrTx, tenantId: string) {
  await ensureDefaultWorkflows(db, tenantId);
  await ensureWorkflow(db, tenantId, STREET_WORKFLOW);
}
