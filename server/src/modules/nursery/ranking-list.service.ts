import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { positionsIn } from './applications.service.js';
import { callRow, callView } from './calls.service.js';
import { HOLDING, nurseryApplications } from './schema.js';
import { listStations } from './stations.service.js';

/** The public ranking: anonymised codes, points, rank and result only. No names, no ΑΦΜ, no birth dates. */
export async function publicRanking(db: DbOrTx, tenantId: string, callId: string) {
  const call = await callRow(db, tenantId, callId, { publicOnly: true });
  if (call.status !== 'published') throw new AppError('nursery.not_published', 409);
  const apps = await db
    .select({
      id: nurseryApplications.id,
      publicCode: nurseryApplications.publicCode,
      points: nurseryApplications.points,
      rank: nurseryApplications.rank,
      ageGroup: nurseryApplications.ageGroup,
      status: nurseryApplications.status,
      stationId: nurseryApplications.stationId,
    })
    .from(nurseryApplications)
    .where(
      and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.callId, callId), sql`${nurseryApplications.rank} is not null`),
    )
    .orderBy(asc(nurseryApplications.rank));
  const positions = await positionsIn(db, tenantId, callId);
  const stations = (await listStations(db, tenantId, false)).filter((s) => call.capacity[s.id]);
  return {
    call: callView(call),
    stations: stations.map((s) => ({ id: s.id, name: s.name, capacity: call.capacity[s.id] as { infant: number; toddler: number } })),
    items: apps.map((a) => ({
      code: a.publicCode,
      rank: a.rank as number,
      points: a.points,
      ageGroup: a.ageGroup,
      result: (HOLDING.includes(a.status) ? 'admitted' : a.status === 'waiting' ? 'waiting' : 'withdrawn') as
        | 'admitted'
        | 'waiting'
        | 'withdrawn',
      stationId: HOLDING.includes(a.status) ? a.stationId : null,
      positions: positions.get(a.id) ?? [],
    })),
  };
}

const csvCell = (v: unknown) => {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function rankingCsv(r: Awaited<ReturnType<typeof publicRanking>>, lang: 'el' | 'en') {
  const name = new Map(r.stations.map((s) => [s.id, s.name]));
  const L = lang === 'el';
  const head = L
    ? ['Κωδικός', 'Σειρά', 'Μόρια', 'Τμήμα', 'Αποτέλεσμα', 'Σταθμός', 'Θέσεις σε λίστες αναμονής']
    : ['Code', 'Rank', 'Points', 'Group', 'Result', 'Nursery', 'Waiting-list positions'];
  const groups = { infant: L ? 'Βρεφικό' : 'Infants', toddler: L ? 'Νηπιακό' : 'Toddlers' };
  const results = {
    admitted: L ? 'Επιλέχθηκε' : 'Admitted',
    waiting: L ? 'Αναμονή' : 'Waiting',
    withdrawn: L ? 'Αποχώρησε' : 'Withdrawn',
  };
  const lines = r.items.map((i) =>
    [
      i.code,
      i.rank,
      i.points,
      groups[i.ageGroup],
      results[i.result],
      i.stationId ? name.get(i.stationId) : '',
      i.positions.map((p) => `${name.get(p.stationId)}: ${p.position}`).join(', '),
    ]
      .map(csvCell)
      .join(';'),
  );
  return `\uFEFF${[head.join(';'), ...lines].join('\r\n')}\r\n`;
}
