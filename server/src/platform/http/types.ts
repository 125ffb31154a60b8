import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyPluginAsync,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access, Actor } from '../access/access.js';
import type { Lang } from '../i18n/i18n.js';
import type { Tenant } from '../tenancy/tenancy.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Every route must declare it; the server refuses to start otherwise. */
    access?: Access;
    /** Set false for routes that work without a tenant (health, docs, static files). */
    tenant?: boolean;
  }
  interface FastifyRequest {
    tenant: Tenant;
    actor: Actor;
    lang: Lang;
    /** The raw device token, set when the request carried or was given one. */
    deviceToken?: string;
    /** Set when this request made the caller's anonymous device (its first request, or a retry of one whose answer was lost). */
    deviceIsNew?: boolean;
  }
}

/** A Fastify instance typed for zod route schemas. Modules receive this. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type AppPlugin<T extends Record<string, unknown> = Record<string, never>> = FastifyPluginAsync<T, RawServerDefault, ZodTypeProvider>;
