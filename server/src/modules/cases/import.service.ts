import type { DbOrTx } from '../../platform/db/database.js';
import { caseEvents, cases } from './schema.js';

export type TCaseImport = Omit<typeof cases.$inferInsert, 'tenantId'>;
export type TCaseEventImport = Omit<typeof caseEvents.$inferInsert, 'tenantId' | 'caseId'>;

/**
 * Cases with their history as they already happened (demo data, a move from an old system): rows
 * and timeline entries written as given, with no events, notifications or protocol calls. Only seeds
 * and imports use this; everything live goes through `submitCase` and the handling verbs.
 */
export async function importCases(
  tx: DbOrTx,
  tenantId: string,
  items: { case: TCaseImport; events: (row: { id: string; state: string; submittedAt: Date }) => TCaseEventImport[] }[],
) {
  if (!items.length) return [];
  const inserted = await tx
    .insert(cases)
    .values(items.map((i) => ({ ...i.case, tenantId })))
    .returning({ id: cases.id, state: cases.state, submittedAt: cases.submittedAt });
  const events = inserted.flatMap((row, n) => (items[n]?.events(row) ?? []).map((e) => ({ ...e, tenantId, caseId: row.id })));
  if (events.length) await tx.insert(caseEvents).values(events);
  return inserted;
}
