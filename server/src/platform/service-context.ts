import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './access/access.js';
import type { DbOrTx } from './db/database.js';
import type { Lang } from './i18n/i18n.js';
import type { Tenant } from './tenancy/tenancy.js';
import { tenants } from './tenancy/tenancy.schema.js';

/**
 * What a service needs to know about its caller, whoever the caller is: an HTTP route, a job,
 * the CLI, a seed, the device ingest or a worker thread. Services take this, never a
 * `FastifyRequest`, so every caller reaches them the same way. Routes build it with
 * `requestContext(req)`; everything else with `systemContext(tenant, origin)`.
 */
export interface ServiceContext {
  tenant: Tenant;
  actor: Actor;
  lang: Lang;
  /** Where the call came from, for the audit log. */
  origin: RequestOrigin | SystemOrigin;
}

export type RequestOrigin = { kind: 'http'; ip: string; userAgent?: string; requestId: string };
export type SystemOrigin = { kind: 'job' | 'cli' | 'seed' | 'device' | 'worker'; name: string };

/** The context of an HTTP request: its tenant, actor and language. */
export function requestContext(req: FastifyRequest): ServiceContext {
  return {
    tenant: req.tenant,
    actor: req.actor,
    lang: req.lang,
    origin: { kind: 'http', ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 300), requestId: String(req.id) },
  };
}

/**
 * The context of work no person started (a job, a device message, a seed): it acts as the
 * system, which holds no role grants, so services that check permissions refuse it unless they
 * offer a system verb on purpose.
 */
export function systemContext(tenant: Tenant, origin: SystemOrigin, lang: Lang = 'el'): ServiceContext {
  return { tenant, actor: { kind: 'anonymous' }, lang, origin };
}

/** `systemContext` for work that knows only the tenant's id (a job, an event handler). */
export async function systemContextOf(db: DbOrTx, tenantId: string, origin: SystemOrigin, lang: Lang = 'el'): Promise<ServiceContext> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  return systemContext(tenant, origin, lang);
}
