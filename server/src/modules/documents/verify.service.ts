import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { formatCode, normalizeCode } from './codes.js';
import { checkPdfSignature } from './pades.js';
import { documents, type TDocumentRow } from './schema.js';

async function byCode(db: DbOrTx, tenantId: string, rawCode: string): Promise<TDocumentRow> {
  const code = normalizeCode(rawCode);
  if (!code) throw new AppError('document.not_found', 404);
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.code, code)));
  if (!row) throw new AppError('document.not_found', 404);
  return row;
}

/** What the public verification page shows: enough to trust the paper, nothing about the recipient. */
export async function verifyByCode(db: DbOrTx, tenantId: string, rawCode: string) {
  const row = await byCode(db, tenantId, rawCode);
  const [tenant] = await db.select({ nameEl: tenants.nameEl, nameEn: tenants.nameEn }).from(tenants).where(eq(tenants.id, tenantId));
  return {
    code: formatCode(row.code),
    issuer: { el: tenant?.nameEl ?? '', en: tenant?.nameEn ?? '' },
    title: row.title,
    protocolNumber: row.protocolNumber,
    issuedAt: row.issuedAt.toISOString(),
    signerName: row.signerName,
    sha256: row.sha256,
    revoked: row.revokedAt ? { at: row.revokedAt.toISOString(), reason: row.revokeReason ?? '' } : null,
  };
}

/** A file someone holds: is it byte-for-byte the issued one, and is its signature intact on its own? */
export async function verifyFile(db: DbOrTx, tenantId: string, rawCode: string, bytes: Buffer) {
  const doc = await verifyByCode(db, tenantId, rawCode);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sig = checkPdfSignature(bytes);
  return {
    ...doc,
    matches: sha256 === doc.sha256,
    signature: {
      present: sig.present,
      coversWholeFile: sig.coversWholeFile,
      intact: sig.intact,
      subFilter: sig.subFilter,
      signer: sig.signerSubject,
    },
    valid: sha256 === doc.sha256 && sig.intact && !doc.revoked,
  };
}

export async function revokeDocument(platform: Platform, ctx: ServiceContext, id: string, reason: string) {
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.tenantId, ctx.tenant.id), eq(documents.id, id)))
      .for('update');
    if (!row) throw new AppError('document.not_found', 404);
    if (row.revokedAt) throw new AppError('document.already_revoked', 409);
    const actorId = 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null;
    const [updated] = await tx
      .update(documents)
      .set({ revokedAt: new Date(), revokedBy: actorId, revokeReason: reason })
      .where(eq(documents.id, id))
      .returning();
    await audit(tx, ctx, { action: 'documents.revoke', entity: 'document', entityId: id, data: { reason, caseId: row.caseId } });
    await platform.jobs.emit(tx, ctx.tenant.id, 'document.revoked', {
      documentId: id,
      caseId: row.caseId,
      reason,
      recipientUserId: row.recipientUserId,
      recipientDeviceId: row.recipientDeviceId,
    });
    return updated as TDocumentRow;
  });
}

/** The recipient may read the file of a document issued to them (by account or by any of their devices). */
export async function recipientFileAccess(actor: Actor, fileId: string, tenantId: string, db: DbOrTx): Promise<boolean> {
  if (actor.kind === 'anonymous') return false;
  const rows = await db
    .select({ userId: documents.recipientUserId, deviceId: documents.recipientDeviceId })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.fileId, fileId)));
  if (!rows.length) return false;
  const userId = 'userId' in actor ? actor.userId : undefined;
  const devices = await deviceIdsOf(db, tenantId, actor);
  return rows.some((r) => (userId && r.userId === userId) || (r.deviceId && devices.includes(r.deviceId)));
}

/** Documents issued to the caller, newest first. */
export async function myDocuments(db: DbOrTx, tenantId: string, actor: Actor) {
  const userId = 'userId' in actor ? actor.userId : undefined;
  const devices = await deviceIdsOf(db, tenantId, actor);
  const mine = [
    ...(userId ? [eq(documents.recipientUserId, userId)] : []),
    ...(devices.length ? [inArray(documents.recipientDeviceId, devices)] : []),
  ];
  if (!mine.length) return [];
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), or(...mine)))
    .orderBy(desc(documents.issuedAt))
    .limit(200);
}
