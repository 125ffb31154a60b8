import type { TAgeGroup, TCapacity } from './schema.js';

/**
 * The ranking, as a pure function of the applications and the places (so it is the same every
 * time it runs on the same data, and testable by hand).
 *
 * Order: points, highest first; ties go to the lower family income (no income answered counts as
 * the highest); then to the earlier submission (the protocol number's order); then by public code.
 * Allocation walks that order: each child gets the first of its preferred stations (in its order)
 * with a free place in its age group, else waits. A waiting child is on the waiting list of every
 * station it preferred, at the position its rank gives among that station's waiting children of its
 * age group.
 */
export type TRankInput = {
  id: string;
  points: number;
  income: number | null;
  submittedAt: Date;
  publicCode: string;
  ageGroup: TAgeGroup;
  preferences: string[];
};
export type TRankResult = { id: string; rank: number; stationId: string | null };

export function compareApplications(a: TRankInput, b: TRankInput): number {
  if (a.points !== b.points) return b.points - a.points;
  const ia = a.income ?? Number.POSITIVE_INFINITY;
  const ib = b.income ?? Number.POSITIVE_INFINITY;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const ta = a.submittedAt.getTime();
  const tb = b.submittedAt.getTime();
  if (ta !== tb) return ta - tb;
  return a.publicCode < b.publicCode ? -1 : a.publicCode > b.publicCode ? 1 : 0;
}

export function rankAndAllocate(apps: TRankInput[], capacity: TCapacity): TRankResult[] {
  const free = new Map<string, number>();
  for (const [stationId, c] of Object.entries(capacity)) {
    free.set(`${stationId}:infant`, c.infant);
    free.set(`${stationId}:toddler`, c.toddler);
  }
  const ordered = [...apps].sort(compareApplications);
  return ordered.map((a, i) => {
    let stationId: string | null = null;
    for (const s of a.preferences) {
      const k = `${s}:${a.ageGroup}`;
      const n = free.get(k) ?? 0;
      if (n > 0) {
        free.set(k, n - 1);
        stationId = s;
        break;
      }
    }
    return { id: a.id, rank: i + 1, stationId };
  });
}

/** Waiting-list positions: for each waiting application, its place on each preferred station's list. */
export function waitingPositions(
  waiting: { id: string; rank: number; ageGroup: TAgeGroup; preferences: string[] }[],
): Map<string, { stationId: string; position: number }[]> {
  const counters = new Map<string, number>();
  const out = new Map<string, { stationId: string; position: number }[]>();
  for (const a of [...waiting].sort((x, y) => x.rank - y.rank)) {
    const list: { stationId: string; position: number }[] = [];
    for (const s of a.preferences) {
      const k = `${s}:${a.ageGroup}`;
      const n = (counters.get(k) ?? 0) + 1;
      counters.set(k, n);
      list.push({ stationId: s, position: n });
    }
    out.set(a.id, list);
  }
  return out;
}
