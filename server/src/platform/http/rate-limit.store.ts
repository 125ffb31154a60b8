import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lt, sql } from 'drizzle-orm';
import { type Db, rows } from '../db/database.js';
import { rateLimits } from './rate-limit.schema.js';

/**
 * A @fastify/rate-limit store in the database, so a limit holds across all server processes
 * (a memory store would let a caller make N × max requests against N processes). Each request is
 * one upsert that starts a new window when the old one has passed, and returns the count and the
 * milliseconds left.
 */
export function databaseRateStore(db: Db): FastifyRateLimitStoreCtor {
  class DatabaseRateStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private prefix = '',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      const full = `${this.prefix}${key}`;
      const window = sql`(now() + ${timeWindow}::int * interval '1 millisecond')`;
      db.execute(
        sql`insert into ${rateLimits} (key, count, reset_at) values (${full}, 1, ${window})
            on conflict (key) do update set
              count = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end,
              reset_at = case when ${rateLimits.resetAt} <= now() then ${window} else ${rateLimits.resetAt} end
            returning count, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ttl`,
      ).then(
        (res) => {
          const row = rows<{ count: number; ttl: number }>(res)[0];
          callback(null, { current: Number(row?.count ?? 1), ttl: Number(row?.ttl ?? timeWindow) });
        },
        (err: Error) => callback(err),
      );
    }

    /**
     * Each route counts on its own: the plugin passes the route's method and url as `routeInfo`.
     * Limiters made with `app.createRateLimit` have no route: their keys (from their own key
     * generator, which should name the limiter) share one namespace.
     */
    child(params: Parameters<FastifyRateLimitStore['child']>[0]) {
      // (typed as route options; at run time the plugin passes the merged limit params with `routeInfo`)
      const info = (params as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const { method = '', url = '' } = info ?? {};
      if (!url) return new DatabaseRateStore({}, 'limiter|');
      return new DatabaseRateStore({}, `${Array.isArray(method) ? method.join(',') : method} ${url}|`);
    }
  }
  return DatabaseRateStore;
}

/** Drops counters whose window ended more than an hour ago (run by a scheduled job). */
export async function sweepRateLimits(db: Db) {
  await db.delete(rateLimits).where(lt(rateLimits.resetAt, sql`now() - interval '1 hour'`));
}
