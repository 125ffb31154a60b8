import { and, eq, lte, sql } from 'drizzle-orm';
import { athensDay, formatLocalDate, parseLocalDate, shiftDays } from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { notifyObligationNotices, notifyObligations, type TChannel } from './schema.js';
import { notify } from './send.service.js';

/**
 * Dated obligations: "X falls due on this date; tell these people at these offsets before it".
 * A module keeps one obligation per thing of its own (`subjectKind`, `subjectId`) with
 * `upsertObligation` — a vehicle's ΚΤΕΟ, a shop licence, a grave lease, a pet's vaccination — and
 * the daily job `notify.obligations` sends each notice once: on a run, the nearest offset already
 * reached is sent if it was not sent before for that due date (offsets missed while the obligation
 * did not exist are skipped, not sent in a burst). Renewing (a new due date) starts afresh.
 */

export const OBLIGATIONS_QUEUE = 'notify.obligations';
export const DEFAULT_OBLIGATION_CHANNELS: TChannel[] = ['email', 'sms', 'inapp'];

export type TObligationInput = {
  tenantId: string;
  subjectKind: string;
  subjectId: string;
  title: { el: string; en: string };
  /** YYYY-MM-DD (Athens). */
  dueDate: string;
  /** Days before the due date (0 = on the day; negative = after it, for overdue notices). */
  offsetsDays: number[];
  recipients: { userId: string }[];
  channels?: TChannel[];
  url?: string | null;
};

export async function upsertObligation(tx: DbOrTx, input: TObligationInput) {
  const values = {
    tenantId: input.tenantId,
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    titleEl: input.title.el,
    titleEn: input.title.en,
    dueDate: input.dueDate,
    offsetsDays: [...new Set(input.offsetsDays)].sort((a, b) => b - a),
    recipients: input.recipients,
    channels: input.channels ?? DEFAULT_OBLIGATION_CHANNELS,
    url: input.url ?? null,
    status: 'active' as const,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(notifyObligations)
    .values(values)
    .onConflictDoUpdate({ target: [notifyObligations.tenantId, notifyObligations.subjectKind, notifyObligations.subjectId], set: values })
    .returning({ id: notifyObligations.id });
  return { id: row?.id as string };
}

/** The obligation is met or gone: no more notices. */
export async function closeObligation(
  tx: DbOrTx,
  tenantId: string,
  subjectKind: string,
  subjectId: string,
  status: 'done' | 'cancelled' = 'done',
) {
  await tx
    .update(notifyObligations)
    .set({ status, updatedAt: new Date() })
    .where(
      and(
        eq(notifyObligations.tenantId, tenantId),
        eq(notifyObligations.subjectKind, subjectKind),
        eq(notifyObligations.subjectId, subjectId),
      ),
    );
}

export async function obligationsOf(db: DbOrTx, tenantId: string, subjectKind: string) {
  return db
    .select()
    .from(notifyObligations)
    .where(and(eq(notifyObligations.tenantId, tenantId), eq(notifyObligations.subjectKind, subjectKind)));
}

/** The offset to send today, if any: the nearest one already reached. */
export function offsetDue(dueDate: string, offsets: number[], today: string): number | null {
  let best: number | null = null;
  for (const o of offsets) {
    const from = formatLocalDate(shiftDays(parseLocalDate(dueDate), -o));
    if (from <= today && (best === null || o < best)) best = o;
  }
  return best;
}

function daysBetween(a: string, b: string) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function noticeText(titleEl: string, titleEn: string, dueDate: string, today: string) {
  const n = daysBetween(today, dueDate);
  const [y, m, d] = dueDate.split('-');
  const el = `${d}/${m}/${y}`;
  if (n > 0)
    return {
      subject: {
        el: `Λήγει σε ${n} ${n === 1 ? 'ημέρα' : 'ημέρες'}: ${titleEl}`,
        en: `Due in ${n} ${n === 1 ? 'day' : 'days'}: ${titleEn}`,
      },
      text: { el: `${titleEl}: λήγει στις ${el}.`, en: `${titleEn}: due on ${dueDate}.` },
    };
  if (n === 0)
    return {
      subject: { el: `Λήγει σήμερα: ${titleEl}`, en: `Due today: ${titleEn}` },
      text: { el: `${titleEl}: λήγει σήμερα (${el}).`, en: `${titleEn}: due today (${dueDate}).` },
    };
  return {
    subject: { el: `Έληξε: ${titleEl}`, en: `Overdue: ${titleEn}` },
    text: { el: `${titleEl}: έληξε στις ${el}.`, en: `${titleEn}: was due on ${dueDate}.` },
  };
}

/**
 * Sends the notices due on `today` (Athens) for every tenant. Each notice is recorded with its
 * message in the same transaction, so a re-run, a second worker or a crash sends nothing twice.
 */
export async function sendDueNotices(platform: Platform, today: string = athensDay()) {
  // Only obligations whose earliest notice has come (largest offset): due_date - max(offset) <= today.
  const candidates = await platform.db
    .select({ id: notifyObligations.id })
    .from(notifyObligations)
    .where(
      and(
        eq(notifyObligations.status, 'active'),
        lte(
          sql`${notifyObligations.dueDate} - (select coalesce(max(o::int), 0) from jsonb_array_elements_text(${notifyObligations.offsetsDays}) o)`,
          sql`${today}::date`,
        ),
      ),
    );
  let sent = 0;
  for (const c of candidates) {
    const done = await platform.db.transaction(async (tx) => {
      const [o] = await tx.select().from(notifyObligations).where(eq(notifyObligations.id, c.id)).for('update');
      if (!o || o.status !== 'active') return false;
      const offset = offsetDue(o.dueDate, o.offsetsDays, today);
      if (offset === null) return false;
      const [notice] = await tx
        .insert(notifyObligationNotices)
        .values({ obligationId: o.id, tenantId: o.tenantId, dueDate: o.dueDate, offsetDays: offset })
        .onConflictDoNothing()
        .returning();
      if (!notice) return false;
      const words = noticeText(o.titleEl, o.titleEn, o.dueDate, today);
      const msg = await notify(tx, {
        tenantId: o.tenantId,
        recipients: o.recipients,
        subject: words.subject,
        text: words.text,
        url: o.url,
        channels: o.channels,
        source: 'reminder',
        data: { obligationId: o.id, subjectKind: o.subjectKind, subjectId: o.subjectId, dueDate: o.dueDate },
        dedupeKey: `obligation:${o.id}:${o.dueDate}:${offset}`,
      });
      if (msg)
        await tx
          .update(notifyObligationNotices)
          .set({ messageId: msg.messageId })
          .where(
            and(
              eq(notifyObligationNotices.obligationId, o.id),
              eq(notifyObligationNotices.dueDate, o.dueDate),
              eq(notifyObligationNotices.offsetDays, offset),
            ),
          );
      return true;
    });
    if (done) sent++;
  }
  return { sent };
}
