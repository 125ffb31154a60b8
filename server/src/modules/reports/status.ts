import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import type { TStateCategory } from '../cases/index.js';

/** What the citizen is told, whatever the workflow calls its states. */
export const PUBLIC_STATUSES = ['open', 'planned', 'in_progress', 'fixed', 'closed_not_fixed', 'not_ours'] as const;
export type TPublicStatus = (typeof PUBLIC_STATUSES)[number];

const BY_KEY: Record<string, TPublicStatus> = {
  planned: 'planned',
  fixed: 'fixed',
  not_fixed: 'closed_not_fixed',
  forwarded: 'not_ours',
  not_ours: 'not_ours',
};
const BY_CATEGORY: Record<TStateCategory, TPublicStatus> = {
  new: 'open',
  open: 'planned',
  in_progress: 'in_progress',
  waiting_citizen: 'in_progress',
  resolved: 'fixed',
  rejected: 'not_ours',
  closed: 'closed_not_fixed',
};

export type TReportSettings = {
  /** Days after "fixed" during which the reporter may say "not fixed" and reopen it. */
  reopenDays: number;
  /** Weeks after "fixed" when the reporter is asked whether it really was. */
  fixedCheckWeeks: number;
  /** Photos are public without a moderator's approval. */
  photosPublicWithoutModeration: boolean;
  /** Per state key overrides of the public status, for workflows whose state names say nothing. */
  statusMap: Record<string, TPublicStatus>;
};

export const DEFAULT_SETTINGS: TReportSettings = {
  reopenDays: 30,
  fixedCheckWeeks: 4,
  photosPublicWithoutModeration: false,
  statusMap: {},
};

/** `tenants.settings.reports`, with defaults for what is missing or malformed. */
export function reportSettings(settings: Record<string, unknown> | null | undefined): TReportSettings {
  const r = (settings?.reports ?? {}) as Partial<TReportSettings>;
  const num = (v: unknown, d: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max ? v : d);
  const map: Record<string, TPublicStatus> = {};
  if (r.statusMap && typeof r.statusMap === 'object') {
    for (const [k, v] of Object.entries(r.statusMap)) if ((PUBLIC_STATUSES as readonly string[]).includes(v)) map[k] = v;
  }
  return {
    reopenDays: num(r.reopenDays, DEFAULT_SETTINGS.reopenDays, 3650),
    fixedCheckWeeks: num(r.fixedCheckWeeks, DEFAULT_SETTINGS.fixedCheckWeeks, 520),
    photosPublicWithoutModeration: r.photosPublicWithoutModeration === true,
    statusMap: map,
  };
}

export async function loadReportSettings(db: DbOrTx, tenantId: string) {
  const [t] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  return reportSettings(t?.settings);
}

/** The tenant's override first, then the state's key, then its category. */
export function publicStatus(state: string, category: string, statusMap: Record<string, TPublicStatus> = {}): TPublicStatus {
  return statusMap[state] ?? BY_KEY[state] ?? BY_CATEGORY[category as TStateCategory] ?? 'open';
}
