import type { Platform } from '../../platform/context.js';
import { registerFileAccess } from '../../platform/files/index.js';
import type { ApiPart } from '../../platform/http/app.js';
import type { DomainEvent } from '../../platform/jobs/jobs.js';
import './messages.js';
import { issueDocument } from './issue.service.js';
import { documentsRoutes } from './routes.js';
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

/**
 * Issues the document a case type promises when the case reaches a resolved state. The case
 * engine's `case.transitioned` payload must carry `issuedDocument: {templateKey, data?, title?,
 * unitName?, lang?, signerUserId?}` for this to act (cases emits it from the type's
 * `issuedDocument` snapshot); otherwise the event is ignored. Re-runs return the same document.
 */
export async function onCaseTransitioned(platform: Platform, e: DomainEvent) {
  const p = e.payload;
  const spec = p.issuedDocument as
    | { templateKey?: string; data?: TBodyData; title?: { el: string; en: string }; lang?: 'el' | 'en'; signerUserId?: string }
    | undefined;
  if (p.category !== 'resolved' || !spec?.templateKey || !isKnownTemplate(spec.templateKey)) return null;
  if (!p.citizenUserId && !p.deviceId) return null;
  if (!p.protocolNumber) return null;
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
    platform.jobs.on('case.transitioned', 'documents.issue-on-approval', async (e) => {
      await onCaseTransitioned(platform, e);
    });
  },
};
