import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { files } from '../../platform/files/files.schema.js';
import { devices, users } from '../../platform/identity/identity.schema.js';

/**
 * Signing credentials: a PKCS#12 (key + certificate chain) per municipality (owner null) or per
 * employee. The bytes are re-wrapped under the server passphrase (SIGNING_P12_PASSPHRASE) when
 * stored, so a database dump alone does not give the key; no API ever returns them.
 */
export const signingCredentials = pgTable(
  'signing_credentials',
  {
    id: id(),
    tenantId: tenantId(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    serial: text('serial').notNull(),
    notBefore: ts('not_before').notNull(),
    notAfter: ts('not_after').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    /** base64 PKCS#12, encrypted with the server passphrase. Secret: never in responses or logs. */
    p12: text('p12').notNull(),
    /** Generated for development/tests: a self-signed certificate, not a qualified one. */
    selfSigned: boolean('self_signed').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('signing_credentials_owner_idx').on(t.tenantId, t.ownerUserId)],
);

export type TDocumentTitle = { el: string; en: string };

/** One issued document: the signed PDF (a `files` row), its fingerprint and its verification code. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    tenantId: tenantId(),
    /** The case it was issued for (cases module, by id). */
    caseId: uuid('case_id'),
    templateKey: text('template_key').notNull(),
    title: jsonb('title').$type<TDocumentTitle>().notNull(),
    protocolNumber: text('protocol_number').notNull(),
    lang: text('lang', { enum: ['el', 'en'] })
      .notNull()
      .default('el'),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    recipientDeviceId: uuid('recipient_device_id').references(() => devices.id, { onDelete: 'set null' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    /** SHA-256 (hex) of the signed PDF bytes as issued. */
    sha256: text('sha256').notNull(),
    /** 10 characters of an unambiguous alphabet, stored without the dashes. */
    code: text('code').notNull(),
    issuedAt: ts('issued_at').notNull().defaultNow(),
    signerKind: text('signer_kind', { enum: ['tenant', 'user'] }).notNull(),
    signerUserId: uuid('signer_user_id').references(() => users.id, { onDelete: 'set null' }),
    signerName: text('signer_name').notNull(),
    credentialId: uuid('credential_id').references(() => signingCredentials.id, { onDelete: 'set null' }),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('documents_code_uq').on(t.tenantId, t.code),
    index('documents_case_idx').on(t.tenantId, t.caseId),
    index('documents_file_idx').on(t.tenantId, t.fileId),
    index('documents_recipient_idx').on(t.tenantId, t.recipientUserId).where(sql`recipient_user_id is not null`),
  ],
);

export type TDocumentRow = typeof documents.$inferSelect;
export type TSigningCredentialRow = typeof signingCredentials.$inferSelect;
