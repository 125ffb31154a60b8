import './events.js';
import type { Platform } from '../../platform/context.js';
import { registerFileAccess } from '../../platform/files/index.js';
import type { ApiPart } from '../../platform/http/app.js';
import type { DomainEvent } from '../../platform/jobs/jobs.js';
import { caseWithSnapshot } from '../cases/index.js';
import './messages.js';
import { issueDocument } from './issue.service.js';
import { documentsRoutes } from './routes.js';
import { warnAboutSigning } from './signing-status.js';
import { isKnownTemplate, type TBodyData } from './templates.js';
import { recipientFileAccess } from './verify.service.js';

/**
 * Issued documents: PDF with the municipality's header, protocol number, QR and verification
 * code, PAdES-signed through the `Signer` port, delivered to the citizen's inbox; public
 * verification and revocation. See README.md.
 */

export { formatCode, normalizeCode } from './codes.js';
export { generateTestP12, type TSignerChoice } from './credentials.service.js';
export { issueDocument, type TIssueDocumentInput, type TIssuedDocument } from './issue.service.js';
export { checkPdfSignature, signPades, type TSignatureCheck } from './pades.js';
export { embedGreekFonts } from './pdf.render.js';
export { LocalP12Signer, type Signer } from './signer.js';
export { TEMPLATES } from './templates.js';

type TSpec = { templateKey?: string; data?: TBodyData; title?: { el: string; en: string }; lang?: 'el' | 'en'; signerUserId?: string };

/**
 * A case's form answers as template data: scalar fields by id, and each person block's parts
 * (surname, name, fatherName, motherName, birthDate, afm, …) at the top level, with `fullName`.
 */
export function templateDataOf(answers: Record<string, unknown>): TBodyData {
  const out: TBodyData = {};
  // The document is about the person it was asked for: `subject` (an application on someone's
  // behalf) before `applicant`, then any other person in form order; the first one's parts win.
  const rank = (k: string) => (k === 'subject' ? 0 : k === 'applicant' ? 1 : 2);
  const entries = Object.entries(answers).sort(([a], [b]) => rank(a) - rank(b));
  for (const [k, v] of entries) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (typeof v === 'boolean') continue;
    else if (typeof v === 'object' && !Array.isArray(v) && ('surname' in v || 'name' in v)) {
      const person = v as Record<string, unknown>;
      for (const [part, value] of Object.entries(person)) if (typeof value === 'string' && !(part in out)) out[part] = value;
      if (!('fullName' in out)) out.fullName = [person.name, person.surname].filter((x) => typeof x === 'string' && x).join(' ');
    }
  }
  return out;
}

/** What to issue for a resolved case: the event's own spec, else the type version the case was filed under. */
async function specOf(platform: Platform, e: DomainEvent): Promise<TSpec | null> {
  const given = e.payload.issuedDocument as TSpec | undefined;
  if (given) return given;
  if (typeof e.payload.caseId !== 'string') return null;
  const found = await caseWithSnapshot(platform.db, e.tenantId, e.payload.caseId);
  const row = found ? { data: found.case.data, snapshot: found.snapshot } : null;
  const promised = row?.snapshot.issuedDocument;
  if (!row || !promised?.templateKey) return null;
  return {
    templateKey: promised.templateKey,
    data: templateDataOf(row.data),
    title: { el: row.snapshot.nameEl, en: row.snapshot.nameEn },
  };
}

/**
 * Issues the document a case type promises when the case reaches a resolved state: from the
 * `case.transitioned` payload's `issuedDocument` when it carries one, otherwise from the
 * `issuedDocument` of the case type version the case was filed under, filled with the case's
 * form answers. Re-runs return the same document.
 */
export async function onCaseTransitioned(platform: Platform, e: DomainEvent) {
  const p = e.payload;
  if (p.category !== 'resolved') return null;
  if (!p.citizenUserId && !p.deviceId) return null;
  if (!p.protocolNumber) return null;
  const spec = await specOf(platform, e);
  if (!spec?.templateKey || !isKnownTemplate(spec.templateKey)) return null;
  return issueDocument(platform, undefined, {
    tenantId: e.tenantId,
    templateKey: spec.templateKey,
    caseId: String(p.caseId),
    protocolNumber: String(p.protocolNumber),
    recipient: { userId: (p.citizenUserId as string) ?? null, deviceId: (p.deviceId as string) ?? null },
    title: spec.title,
    data: spec.data ?? {},
    lang: spec.lang ?? 'el',
    signer: spec.signerUserId ? { kind: 'user', userId: spec.signerUserId } : { kind: 'tenant' },
  });
}

export const documentsApi: ApiPart = {
  name: 'documents',
  plugin: async (app, { platform }) => {
    await documentsRoutes(app, platform);
  },
  setup(platform: Platform) {
    registerFileAccess(recipientFileAccess, { name: 'documents.recipient' });
    // say at start what keeps documents from being signed, instead of failing when a job runs
    warnAboutSigning(platform).catch((err) => platform.log.warn({ err: (err as Error).message }, 'signing check failed'));
    platform.jobs.on('case.transitioned', 'documents.issue-on-approval', async (e) => {
      await onCaseTransitioned(platform, e);
    });
  },
};
