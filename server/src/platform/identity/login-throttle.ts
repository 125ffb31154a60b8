import { and, gt, inArray, like, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../db/database.js';
import { rateLimits } from '../http/rate-limit.schema.js';
import { hashToken } from './tokens.js';

/**
 * Throttling of password sign-in (issue 16 item 5), in place of the old hard lock that anyone
 * could trigger on any account. Failed attempts are counted in `rate_limits` (shared by every
 * server process) under three keys, each with a few free failures and then a delay that doubles
 * with every further failure, up to a cap:
 *
 * - the client address: 10 free, then 1 s, 2 s, 4 s … at most 15 min;
 * - the account (by e-mail, so an unknown e-mail is throttled exactly like a known one): 5 free,
 *   then the same growing delay;
 * - the account on a browser that has signed in to it before ("trusted"; its device cookie is
 *   remembered for 180 days): 5 free, then the growing delay. Such a browser is NOT held back by
 *   the account's or the address's counters, so an outsider hammering an administrator's
 *   e-mail from elsewhere slows only themselves: the administrator signs in from their own browser.
 *
 * While a delay runs, attempts are refused (429 `auth.throttled`, with the seconds to wait) before
 * the password is looked at, whether the account exists or not. A success clears the account's
 * counters (never the address's: an attacker could otherwise reset it with an account of their own).
 * A series of failures is forgotten an hour after its last delay ended (the daily sweep of rate_limits).
 */
const FREE = { ip: 10, account: 5, trusted: 5 } as const;
const BASE_MS = 1000;
const CAP_MS = 15 * 60_000;
const TRUST_DAYS = 180;
const SERIES_GAP = sql`interval '1 hour'`;

type TKeys = { ip: string; account: string; trusted?: string; trustMark?: string };

export type TThrottleSubject = { tenantId: string; email: string; ip: string; deviceToken?: string };

function keysOf(s: TThrottleSubject): TKeys {
  const digest = hashToken(`${s.tenantId}|${s.email.trim().toLowerCase()}`);
  const device = s.deviceToken ? hashToken(s.deviceToken) : undefined;
  return {
    ip: `login|ip|${s.ip}`,
    account: `login|acct|${digest}`,
    trusted: device ? `login|dev|${digest}|${device}` : undefined,
    trustMark: device ? `login-trusted|${digest}|${device}` : undefined,
  };
}

/** The delay after the n-th failure of a series with `free` free failures. */
export function delayAfter(failures: number, free: number) {
  if (failures <= free) return 0;
  return Math.min(CAP_MS, BASE_MS * 2 ** (failures - free - 1));
}

async function isTrusted(db: DbOrTx, keys: TKeys) {
  if (!keys.trustMark) return false;
  const [row] = await db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, [keys.trustMark]), gt(rateLimits.resetAt, sql`now()`)));
  return Boolean(row);
}

/** The counters that apply to this attempt: a trusted browser answers only for itself. */
async function applicable(db: DbOrTx, keys: TKeys) {
  if (keys.trusted && (await isTrusted(db, keys))) return [{ key: keys.trusted, free: FREE.trusted }];
  return [
    { key: keys.ip, free: FREE.ip },
    { key: keys.account, free: FREE.account },
  ];
}

/** Milliseconds this attempt must still wait (0: go ahead). */
export async function throttleWait(db: DbOrTx, subject: TThrottleSubject) {
  const counters = await applicable(db, keysOf(subject));
  const found = rows<{ ms: number }>(
    await db.execute(
      sql`select greatest(0, ceil(extract(epoch from ${rateLimits.resetAt} - now()) * 1000))::int as ms
          from ${rateLimits} where ${inArray(
            rateLimits.key,
            counters.map((c) => c.key),
          )} and ${rateLimits.resetAt} > now()`,
    ),
  );
  return Math.max(0, ...found.map((r) => Number(r.ms)));
}

/** Counts a failed attempt on every applicable counter and starts its delay; returns the largest failure count. */
export async function recordLoginFailure(db: DbOrTx, subject: TThrottleSubject) {
  const counters = await applicable(db, keysOf(subject));
  let most = 0;
  for (const c of counters) {
    const [row] = rows<{ count: number }>(
      await db.execute(
        sql`insert into ${rateLimits} (key, count, reset_at) values (${c.key}, 1, now())
            on conflict (key) do update set
              count = case when ${rateLimits.resetAt} < now() - ${SERIES_GAP} then 1 else ${rateLimits.count} + 1 end
            returning count`,
      ),
    );
    const count = Number(row?.count ?? 1);
    const ms = delayAfter(count, c.free);
    await db.execute(sql`update ${rateLimits} set reset_at = now() + ${ms}::int * interval '1 millisecond' where key = ${c.key}`);
    most = Math.max(most, count - c.free);
  }
  return most;
}

/** A success: the account's counters start again, and this browser is trusted for the account. */
export async function recordLoginSuccess(db: DbOrTx, subject: TThrottleSubject) {
  const keys = keysOf(subject);
  const clear = [keys.account, keys.trusted].filter((k): k is string => Boolean(k));
  await db.delete(rateLimits).where(inArray(rateLimits.key, clear));
  if (keys.trustMark) {
    await db.execute(
      sql`insert into ${rateLimits} (key, count, reset_at) values (${keys.trustMark}, 0, now() + ${TRUST_DAYS}::int * interval '1 day')
          on conflict (key) do update set reset_at = excluded.reset_at`,
    );
  }
}

/** After a password reset the account starts clean everywhere (its own counters and trusted browsers' counters). */
export async function clearAccountThrottle(db: DbOrTx, tenantId: string, email: string) {
  const digest = hashToken(`${tenantId}|${email.trim().toLowerCase()}`);
  await db.delete(rateLimits).where(like(rateLimits.key, `login|acct|${digest}`));
  await db.delete(rateLimits).where(like(rateLimits.key, `login|dev|${digest}|%`));
}
