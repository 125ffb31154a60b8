import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import {
  createCaseType,
  ensureWorkflow,
  getCaseType,
  type TCaseTypeBody,
  type TCaseTypeSnapshot,
  type TWorkflowBody,
  updateCaseType,
  workflowState,
  workflowTransition,
} from '../cases/index.js';

/**
 * School requests are cases of nine private case types (group `schools`, keys `school-<kind>`) with
 * the school fields in their form, on the `school-requests` workflow. Each type routes to the unit
 * responsible for it; electrical and yard requests also route by a field (outdoor lighting, green areas).
 */

export const REQUEST_KINDS = ['repairs', 'electrical', 'plumbing', 'heating', 'cleaning', 'yard', 'equipment', 'safety', 'other'] as const;
export type TRequestKind = (typeof REQUEST_KINDS)[number];
export const typeKey = (kind: TRequestKind) => `school-${kind}`;
export const kindOfKey = (key: string): TRequestKind | null => {
  const k = key.startsWith('school-') ? key.slice(7) : '';
  return (REQUEST_KINDS as readonly string[]).includes(k) ? (k as TRequestKind) : null;
};
export const WORKFLOW_KEY = 'school-requests';
export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;

const L = (el: string, en: string) => ({ el, en });

const NAMES: Record<TRequestKind, [string, string, number]> = {
  repairs: ['Επισκευές κτιρίου', 'Building repairs', 15],
  electrical: ['Ηλεκτρολογικά', 'Electrical', 5],
  plumbing: ['Υδραυλικά', 'Plumbing', 5],
  heating: ['Θέρμανση', 'Heating', 3],
  cleaning: ['Καθαριότητα', 'Cleaning', 3],
  yard: ['Αύλειος χώρος και πράσινο', 'Yard and green areas', 15],
  equipment: ['Εξοπλισμός', 'Equipment', 20],
  safety: ['Κίνδυνος για την ασφάλεια', 'Safety hazard', 2],
  other: ['Άλλο', 'Other', 20],
};

export const requestTypeName = (kind: TRequestKind) => ({ el: NAMES[kind][0], en: NAMES[kind][1] });

export const SCHOOL_WORKFLOW: TWorkflowBody = {
  key: WORKFLOW_KEY,
  nameEl: 'Αιτήματα σχολείων',
  nameEn: 'School requests',
  definition: {
    states: [
      workflowState('submitted', 'Υποβλήθηκε', 'Submitted', 'new', true),
      workflowState('assigned', 'Ανατέθηκε', 'Assigned', 'open'),
      workflowState('in_progress', 'Σε εξέλιξη', 'In progress', 'in_progress'),
      workflowState('waiting', 'Αναμονή στοιχείων από το σχολείο', 'Waiting for the school', 'waiting_citizen'),
      workflowState('done', 'Ολοκληρώθηκε — αναμένεται επιβεβαίωση', 'Done — awaiting the school’s confirmation', 'resolved'),
      workflowState('declined', 'Δεν εκτελείται', 'Declined', 'rejected'),
      workflowState('closed', 'Επιβεβαιώθηκε', 'Confirmed', 'closed'),
    ],
    transitions: [
      workflowTransition('assign', 'submitted', 'assigned', 'Ανάθεση', 'Assign', {
        messageEl: 'Το αίτημα ανατέθηκε στην αρμόδια υπηρεσία.',
        messageEn: 'The request was assigned to the responsible unit.',
      }),
      workflowTransition('start', 'assigned', 'in_progress', 'Έναρξη εργασιών', 'Start work', {
        messageEl: 'Ξεκίνησαν οι εργασίες.',
        messageEn: 'Work has started.',
      }),
      workflowTransition('start_now', 'submitted', 'in_progress', 'Άμεση έναρξη', 'Start at once', {
        messageEl: 'Ξεκίνησαν οι εργασίες.',
        messageEn: 'Work has started.',
      }),
      workflowTransition('ask_info', 'assigned', 'waiting', 'Ζήτηση στοιχείων', 'Ask for information', { commentRequired: true }),
      workflowTransition('info_received', 'waiting', 'assigned', 'Παραλαβή στοιχείων', 'Information received'),
      workflowTransition('done', 'in_progress', 'done', 'Ολοκλήρωση', 'Mark done', {
        messageEl: 'Οι εργασίες ολοκληρώθηκαν. Παρακαλούμε επιβεβαιώστε.',
        messageEn: 'The work is done. Please confirm.',
      }),
      workflowTransition('decline', 'submitted', 'declined', 'Απόρριψη', 'Decline', { roles: ['head'], commentRequired: true }),
      workflowTransition('decline_assigned', 'assigned', 'declined', 'Απόρριψη', 'Decline', { roles: ['head'], commentRequired: true }),
      workflowTransition('close', 'done', 'closed', 'Κλείσιμο', 'Close', {
        messageEl: 'Το αίτημα έκλεισε.',
        messageEn: 'The request was closed.',
      }),
    ],
  },
};

/** Units a municipality gives its school request types: one per kind, and two for field routing. */
export const ZRequestTypeUnits = z
  .object({
    units: z.partialRecord(z.enum(REQUEST_KINDS), z.uuid().nullable()),
    /** Electrical requests about outdoor lighting go here (e.g. the street lighting department). */
    lightingUnitId: z.uuid().nullable().optional(),
    /** Yard requests about trees and grass go here (e.g. the green areas department). */
    greenUnitId: z.uuid().nullable().optional(),
  })
  .strict();
export type TRequestTypeUnits = z.infer<typeof ZRequestTypeUnits>;

const schoolFields = [
  { id: 'building', kind: 'text' as const, label: L('Κτίριο ή πτέρυγα', 'Building or wing'), required: true, maxLength: 100 },
  { id: 'area', kind: 'text' as const, label: L('Αίθουσα ή χώρος', 'Room or area'), required: true, maxLength: 100 },
  {
    id: 'urgency',
    kind: 'choice' as const,
    label: L('Πόσο επείγει', 'Urgency'),
    required: true,
    options: [
      { value: 'low', label: L('Χαμηλή', 'Low') },
      { value: 'normal', label: L('Κανονική', 'Normal') },
      { value: 'high', label: L('Υψηλή', 'High') },
      { value: 'urgent', label: L('Επείγον', 'Urgent') },
    ],
  },
  {
    id: 'safetyRisk',
    kind: 'yesNo' as const,
    label: L('Υπάρχει κίνδυνος για την ασφάλεια μαθητών ή προσωπικού;', 'Is there a risk to the safety of pupils or staff?'),
    required: true,
  },
];

function extraFields(kind: TRequestKind): TCaseTypeSnapshot['form']['fields'] {
  if (kind === 'electrical') {
    return [
      {
        id: 'scope',
        kind: 'choice',
        label: L('Αφορά', 'Concerns'),
        required: true,
        options: [
          { value: 'indoor', label: L('Εσωτερική εγκατάσταση', 'Indoor installation') },
          { value: 'outdoor_lighting', label: L('Εξωτερικό φωτισμό', 'Outdoor lighting') },
        ],
      },
    ];
  }
  if (kind === 'yard') {
    return [
      {
        id: 'task',
        kind: 'choice',
        label: L('Εργασία', 'Work needed'),
        required: true,
        options: [
          { value: 'trees', label: L('Δέντρα, κλαδέματα', 'Trees, pruning') },
          { value: 'grass', label: L('Γρασίδι, χόρτα', 'Grass, weeds') },
          { value: 'paving', label: L('Δάπεδα, πλακόστρωτα', 'Paving') },
          { value: 'fence', label: L('Περίφραξη, πόρτες', 'Fence, gates') },
          { value: 'playground', label: L('Παιδική χαρά, όργανα', 'Playground equipment') },
        ],
      },
    ];
  }
  return [];
}

export function requestTypeBody(kind: TRequestKind, u: TRequestTypeUnits): TCaseTypeBody {
  const [nameEl, nameEn, slaDays] = NAMES[kind];
  const routing: TCaseTypeSnapshot['routing'] = [];
  if (kind === 'electrical' && u.lightingUnitId) {
    routing.push({ kind: 'field', field: 'scope', values: ['outdoor_lighting'], unitId: u.lightingUnitId });
  }
  if (kind === 'yard' && u.greenUnitId) routing.push({ kind: 'field', field: 'task', values: ['trees', 'grass'], unitId: u.greenUnitId });
  return {
    key: typeKey(kind),
    group: 'schools',
    icon: 'school',
    active: true,
    snapshot: {
      nameEl: `Σχολείο: ${nameEl}`,
      nameEn: `School: ${nameEn}`,
      form: { fields: [...schoolFields, ...extraFields(kind)] },
      requiredDocuments: [],
      defaultUnitId: u.units[kind] ?? null,
      routing,
      workflowKey: WORKFLOW_KEY,
      slaDays,
      fee: null,
      issuedDocument: null,
      // filed only by schools, through this module's routes (or by staff for a school)
      public: false,
      anonymousAllowed: false,
      locationRequired: false,
    },
  };
}

/** Creates the workflow and the nine types, or writes a new version of each with these units. */
export async function ensureRequestTypes(db: DbOrTx, tenantId: string, u: TRequestTypeUnits, userId?: string) {
  await ensureWorkflow(db, tenantId, SCHOOL_WORKFLOW);
  const out = [];
  for (const kind of REQUEST_KINDS) {
    const body = requestTypeBody(kind, u);
    let existing = null;
    try {
      existing = await getCaseType(db, tenantId, body.key);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'case_type.not_found')) throw err;
    }
    if (!existing) out.push(await createCaseType(db, tenantId, body, userId));
    else {
      const { key: _key, ...update } = body;
      // the form may have been edited by an administrator: keep it, change the routing only
      update.snapshot = { ...existing.snapshot, defaultUnitId: body.snapshot.defaultUnitId, routing: body.snapshot.routing };
      out.push(await updateCaseType(db, tenantId, existing.id, update, userId));
    }
  }
  return out;
}

/** Urgency and a reported safety risk decide the first priority: a safety risk is always urgent. */
export function priorityOf(kind: TRequestKind, data: Record<string, unknown>): (typeof URGENCIES)[number] {
  if (data.safetyRisk === true || kind === 'safety') return 'urgent';
  const u = data.urgency;
  return (URGENCIES as readonly unknown[]).includes(u) ? (u as (typeof URGENCIES)[number]) : 'normal';
}
