import { and, eq, isNull } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { signingCredentials } from './schema.js';

/**
 * What keeps documents from being signed, said up front (issue 16 item 7): issuing without a
 * key used to fail only when the job ran. In production the server needs SIGNING_P12_PASSPHRASE
 * and each municipality its own PKCS#12 (development and tests make a self-signed one on first use).
 * The start-up log names what to configure; administrators see the same on their home screen
 * (GET /api/admin/signing-status).
 */
export type TSigningProblem = 'document.signing_passphrase_missing' | 'document.signing_key_missing';

export async function signingProblems(platform: Platform, tenantId: string): Promise<TSigningProblem[]> {
  if (platform.cfg.NODE_ENV !== 'production') return [];
  const problems: TSigningProblem[] = [];
  if (!process.env.SIGNING_P12_PASSPHRASE) problems.push('document.signing_passphrase_missing');
  const [key] = await platform.db
    .select({ id: signingCredentials.id })
    .from(signingCredentials)
    .where(and(eq(signingCredentials.tenantId, tenantId), isNull(signingCredentials.ownerUserId), eq(signingCredentials.active, true)))
    .limit(1);
  if (!key) problems.push('document.signing_key_missing');
  return problems;
}

/** At start: one warning naming what to configure, per municipality that cannot sign. */
export async function warnAboutSigning(platform: Platform) {
  if (platform.cfg.NODE_ENV !== 'production') return;
  if (!process.env.SIGNING_P12_PASSPHRASE) {
    platform.log.warn(
      'Document signing is not configured: set SIGNING_P12_PASSPHRASE (the passphrase that protects stored signing keys); until then no document can be issued',
    );
  }
  for (const t of await platform.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants)) {
    if ((await signingProblems(platform, t.id)).includes('document.signing_key_missing')) {
      platform.log.warn(
        { tenant: t.slug },
        'No signing certificate for this municipality: install its PKCS#12 (Administration, or POST /api/admin/signing-credentials); until then no document can be issued',
      );
    }
  }
}
