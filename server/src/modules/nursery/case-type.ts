import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import {
  createCaseType,
  ensureWorkflow,
  getCaseType,
  moveCaseToState,
  type TCaseTypeBody,
  type TCaseTypeSnapshot,
  type TWorkflowBody,
  workflowState,
  workflowTransition,
} from '../cases/index.js';
import type { TApplicationStatus } from './schema.js';

/**
 * Applications are cases of the `nursery-enrolment` type (identity TaxisNet, life event «children»,
 * applied for on this module's own page `/nursery`), on the `nursery-enrolment` workflow whose states
 * follow the application's status. This module moves the case itself (ranking, offers, decisions).
 */
export const CASE_TYPE_KEY = 'nursery-enrolment';
export const WORKFLOW_KEY = 'nursery-enrolment';

const L = (el: string, en: string) => ({ el, en });
const st = workflowState;
/** The module moves these itself; a head of unit may too, with a comment. */
const tr = (key: string, from: string, to: string, nameEl: string, nameEn: string) =>
  workflowTransition(key, from, to, nameEl, nameEn, { roles: ['head'], commentRequired: true });

export const NURSERY_WORKFLOW: TWorkflowBody = {
  key: WORKFLOW_KEY,
  nameEl: 'Εγγραφή σε παιδικό σταθμό',
  nameEn: 'Nursery enrolment',
  definition: {
    states: [
      st('submitted', 'Υποβλήθηκε', 'Submitted', 'new', true),
      st('waiting', 'Σε λίστα αναμονής', 'On the waiting list', 'open'),
      st('offered', 'Προσφέρθηκε θέση', 'Place offered', 'open'),
      st('enrolled', 'Εγγράφηκε', 'Enrolled', 'resolved'),
      st('declined', 'Δεν αποδέχθηκε τη θέση', 'Place declined', 'closed'),
      st('withdrawn', 'Αποσύρθηκε', 'Withdrawn', 'closed'),
      st('removed', 'Διαγράφηκε', 'Removed', 'rejected'),
    ],
    // The nursery screens move these cases; the transitions exist for the diagram and for heads.
    transitions: [
      tr('rank_wait', 'submitted', 'waiting', 'Κατάταξη: αναμονή', 'Ranked: waiting'),
      tr('rank_admit', 'submitted', 'offered', 'Κατάταξη: θέση', 'Ranked: place'),
      tr('offer', 'waiting', 'offered', 'Προσφορά θέσης', 'Offer a place'),
      tr('accept', 'offered', 'enrolled', 'Αποδοχή', 'Accept'),
      tr('decline', 'offered', 'declined', 'Άρνηση', 'Decline'),
      tr('withdraw', 'submitted', 'withdrawn', 'Απόσυρση', 'Withdraw'),
      tr('withdraw_waiting', 'waiting', 'withdrawn', 'Απόσυρση', 'Withdraw'),
      tr('remove', 'submitted', 'removed', 'Διαγραφή', 'Remove'),
      tr('remove_waiting', 'waiting', 'removed', 'Διαγραφή', 'Remove'),
      tr('remove_offered', 'offered', 'removed', 'Διαγραφή', 'Remove'),
      tr('remove_enrolled', 'enrolled', 'removed', 'Διαγραφή', 'Remove'),
    ],
  },
};

/** The supporting documents; the conditional ones are asked for by the criteria the family claims. */
export const DOCUMENTS = [
  {
    key: 'birth_certificate',
    el: 'Ληξιαρχική πράξη γέννησης ή Πιστοποιητικό Οικογενειακής Κατάστασης (έως 3 μηνών)',
    en: 'Birth certificate or family status certificate (at most 3 months old)',
  },
  {
    key: 'income_statement',
    el: 'Εκκαθαριστικό σημείωμα φόρου εισοδήματος (Ε1) του τελευταίου έτους',
    en: 'Last year’s income tax assessment (E1)',
  },
  { key: 'health_card', el: 'Βιβλιάριο εμβολίων ή βεβαίωση παιδιάτρου', en: 'Vaccination booklet or paediatrician’s certificate' },
  {
    key: 'employment',
    el: 'Βεβαίωση εργοδότη ή ένσημα (μισθωτοί)· έναρξη επιτηδεύματος (ελεύθεροι επαγγελματίες)',
    en: 'Employer’s certificate or social-insurance stamps (employees); business registration (self-employed)',
    optional: true,
  },
  {
    key: 'single_parent_proof',
    el: 'Απόφαση επιμέλειας ή ληξιαρχική πράξη θανάτου γονέα',
    en: 'Custody decision or death certificate of a parent',
    optional: true,
  },
  { key: 'disability_proof', el: 'Γνωμάτευση ΚΕΠΑ (αναπηρία 67% και άνω)', en: 'KEPA disability assessment (67% or more)', optional: true },
  {
    key: 'residence',
    el: 'Αποδεικτικό κατοικίας (λογαριασμός ΔΕΚΟ ή μισθωτήριο)',
    en: 'Proof of address (utility bill or lease)',
    optional: true,
  },
] as const;
export const REQUIRED_DOCUMENTS: string[] = DOCUMENTS.filter((d) => !('optional' in d)).map((d) => d.key);
export const DOCUMENT_KEYS: string[] = DOCUMENTS.map((d) => d.key);

export function nurseryTypeBody(unitId: string | null): TCaseTypeBody {
  const fields: TCaseTypeSnapshot['form']['fields'] = [
    { id: 'applicant', kind: 'person', label: L('Αιτών/ούσα γονέας', 'Applying parent'), parts: ['surname', 'name', 'afm'] },
    { id: 'childName', kind: 'text', label: L('Ονοματεπώνυμο παιδιού', 'Child’s full name'), required: true, maxLength: 200 },
    { id: 'childBirthDate', kind: 'date', label: L('Ημερομηνία γέννησης παιδιού', 'Child’s date of birth'), required: true, range: 'past' },
    {
      id: 'ageGroup',
      kind: 'choice',
      label: L('Τμήμα', 'Group'),
      required: true,
      options: [
        { value: 'infant', label: L('Βρεφικό', 'Infants') },
        { value: 'toddler', label: L('Νηπιακό', 'Toddlers') },
      ],
    },
    { id: 'preferences', kind: 'longText', label: L('Σταθμοί προτίμησης (με σειρά)', 'Preferred nurseries (in order)'), required: true },
    { id: 'points', kind: 'number', label: L('Μόρια', 'Points'), integer: true, min: 0 },
    { id: 'publicCode', kind: 'text', label: L('Κωδικός στην κατάταξη', 'Code in the ranking'), maxLength: 20 },
    ...DOCUMENTS.map((d) => ({
      id: d.key,
      kind: 'files' as const,
      label: L(d.el, d.en),
      allowedKinds: ['document' as const, 'image' as const],
    })),
  ];
  return {
    key: CASE_TYPE_KEY,
    group: 'children',
    icon: 'baby',
    active: true,
    snapshot: {
      nameEl: 'Εγγραφή σε Παιδικό / Βρεφονηπιακό Σταθμό',
      nameEn: 'Nursery enrolment',
      descriptionEl:
        'Αίτηση εγγραφής στους δημοτικούς παιδικούς και βρεφονηπιακούς σταθμούς, στην ετήσια προκήρυξη. Οι αιτήσεις μοριοδοτούνται με τα δημοσιευμένα κριτήρια· η κατάταξη δημοσιεύεται με ανώνυμους κωδικούς.',
      descriptionEn:
        'Application for the municipal nurseries in the annual call. Applications are scored by the published criteria; the ranking is published with anonymous codes.',
      form: { fields },
      requiredDocuments: DOCUMENTS.map((d) => ({ el: d.el, en: d.en, key: d.key, ...('optional' in d ? { optional: true } : {}) })),
      defaultUnitId: unitId,
      routing: [],
      workflowKey: WORKFLOW_KEY,
      slaDays: 30,
      fee: null,
      issuedDocument: null,
      public: true,
      anonymousAllowed: false,
      locationRequired: false,
      identity: 'taxisnet',
      onBehalf: false,
      lifeEvents: ['children'],
      applyPath: '/nursery',
    },
  };
}

/** Creates the workflow and the case type when missing (safe to call again). */
export async function ensureNurseryType(db: DbOrTx, tenantId: string, unitId: string | null) {
  await ensureWorkflow(db, tenantId, NURSERY_WORKFLOW);
  try {
    return await getCaseType(db, tenantId, CASE_TYPE_KEY);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'case_type.not_found')) throw err;
  }
  return createCaseType(db, tenantId, nurseryTypeBody(unitId));
}

const CASE_STATE: Record<TApplicationStatus, string> = {
  submitted: 'submitted',
  admitted: 'offered',
  offered: 'offered',
  accepted: 'enrolled',
  waiting: 'waiting',
  declined: 'declined',
  withdrawn: 'withdrawn',
  removed: 'removed',
};
const _CATEGORY: Record<string, string> = Object.fromEntries(NURSERY_WORKFLOW.definition.states.map((s) => [s.key, s.category]));

/**
 * Moves the application's case to the state of its new status and writes the public timeline event
 * (with the message the family reads), in the caller's transaction.
 */
export async function moveCase(
  tx: DbOrTx,
  ctx: ServiceContext,
  caseId: string,
  status: TApplicationStatus,
  message: { el: string; en: string },
  author: { authorUserId: string | null; authorKind: string },
) {
  const to = CASE_STATE[status];
  await moveCaseToState(null, tx, ctx, caseId, {
    to,
    event: ({ from, changed }) => ({
      kind: changed ? 'transition' : 'nursery',
      public: true,
      body: message.el,
      data: { from, to, nursery: status, messageEl: message.el, messageEn: message.en },
    }),
    author,
    emit: false,
  });
}
