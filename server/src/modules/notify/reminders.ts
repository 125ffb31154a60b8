import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { enqueueJobs } from '../../platform/jobs/jobs.js';
import { notifyReminders } from './schema.js';
import { notify } from './send.service.js';

/** Reminders other modules schedule (an appointment tomorrow, a document to collect). */

export const REMINDER_QUEUE = 'notify.reminder';

export type TReminderInput = {
  tenantId: string;
  recipient: { userId?: string | null; deviceId?: string | null };
  at: Date;
  templateKey?: string;
  text?: { el: string; en: string } | string;
  data?: Record<string, unknown>;
  /** The caller's key: scheduling twice with the same key keeps one reminder. */
  dedupeKey: string;
};

export async function scheduleReminder(tx: DbOrTx, input: TReminderInput) {
  const text = typeof input.text === 'string' ? input.text : (input.text?.el ?? null);
  const data = { ...(input.data ?? {}), ...(typeof input.text === 'object' && input.text ? { textEn: input.text.en } : {}) };
  const [row] = await tx
    .insert(notifyReminders)
    .values({
      tenantId: input.tenantId,
      userId: input.recipient.userId ?? null,
      deviceId: input.recipient.userId ? null : (input.recipient.deviceId ?? null),
      at: input.at,
      templateKey: input.templateKey ?? null,
      text,
      data,
      dedupeKey: input.dedupeKey,
    })
    .onConflictDoUpdate({
      target: [notifyReminders.tenantId, notifyReminders.dedupeKey],
      set: { at: input.at, templateKey: input.templateKey ?? null, text, data, status: 'scheduled' },
    })
    .returning();
  if (!row) throw new Error('reminder insert');
  // A rescheduled reminder gets a fresh job keyed by its time; the old job finds the time changed and does nothing.
  await enqueueJobs(tx, [
    {
      queue: REMINDER_QUEUE,
      tenantId: input.tenantId,
      payload: { reminderId: row.id, at: row.at.toISOString() },
      runAt: row.at,
      dedupeKey: `notify.reminder:${row.id}:${row.at.toISOString()}`,
    },
  ]);
  return { id: row.id };
}

export async function cancelReminder(tx: DbOrTx, tenantId: string, dedupeKey: string) {
  const res = await tx
    .update(notifyReminders)
    .set({ status: 'cancelled' })
    .where(and(eq(notifyReminders.tenantId, tenantId), eq(notifyReminders.dedupeKey, dedupeKey), eq(notifyReminders.status, 'scheduled')))
    .returning({ id: notifyReminders.id });
  return res.length > 0;
}

export async function fireReminder(platform: Platform, tenantId: string, reminderId: string, at: string) {
  await platform.db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(notifyReminders)
      .where(and(eq(notifyReminders.tenantId, tenantId), eq(notifyReminders.id, reminderId)))
      .for('update');
    if (r?.status !== 'scheduled' || r.at.toISOString() !== at) return;
    const textEn = typeof r.data.textEn === 'string' ? r.data.textEn : (r.text ?? '');
    const common = {
      tenantId,
      recipients: [{ userId: r.userId, deviceId: r.deviceId }],
      source: 'reminder' as const,
      dedupeKey: `reminder:${r.id}:${at}`,
    };
    if (r.templateKey) await notify(tx, { ...common, templateKey: r.templateKey, data: r.data });
    else
      await notify(tx, { ...common, subject: { el: 'Υπενθύμιση', en: 'Reminder' }, text: { el: r.text ?? '', en: textEn }, data: r.data });
    await tx.update(notifyReminders).set({ status: 'sent' }).where(eq(notifyReminders.id, r.id));
  });
}
