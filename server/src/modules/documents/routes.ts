import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { t } from '../../platform/i18n/i18n.js';
import { requestContext } from '../../platform/service-context.js';
import { formatCode } from './codes.js';
import { listCredentials, uploadCredential } from './credentials.service.js';
import type { TDocumentRow } from './schema.js';
import { signingProblems } from './signing-status.js';
import { myDocuments, revokeDocument, verifyByCode, verifyFile } from './verify.service.js';

const ZError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string().optional() })).optional(),
});
const ZText = z.object({ el: z.string(), en: z.string() });
const ZCodeParams = z.object({ code: z.string().min(1).max(40) });

export const ZVerification = z.object({
  code: z.string(),
  issuer: ZText,
  title: ZText,
  protocolNumber: z.string(),
  issuedAt: z.string(),
  signerName: z.string(),
  sha256: z.string(),
  revoked: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export const ZFileVerification = ZVerification.extend({
  matches: z.boolean(),
  signature: z.object({
    present: z.boolean(),
    coversWholeFile: z.boolean(),
    intact: z.boolean(),
    subFilter: z.string().nullable(),
    signer: z.string().nullable(),
  }),
  valid: z.boolean(),
});

export const ZDocumentView = z.object({
  id: z.uuid(),
  caseId: z.uuid().nullable(),
  templateKey: z.string(),
  title: ZText,
  protocolNumber: z.string(),
  fileId: z.uuid(),
  code: z.string(),
  issuedAt: z.string(),
  signerName: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export const toDocumentView = (r: TDocumentRow) => ({
  id: r.id,
  caseId: r.caseId,
  templateKey: r.templateKey,
  title: r.title,
  protocolNumber: r.protocolNumber,
  fileId: r.fileId,
  code: formatCode(r.code),
  issuedAt: r.issuedAt.toISOString(),
  signerName: r.signerName,
  revokedAt: r.revokedAt?.toISOString() ?? null,
  revokeReason: r.revokeReason,
});

const ZCredentialView = z.object({
  id: z.uuid(),
  ownerUserId: z.uuid().nullable(),
  label: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  selfSigned: z.boolean(),
  active: z.boolean(),
});
type TCredentialMeta = Omit<z.infer<typeof ZCredentialView>, 'notBefore' | 'notAfter'> & { notBefore: Date; notAfter: Date };
const credentialView = (c: TCredentialMeta) => ({
  id: c.id,
  ownerUserId: c.ownerUserId,
  label: c.label,
  subject: c.subject,
  issuer: c.issuer,
  serial: c.serial,
  notBefore: c.notBefore.toISOString(),
  notAfter: c.notAfter.toISOString(),
  selfSigned: c.selfSigned,
  active: c.active,
});

const PDF_LIMIT = 25 * 1024 * 1024;

/** The PDF to check: a raw application/pdf body or the first file of a multipart form. */
async function uploadedPdf(req: FastifyRequest): Promise<Buffer> {
  if (Buffer.isBuffer(req.body) && req.body.length) return req.body;
  if (req.isMultipart()) {
    const part = await req.file({ limits: { fileSize: PDF_LIMIT } });
    if (part) {
      const bytes = await part.toBuffer();
      if (bytes.length) return bytes;
    }
  }
  throw new AppError('validation.failed', 400, {}, [{ field: 'file', code: 'document.file_required' }]);
}

export async function documentsRoutes(app: App, platform: Platform) {
  const { db } = platform;
  await app.register(multipart, { limits: { files: 1, fileSize: PDF_LIMIT } });
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: PDF_LIMIT }, (_req, body, done) => done(null, body));

  app.get(
    '/api/documents/verify/:code',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'Verify an issued document by its code (as typed or from the QR code)',
        params: ZCodeParams,
        response: { 200: ZVerification, 404: ZError },
      },
    },
    async (req) => verifyByCode(db, req.tenant.id, req.params.code),
  );

  app.post(
    '/api/documents/verify/:code/file',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      bodyLimit: PDF_LIMIT,
      schema: {
        tags: ['documents'],
        summary: 'Check a PDF against an issued document: same bytes, intact signature (raw application/pdf or multipart)',
        params: ZCodeParams,
        response: { 200: ZFileVerification, 400: ZError, 404: ZError },
      },
    },
    async (req) => verifyFile(db, req.tenant.id, req.params.code, await uploadedPdf(req)),
  );

  app.get(
    '/api/my/documents',
    {
      config: { access: 'device' },
      schema: {
        tags: ['documents'],
        summary: 'Documents issued to me (download each with GET /api/files/:fileId)',
        response: { 200: z.array(ZDocumentView) },
      },
    },
    async (req) => (await myDocuments(db, req.tenant.id, req.actor)).map(toDocumentView),
  );

  app.post(
    '/api/documents/:id/revoke',
    {
      config: { access: 'perm:documents.revoke' },
      schema: {
        tags: ['documents'],
        summary: 'Revoke an issued document; the verification page shows it as revoked with the reason',
        params: z.object({ id: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(3).max(1000) }),
        response: { 200: ZDocumentView, 404: ZError, 409: ZError },
      },
    },
    async (req) => toDocumentView(await revokeDocument(platform, requestContext(req), req.params.id, req.body.reason)),
  );

  app.get(
    '/api/admin/signing-status',
    {
      config: { access: 'perm:documents.sign_keys' },
      schema: {
        tags: ['documents'],
        summary: 'Whether this municipality can sign documents; each problem names what to configure (el/en by Accept-Language)',
        response: {
          200: z.object({ ready: z.boolean(), problems: z.array(z.object({ code: z.string(), message: z.string() })) }),
        },
      },
    },
    async (req) => {
      const problems = await signingProblems(platform, req.tenant.id);
      return { ready: problems.length === 0, problems: problems.map((code) => ({ code, message: t(req.lang, code) })) };
    },
  );

  app.get(
    '/api/admin/signing-credentials',
    {
      config: { access: 'perm:documents.sign_keys' },
      schema: {
        tags: ['documents'],
        summary: 'Installed signing certificates (never the keys)',
        response: { 200: z.array(ZCredentialView) },
      },
    },
    async (req) => (await listCredentials(db, req.tenant.id)).map(credentialView),
  );

  app.post(
    '/api/admin/signing-credentials',
    {
      config: { access: 'perm:documents.sign_keys' },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['documents'],
        summary: "Install a PKCS#12: the municipality's (no ownerUserId) or an employee's own; replaces that owner's previous key",
        body: z.object({
          p12Base64: z.string().min(16).max(700_000),
          passphrase: z.string().max(500),
          label: z.string().trim().min(1).max(200),
          ownerUserId: z.uuid().nullable().optional(),
        }),
        response: { 201: ZCredentialView, 400: ZError },
      },
    },
    async (req, reply) => {
      const row = await uploadCredential(platform, requestContext(req), req.body);
      return reply.code(201).send(credentialView(row));
    },
  );
}
