import type { Tenant } from '../../platform/tenancy/tenancy.js';

/** Per-municipality limits on route planning: tenant setting `settings.vrp`, else these defaults. */
export type VrpLimits = { maxJobs: number; maxVehicles: number; maxTimeLimit: number; maxConcurrentRuns: number };

export const DEFAULT_LIMITS: VrpLimits = { maxJobs: 1000, maxVehicles: 100, maxTimeLimit: 120, maxConcurrentRuns: 2 };

/** A value the tenant set, when it is a positive integer; otherwise the default. */
export function limitsOf(tenant: Pick<Tenant, 'settings'>): VrpLimits {
  const raw = ((tenant.settings as Record<string, unknown> | null)?.vrp ?? {}) as Record<string, unknown>;
  const pick = (k: keyof VrpLimits) => {
    const v = raw[k];
    return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_LIMITS[k];
  };
  return {
    maxJobs: pick('maxJobs'),
    maxVehicles: pick('maxVehicles'),
    maxTimeLimit: pick('maxTimeLimit'),
    maxConcurrentRuns: pick('maxConcurrentRuns'),
  };
}

/** Jobs and vehicles of a problem in the package's format (`count` expands a vehicle). */
export function sizeOf(problem: { jobs: unknown[]; vehicles: unknown[] }) {
  const vehicles = problem.vehicles.reduce<number>((n, v) => {
    const c = (v as { count?: unknown }).count;
    return n + (typeof c === 'number' && Number.isInteger(c) && c >= 1 ? c : 1);
  }, 0);
  return { jobs: problem.jobs.length, vehicles };
}
