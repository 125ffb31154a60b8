import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tenants } from './tenancy.schema.js';

export type Tenant = typeof tenants.$inferSelect;

/**
 * Finds the municipality a request is for: by host name first (each tenant lists its
 * hosts), then by the `X-Tenant` header or a `/t/<slug>/` path prefix, then the configured
 * default (or the only tenant, on a single-municipality install).
 * Tenants change rarely, so lookups are cached for a few seconds.
 */
export class TenantResolver {
  private cache = new Map<string, { tenant: Tenant | null; at: number }>();
  constructor(
    private db: Db,
    private defaultSlug?: string,
    private ttlMs = 10_000,
  ) {}

  invalidate() {
    this.cache.clear();
  }

  async resolve(input: { host?: string; slug?: string }): Promise<Tenant | null> {
    const host = input.host?.toLowerCase().replace(/:\d+$/, '');
    if (host) {
      const byHost = await this.cached(`host:${host}`, () =>
        this.db.query.tenants.findFirst({ where: sql`${host} = any(${tenants.hosts})` }),
      );
      if (byHost) return byHost;
    }
    if (input.slug) {
      return this.cached(`slug:${input.slug}`, () => this.db.query.tenants.findFirst({ where: eq(tenants.slug, input.slug as string) }));
    }
    return this.cached('default', async () => {
      if (this.defaultSlug) return this.db.query.tenants.findFirst({ where: eq(tenants.slug, this.defaultSlug) });
      const all = await this.db.select().from(tenants).limit(2);
      return all.length === 1 ? all[0] : undefined;
    });
  }

  private async cached(key: string, load: () => Promise<Tenant | undefined>): Promise<Tenant | null> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.tenant;
    const tenant = (await load()) ?? null;
    this.cache.set(key, { tenant, at: Date.now() });
    return tenant;
  }
}
