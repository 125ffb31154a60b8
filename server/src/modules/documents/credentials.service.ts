import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import forge from 'node-forge';
import { audit } from '../../platform/audit/audit.js';
import { isDev } from '../../platform/config/config.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { signingCredentials, type TSigningCredentialRow } from './schema.js';
import { LocalP12Signer, nameOf, openP12, type Signer, type TP12Contents, wrapP12 } from './signer.js';

/**
 * Signing keys per tenant: the municipality's (owner null) and employees' own. Stored as a
 * PKCS#12 re-wrapped under the server passphrase `SIGNING_P12_PASSPHRASE` (required in
 * production; a fixed development value otherwise), so the database alone does not yield the
 * key. In development and tests a self-signed certificate is generated on first use.
 */

const DEV_PASSPHRASE = 'dimos-development-only-signing-passphrase';

function serverPassphrase(platform: Platform): string {
  const fromEnv = process.env.SIGNING_P12_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (isDev(platform.cfg)) return DEV_PASSPHRASE;
  throw new AppError('document.signing_unconfigured', 503);
}

/** Opening a PKCS#12 costs a PBKDF2 in JavaScript: keep the opened ones (few: one per signer). */
const opened = new Map<string, TP12Contents>();

function open(platform: Platform, row: TSigningCredentialRow): TP12Contents {
  const hit = opened.get(row.id);
  if (hit) return hit;
  const contents = openP12(Buffer.from(row.p12, 'base64'), serverPassphrase(platform));
  if (opened.size > 200) opened.clear();
  opened.set(row.id, contents);
  return contents;
}

function metaOf(contents: TP12Contents) {
  const cert = contents.chain[0] as forge.pki.Certificate;
  return {
    subject: nameOf(cert.subject.attributes),
    issuer: nameOf(cert.issuer.attributes),
    serial: cert.serialNumber,
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    certificatePem: contents.chain.map((c) => forge.pki.certificateToPem(c)).join(''),
  };
}

/** A self-signed certificate for development, clearly marked as a test one in its name. */
export function generateTestP12(commonName: string, organization: string): TP12Contents {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3 * 365 * 24 * 3600 * 1000);
  const attrs = [
    { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: organization, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'GR' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { key, chain: [cert] };
}

async function activeCredential(db: DbOrTx, tenantId: string, ownerUserId: string | null) {
  const [row] = await db
    .select()
    .from(signingCredentials)
    .where(
      and(
        eq(signingCredentials.tenantId, tenantId),
        ownerUserId ? eq(signingCredentials.ownerUserId, ownerUserId) : isNull(signingCredentials.ownerUserId),
        eq(signingCredentials.active, true),
      ),
    )
    .orderBy(desc(signingCredentials.createdAt))
    .limit(1);
  return row ?? null;
}

export type TSignerChoice = { kind: 'tenant' } | { kind: 'user'; userId: string };

/**
 * The signer for a document: the chosen credential, or (development and tests only) a freshly
 * generated self-signed one. Production without a credential is an error, never a silent test key.
 */
export async function signerFor(
  platform: Platform,
  db: DbOrTx,
  tenantId: string,
  choice: TSignerChoice,
): Promise<{ signer: Signer; credentialId: string; signerName: string }> {
  const ownerUserId = choice.kind === 'user' ? choice.userId : null;
  let row = await activeCredential(db, tenantId, ownerUserId);
  const [tenant] = await db.select({ nameEl: tenants.nameEl }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError('tenant.not_found', 404);
  let personName: string | null = null;
  if (ownerUserId) {
    const [u] = await db
      .select({ given: users.givenName, family: users.familyName, email: users.email })
      .from(users)
      .where(and(eq(users.id, ownerUserId), eq(users.tenantId, tenantId)));
    if (!u) throw new AppError('document.signer_unknown', 400);
    personName = [u.given, u.family].filter(Boolean).join(' ') || u.email || ownerUserId;
  }
  if (!row) {
    if (!isDev(platform.cfg)) throw new AppError('document.no_signing_key', 409);
    const cn = personName ? `${personName} — ${tenant.nameEl} (δοκιμαστικό)` : `${tenant.nameEl} (δοκιμαστικό)`;
    const contents = generateTestP12(cn, tenant.nameEl);
    row = await insertCredential(platform, db, tenantId, ownerUserId, `${cn}`, contents, true);
  }
  const signer = new LocalP12Signer(open(platform, row), tenant.nameEl);
  return { signer, credentialId: row.id, signerName: personName ?? signer.describe().name };
}

async function insertCredential(
  platform: Platform,
  db: DbOrTx,
  tenantId: string,
  ownerUserId: string | null,
  label: string,
  contents: TP12Contents,
  selfSigned: boolean,
) {
  const [row] = await db
    .insert(signingCredentials)
    .values({
      tenantId,
      ownerUserId,
      label,
      ...metaOf(contents),
      p12: wrapP12(contents, serverPassphrase(platform)).toString('base64'),
      selfSigned,
    })
    .returning();
  if (!row) throw new Error('credential insert failed');
  opened.set(row.id, contents);
  return row;
}

export type TUploadCredential = { p12Base64: string; passphrase: string; label: string; ownerUserId?: string | null };

/** An administrator installs a PKCS#12; it replaces the owner's previous key for new documents. */
export async function uploadCredential(platform: Platform, ctx: ServiceContext, body: TUploadCredential) {
  const tenantId = ctx.tenant.id;
  let contents: TP12Contents;
  try {
    contents = openP12(Buffer.from(body.p12Base64, 'base64'), body.passphrase);
  } catch {
    throw new AppError('validation.failed', 400, {}, [{ field: 'p12Base64', code: 'document.p12_unreadable' }]);
  }
  const cert = contents.chain[0] as forge.pki.Certificate;
  if (cert.validity.notAfter.getTime() < Date.now())
    throw new AppError('validation.failed', 400, {}, [{ field: 'p12Base64', code: 'document.certificate_expired' }]);
  const ownerUserId = body.ownerUserId ?? null;
  return platform.db.transaction(async (tx) => {
    if (ownerUserId) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, ownerUserId), eq(users.tenantId, tenantId), eq(users.kind, 'staff')));
      if (!u) throw new AppError('validation.failed', 400, {}, [{ field: 'ownerUserId', code: 'document.signer_unknown' }]);
    }
    await tx
      .update(signingCredentials)
      .set({ active: false })
      .where(
        and(
          eq(signingCredentials.tenantId, tenantId),
          ownerUserId ? eq(signingCredentials.ownerUserId, ownerUserId) : isNull(signingCredentials.ownerUserId),
        ),
      );
    const row = await insertCredential(platform, tx, tenantId, ownerUserId, body.label, contents, false);
    await audit(tx, ctx, {
      action: 'documents.sign_key_upload',
      entity: 'signing_credential',
      entityId: row.id,
      data: { ownerUserId, subject: row.subject, issuer: row.issuer, serial: row.serial },
    });
    return row;
  });
}

export async function listCredentials(db: DbOrTx, tenantId: string) {
  return db
    .select({
      id: signingCredentials.id,
      ownerUserId: signingCredentials.ownerUserId,
      label: signingCredentials.label,
      subject: signingCredentials.subject,
      issuer: signingCredentials.issuer,
      serial: signingCredentials.serial,
      notBefore: signingCredentials.notBefore,
      notAfter: signingCredentials.notAfter,
      selfSigned: signingCredentials.selfSigned,
      active: signingCredentials.active,
      createdAt: signingCredentials.createdAt,
    })
    .from(signingCredentials)
    .where(eq(signingCredentials.tenantId, tenantId))
    .orderBy(desc(signingCredentials.createdAt));
}
