import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import type { SmsProviderConfig, SmsProviderName } from './sms.js';

/** The tenant's notification settings live in `tenants.settings.notify`. */
const ZProvider = z.object({
  baseUrl: z.string().optional(),
  token: z.string().optional(),
  secret: z.string().optional(),
  apiKey: z.string().optional(),
  appId: z.string().optional(),
  appSecret: z.string().optional(),
  authUrl: z.string().optional(),
  pricePerSegment: z.number().nonnegative().optional(),
  ratePerSecond: z.number().positive().optional(),
  webhookSecret: z.string().optional(),
});
export const ZNotifySettings = z.object({
  sms: z
    .object({
      primary: z.enum(['apifon', 'yuboto', 'routee', 'outbox']).default('outbox'),
      secondary: z.enum(['apifon', 'yuboto', 'routee', 'outbox']).nullable().optional(),
      senderId: z.string().max(11).default('Dimos'),
      providers: z.record(z.string(), ZProvider).default({}),
    })
    .default({ primary: 'outbox', senderId: 'Dimos', providers: {} }),
  push: z.object({ ratePerSecond: z.number().positive().optional(), subject: z.string().optional() }).default({}),
  email: z.object({ ratePerSecond: z.number().positive().optional() }).default({}),
  /** Where providers post delivery receipts, e.g. https://dimos.example/t/athens (the webhook path is appended). */
  callbackBaseUrl: z.string().optional(),
});
export type TNotifySettings = z.infer<typeof ZNotifySettings>;

export type TTenantInfo = {
  id: string;
  slug: string;
  nameEl: string;
  nameEn: string;
  branding: typeof tenants.$inferSelect.branding;
  contacts: typeof tenants.$inferSelect.contacts;
  settings: TNotifySettings;
};

export async function loadTenantInfo(db: DbOrTx, tenantId: string): Promise<TTenantInfo> {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!t) throw new Error(`tenant ${tenantId} not found`);
  const parsed = ZNotifySettings.safeParse((t.settings as { notify?: unknown }).notify ?? {});
  const settings = parsed.success ? parsed.data : ZNotifySettings.parse({});
  return { id: t.id, slug: t.slug, nameEl: t.nameEl, nameEn: t.nameEn, branding: t.branding, contacts: t.contacts, settings };
}

export function providerConfig(s: TNotifySettings, name: SmsProviderName): SmsProviderConfig {
  return (s.sms.providers[name] ?? {}) as SmsProviderConfig;
}

/** Signature of the callback URL we hand a provider: HMAC-SHA256(webhookSecret, provider:ref), hex. */
export function callbackSig(secret: string, provider: string, ref: string) {
  return createHmac('sha256', secret).update(`${provider}:${ref}`).digest('hex');
}
