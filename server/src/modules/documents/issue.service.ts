import { and, eq, isNull } from 'drizzle-orm';
import { publicOrigin } from '../../platform/config/public-url.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { files } from '../../platform/files/files.schema.js';
import { prepareUpload } from '../../platform/files/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { notify } from '../notify/index.js';
import { formatCode, newVerificationCode } from './codes.js';
import { signerFor, type TSignerChoice } from './credentials.service.js';
import { formatDate, renderDocumentPdf } from './pdf.render.js';
import { documents, type TDocumentRow, type TDocumentTitle } from './schema.js';
import { isKnownTemplate, renderParagraphs, type TBodyData, TEMPLATES } from './templates.js';

export type TIssueDocumentInput = {
  tenantId: string;
  templateKey: string;
  caseId?: string | null;
  protocolNumber: string;
  recipient: { userId?: string | null; deviceId?: string | null };
  /** Defaults to the template's title. */
  title?: TDocumentTitle;
  data: TBodyData;
  lang?: Lang;
  signer: TSignerChoice;
  /** The issuing unit, printed under the municipality's name. */
  unitName?: TDocumentTitle | null;
  /** Base of the verification link; else the tenant's configured public address (first host, or PUBLIC_URL). */
  origin?: string;
};

export type TIssuedDocument = TDocumentRow & { codeFormatted: string; verifyUrl: string };

type TTenantDocSettings = { region?: string; prefecture?: string; regionEn?: string; prefectureEn?: string };

function headerLines(
  tenant: { nameEl: string; nameEn: string; settings: Record<string, unknown> },
  unit: TDocumentTitle | null | undefined,
  lang: Lang,
) {
  const s = (tenant.settings.documents ?? {}) as TTenantDocSettings;
  const el = lang === 'el';
  const lines = [el ? 'ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ' : 'HELLENIC REPUBLIC'];
  const region = el ? s.region : (s.regionEn ?? s.region);
  const prefecture = el ? s.prefecture : (s.prefectureEn ?? s.prefecture);
  if (region) lines.push(region);
  if (prefecture) lines.push(prefecture);
  lines.push(el ? tenant.nameEl : tenant.nameEn);
  if (unit) lines.push(el ? unit.el : unit.en);
  return lines;
}

/** The municipality's configured public address (its first host, or PUBLIC_URL): what the QR code and the printed link carry. */
export function verifyBase(platform: Platform, tenant: { hosts: string[] }, origin?: string) {
  const base = origin ?? publicOrigin(platform.cfg, tenant);
  return base.replace(/\/+$/, '');
}

async function unusedCode(db: DbOrTx, tenantId: string) {
  for (;;) {
    const code = newVerificationCode();
    const [taken] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.tenantId, tenantId), eq(documents.code, code)));
    if (!taken) return code;
  }
}

/**
 * Generates, signs, stores and delivers one document. The PDF is a private file owned by the
 * recipient; the `documents` row keeps the SHA-256 of the signed bytes and the verification
 * code. Pass `tx` to make the issuance part of a caller's transaction (the blob itself is
 * written first: a blob no row points to is harmless). For a case, issuing twice gives back
 * the first unrevoked document of that template.
 */
export async function issueDocument(platform: Platform, tx: Tx | undefined, input: TIssueDocumentInput): Promise<TIssuedDocument> {
  if (!tx) return platform.db.transaction((t) => issueDocument(platform, t, input));
  const { tenantId } = input;
  const lang: Lang = input.lang ?? 'el';
  if (!isKnownTemplate(input.templateKey))
    throw new AppError('validation.failed', 400, {}, [{ field: 'templateKey', code: 'document.template_unknown' }]);
  if (!input.recipient.userId && !input.recipient.deviceId)
    throw new AppError('validation.failed', 400, {}, [{ field: 'recipient', code: 'document.recipient_required' }]);
  if (!input.protocolNumber.trim())
    throw new AppError('validation.failed', 400, {}, [{ field: 'protocolNumber', code: 'validation.required' }]);

  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError('tenant.not_found', 404);
  if (input.caseId) {
    const [existing] = await tx
      .select()
      .from(documents)
      .where(
        and(
          eq(documents.tenantId, tenantId),
          eq(documents.caseId, input.caseId),
          eq(documents.templateKey, input.templateKey),
          isNull(documents.revokedAt),
        ),
      );
    if (existing) return withLinks(platform, tenant, existing, input.origin);
  }

  const tpl = TEMPLATES[input.templateKey] as (typeof TEMPLATES)[string];
  const title: TDocumentTitle = input.title ?? { el: tpl.title.el, en: tpl.title.en };
  const { signer, credentialId, signerName } = await signerFor(platform, tx, tenantId, input.signer);
  const code = await unusedCode(tx, tenantId);
  const issuedAt = new Date();
  const verifyUrl = `${verifyBase(platform, tenant, input.origin)}/verify/${formatCode(code)}`;

  const unsigned = await renderDocumentPdf({
    lang,
    headerLines: headerLines(tenant, input.unitName, lang),
    title: lang === 'el' ? title.el : title.en,
    paragraphs: renderParagraphs(input.templateKey, input.data, lang),
    protocolNumber: input.protocolNumber,
    issuedAt,
    verificationCode: formatCode(code),
    verifyUrl,
    signerName,
  });
  const signed = await signer.sign(unsigned, {
    reason: `${lang === 'el' ? title.el : title.en} — ${input.protocolNumber}`,
    location: lang === 'el' ? tenant.nameEl : tenant.nameEn,
    contactInfo: verifyUrl,
    signingTime: issuedAt,
  });

  // The files area checks the bytes like any upload (a PDF without active content) and hashes them.
  const fileName = `${input.templateKey}-${input.protocolNumber.replace(/[^\p{L}\p{N}]+/gu, '-')}.pdf`;
  const prepared = await prepareUpload(platform.cfg, { buffer: signed, filename: fileName, allowedKinds: ['document'] });
  await platform.files.put(prepared.sha256, prepared.bytes, prepared.mime);
  const [file] = await tx
    .insert(files)
    .values({
      tenantId,
      sha256: prepared.sha256,
      size: prepared.bytes.length,
      mime: prepared.mime,
      kind: prepared.kind,
      originalName: prepared.name,
      visibility: 'private',
      ownerUserId: input.recipient.userId ?? null,
      ownerDeviceId: input.recipient.deviceId ?? null,
    })
    .returning({ id: files.id });
  if (!file) throw new Error('file insert failed');

  const [row] = await tx
    .insert(documents)
    .values({
      tenantId,
      caseId: input.caseId ?? null,
      templateKey: input.templateKey,
      title,
      protocolNumber: input.protocolNumber,
      lang,
      recipientUserId: input.recipient.userId ?? null,
      recipientDeviceId: input.recipient.deviceId ?? null,
      fileId: file.id,
      sha256: prepared.sha256,
      code,
      issuedAt,
      signerKind: input.signer.kind,
      signerUserId: input.signer.kind === 'user' ? input.signer.userId : null,
      signerName,
      credentialId,
    })
    .returning();
  if (!row) throw new Error('document insert failed');

  const eventPayload = {
    documentId: row.id,
    caseId: row.caseId,
    fileId: row.fileId,
    templateKey: row.templateKey,
    title,
    protocolNumber: row.protocolNumber,
    code: formatCode(code),
    verifyUrl,
    recipientUserId: row.recipientUserId,
    recipientDeviceId: row.recipientDeviceId,
    // Kept for listeners written against the case events' field names.
    citizenUserId: row.recipientUserId,
    deviceId: row.recipientDeviceId,
  };
  await platform.jobs.emit(tx, tenantId, 'document.issued', eventPayload);
  // The citizen's in-app inbox, with the SMS/e-mail/push notice their preferences allow.
  await notify(tx, {
    tenantId,
    recipients: [{ userId: row.recipientUserId, deviceId: row.recipientDeviceId }],
    subject: { el: `Εκδόθηκε: ${title.el}`, en: `Issued: ${title.en}` },
    text: {
      el: `Το έγγραφο «${title.el}» (αρ. πρωτ. ${row.protocolNumber}, ${formatDate(issuedAt, 'el')}) εκδόθηκε με ψηφιακή υπογραφή και βρίσκεται στα έγγραφά σας. Κωδικός επαλήθευσης: ${formatCode(code)}.`,
      en: `The document "${title.en}" (ref. ${row.protocolNumber}, ${formatDate(issuedAt, 'en')}) has been issued with a digital signature and is in your documents. Verification code: ${formatCode(code)}.`,
    },
    data: eventPayload,
    url: `/api/files/${row.fileId}`,
    channels: ['inapp', 'push', 'email', 'sms'],
    source: 'event',
    dedupeKey: `document.issued:${row.id}`,
  });
  return withLinks(platform, tenant, row, input.origin);
}

function withLinks(platform: Platform, tenant: { hosts: string[] }, row: TDocumentRow, origin?: string): TIssuedDocument {
  const codeFormatted = formatCode(row.code);
  return { ...row, codeFormatted, verifyUrl: `${verifyBase(platform, tenant, origin)}/verify/${codeFormatted}` };
}
