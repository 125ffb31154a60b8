import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import { users } from '../../platform/identity/identity.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { addEvent, caseTypeVersionSnapshot, loadCase, type TCaseTypeSnapshot, type TSubmitCheck } from '../cases/index.js';
import { fieldLabel, isValidAfm, personParts, showIfHolds, type TFormField } from '../forms/index.js';
import { catalogueType } from './catalogue.js';
import type { CivilRegistryPort, TRegistryAnswer, TRegistryPerson } from './civil-registry.js';

/**
 * Once-only (Μητρώο Πολιτών): prefilling the applicant from the registry, waiving the documents it
 * holds, refusing submissions that lack an authorisation or a document, and telling staff on the
 * case's timeline what was fetched αυτεπάγγελτα.
 */

let port: CivilRegistryPort = { lookupByAfm: async () => ({ answered: false, reason: 'unavailable' }) };
/** The port every lookup goes through (set from the configuration at start; tests may set their own). */
export function setCivilRegistry(p: CivilRegistryPort) {
  port = p;
}
export function currentCivilRegistry() {
  return port;
}

type TDocument = TCaseTypeSnapshot['requiredDocuments'][number];

const filesIn = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** A document whose file field is hidden by its condition (e.g. a church divorce for a civil marriage) is not asked for. */
function shown(snapshot: TCaseTypeSnapshot, key: string, data: Record<string, unknown>) {
  const f = snapshot.form.fields.find((x) => x.id === key);
  if (f?.kind !== 'files') return false;
  return !f.showIf || showIfHolds(f.showIf, data[f.showIf.field]);
}

/** The documents the registry replaces when it answered for the person. */
export function waivedBy(snapshot: TCaseTypeSnapshot, answer: TRegistryAnswer): string[] {
  if (!answer.answered) return [];
  return snapshot.requiredDocuments
    .filter((d): d is TDocument & { key: string; registry: string } => Boolean(d.key && d.registry))
    .filter((d) => (answer.person.records as string[]).includes(d.registry))
    .map((d) => d.key);
}

/** The signed-in citizen's ΑΦΜ, known only from a TaxisNet log-in. */
async function taxisnetAfm(db: DbOrTx, tenantId: string, userId: string | null | undefined) {
  if (!userId) return null;
  const [u] = await db
    .select({ afm: users.afm, at: users.taxisnetVerifiedAt })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.kind, 'citizen')));
  return u?.afm && u.at ? u.afm : null;
}

async function tenantSlug(db: DbOrTx, tenantId: string) {
  const [row] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.slug ?? tenantId;
}

/** The form's values the registry's person fills in: the applicant block and the few plain fields named like its data. */
function prefillValues(snapshot: TCaseTypeSnapshot, person: TRegistryPerson) {
  const values: Record<string, unknown> = {};
  const applicant = snapshot.form.fields.find(
    (f): f is Extract<TFormField, { kind: 'person' }> => f.id === 'applicant' && f.kind === 'person',
  );
  if (applicant) {
    const { asked } = personParts(applicant);
    const parts: Record<string, string> = {
      surname: person.surname,
      name: person.name,
      fatherName: person.fatherName,
      motherName: person.motherName,
      ...(person.birthDate ? { birthDate: person.birthDate } : {}),
      ...(isValidAfm(person.afm) ? { afm: person.afm } : {}),
    };
    values.applicant = Object.fromEntries(Object.entries(parts).filter(([k, v]) => v && (asked as string[]).includes(k)));
  }
  const has = (id: string) => snapshot.form.fields.some((f) => f.id === id && f.kind === 'text');
  if (person.birthPlace && has('birthPlace')) values.birthPlace = person.birthPlace;
  if (person.familyRecordNumber && has('registryNumber')) values.registryNumber = person.familyRecordNumber;
  return values;
}

/** GET /api/eservices/services/:key/prefill */
export async function prefill(platform: Platform, req: FastifyRequest, key: string) {
  const type = await catalogueType(platform.db, req.tenant.id, key);
  const none = { source: 'civil-registry' as const, answered: false, values: {}, waived: [] as string[] };
  const actor = req.actor;
  if (actor.kind !== 'citizen' || !actor.taxisnet) return none;
  const afm = await taxisnetAfm(platform.db, req.tenant.id, actor.userId);
  if (!afm) return none;
  const answer = await port.lookupByAfm(afm, {
    unit: await tenantSlug(platform.db, req.tenant.id),
    userId: actor.userId,
    protocol: `prefill:${type.key}`,
    ip: req.ip,
  });
  if (!answer.answered) return none;
  return {
    source: 'civil-registry' as const,
    answered: true,
    values: prefillValues(type.snapshot, answer.person),
    waived: waivedBy(type.snapshot, answer),
  };
}

/**
 * The submit check of every type with an on-behalf block or keyed documents. Citizens: an
 * application for someone else needs the authorisation file; each keyed, non-optional, shown
 * document needs a file unless the registry holds it for the (TaxisNet) applicant applying for
 * themselves. Staff intake is not asked for papers (the counter sees them).
 */
export const onceOnlyCheck: TSubmitCheck = async (db, req, { snapshot, data, intake }) => {
  if (intake) return;
  const fields: FieldError[] = [];
  const forOther = snapshot.onBehalf && data.onBehalf === true;
  if (forOther && filesIn(data.authorisation).length === 0) {
    fields.push({ field: 'data.authorisation', code: 'eservices.authorisation_required' });
  }
  const missing = snapshot.requiredDocuments.filter(
    (d): d is TDocument & { key: string } =>
      Boolean(d.key) && !d.optional && shown(snapshot, d.key as string, data) && filesIn(data[d.key as string]).length === 0,
  );
  let waived: string[] = [];
  if (missing.some((d) => d.registry) && !forOther && req.actor.kind === 'citizen' && req.actor.taxisnet) {
    const afm = await taxisnetAfm(db, req.tenant.id, req.actor.userId);
    if (afm) {
      const answer = await port.lookupByAfm(afm, {
        unit: await tenantSlug(db, req.tenant.id),
        userId: req.actor.userId,
        protocol: 'submission',
        ip: req.ip,
      });
      waived = waivedBy(snapshot, answer);
    }
  }
  for (const d of missing) if (!waived.includes(d.key)) fields.push({ field: `data.${d.key}`, code: 'eservices.document_required' });
  if (fields.length) {
    throw new AppError(
      'validation.failed',
      400,
      {},
      fields.map((f) => ({ ...f, message: t(req.lang, f.code, { field: fieldLabel(snapshot.form, f.field.slice(5), req.lang) }) })),
    );
  }
};

const RECORD_NAMES: Record<string, string> = {
  'birth-act': 'ληξιαρχική πράξη γέννησης',
  'marriage-act': 'ληξιαρχική πράξη γάμου',
  'death-act': 'ληξιαρχική πράξη θανάτου',
  'partnership-act': 'ληξιαρχική πράξη συμφώνου συμβίωσης',
  'family-record': 'οικογενειακή μερίδα (πιστοποιητικό οικογενειακής κατάστασης)',
  'military-register': 'εγγραφή στο Μητρώο Αρρένων',
};

/**
 * After `case.submitted`: for a type with registry documents, asks the registry for the person
 * (the TaxisNet citizen applying for themselves, or the ΑΦΜ in the applicant block of a counter
 * intake) and notes on the staff timeline what the Μητρώο Πολιτών holds, so staff fetch it
 * αυτεπάγγελτα instead of asking the citizen. An internal note; the citizen does not see it.
 */
export async function noteRegistryRecords(platform: Platform, tenantId: string, caseId: string) {
  const { db } = platform;
  const c = await loadCase(db, tenantId, caseId);
  const snapshot = await caseTypeVersionSnapshot(db, tenantId, c.caseTypeVersionId);
  if (!snapshot) return null;
  const data = (c.data ?? {}) as Record<string, unknown>;
  const registryDocs = (snapshot.requiredDocuments ?? []).filter((d) => d.key && d.registry && shown(snapshot, d.key, data));
  if (!registryDocs.length || data.onBehalf === true) return null;
  let afm: string | null = null;
  if (c.intakeUserId) {
    const a = (data.applicant as Record<string, unknown> | undefined)?.afm;
    afm = typeof a === 'string' && isValidAfm(a) ? a : null;
  } else afm = await taxisnetAfm(db, tenantId, c.citizenUserId);
  if (!afm) return null;
  const answer = await port.lookupByAfm(afm, {
    unit: await tenantSlug(db, tenantId),
    userId: c.intakeUserId ?? 'system',
    protocol: c.protocolNumber ?? c.id,
  });
  const waived = answer.answered ? waivedBy(snapshot, answer) : [];
  const held = registryDocs.filter((d) => waived.includes(d.key as string));
  const records = held.map((d) => d.registry as string);
  const body = answer.answered
    ? held.length
      ? `Ανακτήθηκαν αυτεπάγγελτα από το Μητρώο Πολιτών: ${held.map((d) => RECORD_NAMES[d.registry as string] ?? d.el).join(', ')}.`
      : 'Το Μητρώο Πολιτών απάντησε, αλλά δεν τηρεί τα σχετικά έγγραφα· ελέγξτε τα δικαιολογητικά της αίτησης.'
    : answer.reason === 'not_found'
      ? 'Το Μητρώο Πολιτών δεν βρήκε εγγραφή για τον ΑΦΜ του αιτούντος· ελέγξτε τα δικαιολογητικά της αίτησης.'
      : 'Το Μητρώο Πολιτών δεν ήταν διαθέσιμο· ελέγξτε τα δικαιολογητικά της αίτησης.';
  await addEvent(db, c, {
    kind: 'note',
    public: false,
    body,
    data: { source: 'civil-registry', answered: answer.answered, ...(answer.answered ? {} : { reason: answer.reason }), records, waived },
    authorKind: 'system',
  });
  return { answered: answer.answered, records, waived };
}
