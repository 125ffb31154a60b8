import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { notify } from '../notify/index.js';
import type { nurseryApplications, nurseryCalls, nurseryStations } from './schema.js';

/** What the nursery's verb files share: row types, error shapes, the case timeline's authors, messages to families. */

export type CallRow = typeof nurseryCalls.$inferSelect;
export type AppRow = typeof nurseryApplications.$inferSelect;
export type StationRow = typeof nurseryStations.$inferSelect;

export const invalid = (fields: FieldError[]) => new AppError('validation.failed', 400, {}, fields);
export const authorOf = (ctx: ServiceContext) => ({
  authorUserId: 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null,
  authorKind: ctx.actor.kind,
});
export const SYSTEM = { authorUserId: null, authorKind: 'system' };

export const effectiveAnswers = (a: AppRow) => ({ ...a.answers, ...(a.verifiedAnswers ?? {}) });

/** Athens local time as dd/mm/yyyy hh:mm, for messages in either language. */
export function athensTime(d: Date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Athens',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export async function tellFamily(
  tx: DbOrTx,
  tenantId: string,
  a: AppRow,
  key: string,
  subject: { el: string; en: string },
  text: { el: string; en: string },
) {
  if (!a.citizenUserId) return;
  await notify(tx, {
    tenantId,
    recipients: [{ userId: a.citizenUserId }],
    subject,
    text,
    url: '/nursery',
    dedupeKey: `nursery:${a.id}:${key}`,
  });
}
