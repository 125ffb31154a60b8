import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { AppError } from '../../platform/http/errors.js';
import type { TWorkflowBody, TWorkflowDefinition, TWorkflowState } from './case-type.model.js';
import { workflows } from './schema.js';

export type TWorkflowRow = typeof workflows.$inferSelect;

/**
 * Checks a workflow definition: unique keys, exactly one initial state, transitions between
 * known states, every state reachable from the initial one. Returns field errors, empty when valid.
 */
export function checkWorkflow(def: TWorkflowDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  def.states.forEach((s, i) => {
    if (keys.has(s.key)) errors.push({ field: `definition.states.${i}.key`, code: 'workflow.duplicate_state' });
    keys.add(s.key);
  });
  const initial = def.states.filter((s) => s.initial);
  if (initial.length !== 1) errors.push({ field: 'definition.states', code: 'workflow.one_initial_state' });
  const tkeys = new Set<string>();
  def.transitions.forEach((t, i) => {
    if (tkeys.has(t.key)) errors.push({ field: `definition.transitions.${i}.key`, code: 'workflow.duplicate_transition' });
    tkeys.add(t.key);
    if (!keys.has(t.from)) errors.push({ field: `definition.transitions.${i}.from`, code: 'workflow.unknown_state' });
    if (!keys.has(t.to)) errors.push({ field: `definition.transitions.${i}.to`, code: 'workflow.unknown_state' });
  });
  if (initial.length === 1 && errors.length === 0) {
    const seen = new Set<string>([initial[0]?.key as string]);
    const queue = [initial[0]?.key as string];
    while (queue.length) {
      const at = queue.shift() as string;
      for (const t of def.transitions) {
        if (t.from === at && !seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    def.states.forEach((s, i) => {
      if (!seen.has(s.key))
        errors.push({ field: `definition.states.${i}.key`, code: 'workflow.unreachable_state', params: { state: s.key } });
    });
  }
  return errors;
}

export function initialState(def: TWorkflowDefinition): TWorkflowState {
  const s = def.states.find((x) => x.initial) ?? def.states[0];
  if (!s) throw new Error('workflow without states');
  return s;
}

export function stateOf(def: TWorkflowDefinition, key: string): TWorkflowState | undefined {
  return def.states.find((s) => s.key === key);
}

/** A diagram-ready view: nodes (states), edges (transitions), and the case's current state when given. */
export function workflowDiagram(row: TWorkflowRow, current?: string) {
  const def = row.definition;
  return {
    id: row.id,
    key: row.key,
    nameEl: row.nameEl,
    nameEn: row.nameEn,
    revision: row.revision,
    nodes: def.states.map((s) => ({ ...s, initial: Boolean(s.initial), current: s.key === current })),
    edges: def.transitions.map((t) => ({ ...t, id: t.key, source: t.from, target: t.to })),
    current: current ?? null,
  };
}

/** A workflow state for a definition written in code (the defaults here, and other modules' own workflows). */
export const workflowState = (
  key: string,
  nameEl: string,
  nameEn: string,
  category: TWorkflowState['category'],
  initial = false,
): TWorkflowState => ({
  key,
  nameEl,
  nameEn,
  category,
  ...(initial ? { initial: true } : {}),
});

type Tr = TWorkflowDefinition['transitions'][number];
/** A transition for a definition written in code: no roles, no comment required, shown to the citizen, unless `extra` says otherwise. */
export const workflowTransition = (key: string, from: string, to: string, nameEl: string, nameEn: string, extra: Partial<Tr> = {}): Tr => ({
  key,
  from,
  to,
  nameEl,
  nameEn,
  roles: [],
  commentRequired: false,
  citizenVisible: true,
  ...extra,
});

/** The two workflows every municipality starts with. */
export const DEFAULT_WORKFLOWS: TWorkflowBody[] = [
  {
    key: 'applications',
    nameEl: 'Αιτήσεις',
    nameEn: 'Applications',
    definition: {
      states: [
        workflowState('submitted', 'Υποβλήθηκε', 'Submitted', 'new', true),
        workflowState('review', 'Σε εξέταση', 'Under review', 'in_progress'),
        workflowState('waiting', 'Αναμονή στοιχείων', 'Waiting for information', 'waiting_citizen'),
        workflowState('approved', 'Εγκρίθηκε', 'Approved', 'resolved'),
        workflowState('rejected', 'Απορρίφθηκε', 'Rejected', 'rejected'),
        workflowState('completed', 'Ολοκληρώθηκε', 'Completed', 'closed'),
      ],
      transitions: [
        workflowTransition('start_review', 'submitted', 'review', 'Έναρξη εξέτασης', 'Start review', {
          messageEl: 'Η αίτησή σας εξετάζεται.',
          messageEn: 'Your application is being reviewed.',
        }),
        workflowTransition('ask_info', 'review', 'waiting', 'Ζήτηση στοιχείων', 'Ask for information', { commentRequired: true }),
        workflowTransition('info_received', 'waiting', 'review', 'Παραλαβή στοιχείων', 'Information received'),
        workflowTransition('approve', 'review', 'approved', 'Έγκριση', 'Approve', {
          roles: ['head', 'employee'],
          messageEl: 'Η αίτησή σας εγκρίθηκε.',
          messageEn: 'Your application was approved.',
        }),
        workflowTransition('reject', 'review', 'rejected', 'Απόρριψη', 'Reject', {
          roles: ['head'],
          commentRequired: true,
          messageEl: 'Η αίτησή σας απορρίφθηκε.',
          messageEn: 'Your application was rejected.',
        }),
        workflowTransition('complete', 'approved', 'completed', 'Ολοκλήρωση', 'Complete', {
          messageEl: 'Η αίτησή σας ολοκληρώθηκε.',
          messageEn: 'Your application is complete.',
        }),
        workflowTransition('close_rejected', 'rejected', 'completed', 'Αρχειοθέτηση', 'Archive', { citizenVisible: false }),
      ],
    },
  },
  {
    key: 'problems',
    nameEl: 'Αναφορές προβλημάτων',
    nameEn: 'Problem reports',
    definition: {
      states: [
        workflowState('new', 'Νέα', 'New', 'new', true),
        workflowState('assigned', 'Ανατέθηκε', 'Assigned', 'open'),
        workflowState('in_progress', 'Σε εξέλιξη', 'In progress', 'in_progress'),
        workflowState('waiting', 'Αναμονή στοιχείων', 'Waiting for information', 'waiting_citizen'),
        workflowState('resolved', 'Επιλύθηκε', 'Resolved', 'resolved'),
        workflowState('not_ours', 'Δεν είναι αρμοδιότητά μας', 'Not our responsibility', 'rejected'),
        workflowState('closed', 'Κλείστηκε', 'Closed', 'closed'),
      ],
      transitions: [
        workflowTransition('assign', 'new', 'assigned', 'Ανάθεση', 'Assign', {
          messageEl: 'Η αναφορά σας ανατέθηκε στην αρμόδια υπηρεσία.',
          messageEn: 'Your report was assigned to the responsible service.',
        }),
        workflowTransition('start', 'assigned', 'in_progress', 'Έναρξη εργασιών', 'Start work', {
          messageEl: 'Ξεκίνησαν οι εργασίες.',
          messageEn: 'Work has started.',
        }),
        workflowTransition('ask_info', 'assigned', 'waiting', 'Ζήτηση στοιχείων', 'Ask for information', { commentRequired: true }),
        workflowTransition('info_received', 'waiting', 'assigned', 'Παραλαβή στοιχείων', 'Information received'),
        workflowTransition('resolve', 'in_progress', 'resolved', 'Επίλυση', 'Resolve', {
          messageEl: 'Το πρόβλημα επιλύθηκε. Ευχαριστούμε!',
          messageEn: 'The problem was resolved. Thank you!',
        }),
        workflowTransition('not_ours', 'new', 'not_ours', 'Όχι αρμοδιότητα', 'Not ours', { roles: ['head'], commentRequired: true }),
        workflowTransition('not_ours_assigned', 'assigned', 'not_ours', 'Όχι αρμοδιότητα', 'Not ours', {
          roles: ['head'],
          commentRequired: true,
        }),
        workflowTransition('close', 'resolved', 'closed', 'Κλείσιμο', 'Close', { citizenVisible: false }),
        workflowTransition('close_not_ours', 'not_ours', 'closed', 'Κλείσιμο', 'Close', { citizenVisible: false }),
      ],
    },
  },
];

/** Creates the default workflows for a tenant when missing. Safe to call again. */
export async function ensureDefaultWorkflows(db: DbOrTx, tenantId: string) {
  for (const w of DEFAULT_WORKFLOWS) {
    await db
      .insert(workflows)
      .values({ tenantId, key: w.key, nameEl: w.nameEl, nameEn: w.nameEn, definition: w.definition })
      .onConflictDoNothing({ target: [workflows.tenantId, workflows.key] });
  }
}

/** Creates a workflow when the tenant has none with its key (another module's own workflow). Safe to call again. */
export async function ensureWorkflow(db: DbOrTx, tenantId: string, body: TWorkflowBody) {
  assertValid(body);
  await db
    .insert(workflows)
    .values({ tenantId, key: body.key, nameEl: body.nameEl, nameEn: body.nameEn, definition: body.definition })
    .onConflictDoNothing({ target: [workflows.tenantId, workflows.key] });
  return getWorkflow(db, tenantId, body.key);
}

export async function getWorkflow(db: DbOrTx, tenantId: string, idOrKey: string) {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrKey);
  const [row] = await db
    .select()
    .from(workflows)
    .where(and(eq(workflows.tenantId, tenantId), isUuid ? eq(workflows.id, idOrKey) : eq(workflows.key, idOrKey)));
  if (!row) throw new AppError('workflow.not_found', 404);
  return row;
}

export async function listWorkflows(db: DbOrTx, tenantId: string) {
  return db.select().from(workflows).where(eq(workflows.tenantId, tenantId)).orderBy(workflows.key);
}

function assertValid(body: TWorkflowBody) {
  const errors = checkWorkflow(body.definition);
  if (errors.length) throw new AppError('validation.failed', 400, {}, errors);
}

export async function createWorkflow(db: DbOrTx, tenantId: string, body: TWorkflowBody) {
  assertValid(body);
  const [row] = await db
    .insert(workflows)
    .values({ tenantId, key: body.key, nameEl: body.nameEl, nameEn: body.nameEn, definition: body.definition })
    .onConflictDoNothing({ target: [workflows.tenantId, workflows.key] })
    .returning();
  if (!row) throw new AppError('workflow.key_taken', 409);
  return row;
}

/**
 * Edits a workflow in place. States that open cases sit in may not be removed,
 * so no case is ever left in a state its workflow no longer knows.
 */
export async function updateWorkflow(db: DbOrTx, tenantId: string, id: string, body: Omit<TWorkflowBody, 'key'>, statesInUse: string[]) {
  assertValid({ ...body, key: 'x' });
  const keys = new Set(body.definition.states.map((s) => s.key));
  const missing = statesInUse.filter((s) => !keys.has(s));
  if (missing.length) {
    throw new AppError('validation.failed', 400, {}, [
      { field: 'definition.states', code: 'workflow.state_in_use', params: { state: missing.join(', ') } },
    ]);
  }
  const [row] = await db
    .update(workflows)
    .set({
      nameEl: body.nameEl,
      nameEn: body.nameEn,
      definition: body.definition,
      revision: sql`${workflows.revision} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(workflows.tenantId, tenantId), eq(workflows.id, id)))
    .returning();
  if (!row) throw new AppError('workflow.not_found', 404);
  return row;
}
