import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { athensYear as yearInAthens } from '../../platform/calendar/index.js';
import { type DbOrTx, rows } from '../../platform/db/database.js';

/**
 * Protocol numbers (αριθμός πρωτοκόλλου). By default the platform numbers cases itself,
 * per tenant and year, gap-free; a municipality with its own protocol system configures
 * `settings.protocol.url` (+ `token`) and the number comes from there instead.
 */

export const ZProtocolSettings = z
  .object({
    url: z.url().optional(),
    token: z.string().optional(),
    format: z.string().min(3).max(60).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
    retries: z.number().int().min(0).max(5).optional(),
  })
  .default({});
export type TProtocolSettings = z.infer<typeof ZProtocolSettings>;

export function protocolSettings(settings: Record<string, unknown> | null | undefined): TProtocolSettings {
  const parsed = ZProtocolSettings.safeParse(settings?.protocol ?? {});
  return parsed.success ? parsed.data : {};
}

/** `{n}/{yyyy}` → `1234/2026`; `{n:6}` pads to six digits; `{yy}` is the two-digit year. */
export function formatProtocolNumber(format: string, n: number, year: number): string {
  return format
    .replace(/\{n(?::(\d+))?\}/g, (_, w: string | undefined) => String(n).padStart(w ? Number(w) : 0, '0'))
    .replace(/\{yyyy\}/g, String(year))
    .replace(/\{yy\}/g, String(year).slice(-2));
}

/** The Athens year of an instant: a case filed at 00:30 on 1 January in Athens belongs to the new year. */
export function athensYear(d: Date): number {
  return yearInAthens(d);
}

/**
 * The next number of the tenant's year. The upsert takes the counter row's lock until the
 * transaction ends, so concurrent submissions queue on it and a rolled-back one gives its
 * number back: no gaps, no duplicates.
 */
export async function nextInternalNumber(tx: DbOrTx, tenantId: string, year: number): Promise<number> {
  const res = await tx.execute(sql`
    insert into protocol_counters (tenant_id, year, n) values (${tenantId}, ${year}, 1)
    on conflict (tenant_id, year) do update set n = protocol_counters.n + 1
    returning n`);
  const n = rows<{ n: number }>(res)[0]?.n;
  if (!n) throw new Error('protocol counter failed');
  return Number(n);
}

export type TProtocolRequest = { subject: string; date: Date; unit: string | null };
export type TProtocolAnswer = { number: string; date: Date };

/** The port to an external protocol system. */
export interface ProtocolNumberSource {
  request(input: TProtocolRequest): Promise<TProtocolAnswer>;
}

export class ProtocolUnavailable extends Error {}

const ZAnswer = z.object({ number: z.union([z.string().min(1), z.number()]), date: z.string().optional() });

/**
 * Talks to the municipality's protocol system: POST JSON {subject, date, unit} → {number, date},
 * each attempt bounded by a timeout, a few quick retries, then `ProtocolUnavailable`
 * (the caller queues the case and a job keeps trying with backoff).
 */
export class HttpProtocolSource implements ProtocolNumberSource {
  constructor(
    private url: string,
    private token: string | undefined,
    private opts: { timeoutMs?: number; retries?: number } = {},
  ) {}

  async request(input: TProtocolRequest): Promise<TProtocolAnswer> {
    const attempts = 1 + (this.opts.retries ?? 1);
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        const res = await fetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
          body: JSON.stringify({ subject: input.subject, date: input.date.toISOString(), unit: input.unit }),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
        });
        if (!res.ok) throw new ProtocolUnavailable(`protocol system answered ${res.status}`);
        const body = ZAnswer.parse(await res.json());
        const date = body.date ? new Date(body.date) : input.date;
        return { number: String(body.number), date: Number.isNaN(date.getTime()) ? input.date : date };
      } catch (err) {
        last = err;
        if (i < attempts - 1) await new Promise((r) => setTimeout(r, 100 * 2 ** i));
      }
    }
    throw new ProtocolUnavailable(last instanceof Error ? last.message : String(last));
  }
}

/** The external source configured for a tenant, or null when the platform numbers cases itself. */
export function externalSourceFor(settings: Record<string, unknown> | null | undefined): ProtocolNumberSource | null {
  const s = protocolSettings(settings);
  if (!s.url) return null;
  return new HttpProtocolSource(s.url, s.token, { timeoutMs: s.timeoutMs, retries: s.retries });
}
