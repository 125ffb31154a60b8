import { and, asc, count, desc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { getFileMeta, markFilePublic, type TFileRow } from '../../platform/files/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { userIdOf } from './access.js';
import { councilAgendaItems, councilMeetings, MEETING_STATUSES } from './schema.js';

/** The municipal council's meetings: date, place, agenda, documents, decisions with their Diavgeia ΑΔΑ. */

// Latin capitals that look like Greek ones: typed on a Latin keyboard, they are the same ΑΔΑ.
const LOOKALIKE: Record<string, string> = {
  A: 'Α',
  B: 'Β',
  E: 'Ε',
  Z: 'Ζ',
  H: 'Η',
  I: 'Ι',
  K: 'Κ',
  M: 'Μ',
  N: 'Ν',
  O: 'Ο',
  P: 'Ρ',
  T: 'Τ',
  Y: 'Υ',
  X: 'Χ',
};
const ADA_RE = /^[0-9Α-ΡΣ-Ω]{7}-[0-9Α-ΡΣ-Ω]{3}$/;

/**
 * A Diavgeia ΑΔΑ (Αριθμός Διαδικτυακής Ανάρτησης): 10 characters, Greek capitals or digits, with a
 * hyphen before the last three, e.g. `ΨΘ82ΩΡΦ-7ΑΙ`. Returns it normalised (upper case, Greek letters
 * for Latin look-alikes, accents removed), or null when it is not one.
 */
export function normaliseAda(input: string): string | null {
  const s = input
    .trim()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleUpperCase('el')
    .replace(/[A-Z]/g, (c) => LOOKALIKE[c] ?? c);
  return ADA_RE.test(s) ? s : null;
}

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const ZAgendaItemBody = z.object({
  titleEl: z.string().trim().min(1).max(1000),
  titleEn: optText(1000),
  decisionNumber: optText(40),
  decisionEl: optText(4000),
  decisionEn: optText(4000),
  ada: optText(20),
});

export const ZMeetingBody = z.object({
  titleEl: z.string().trim().min(1).max(200),
  titleEn: optText(200),
  startsAt: z.coerce.date(),
  placeEl: z.string().trim().min(1).max(300),
  placeEn: optText(300),
  status: z.enum(MEETING_STATUSES).default('scheduled'),
  documents: z.array(z.uuid()).max(30).default([]),
  agenda: z.array(ZAgendaItemBody).max(200).default([]),
});
export type TMeetingBody = z.infer<typeof ZMeetingBody>;

export type TMeeting = typeof councilMeetings.$inferSelect;
export type TAgendaItem = typeof councilAgendaItems.$inferSelect;

async function check(tx: DbOrTx, tenantId: string, body: TMeetingBody, meetingId: string | null) {
  const fields: FieldError[] = [];
  const adas: (string | null)[] = body.agenda.map((a, i) => {
    if (!a.ada) return null;
    const n = normaliseAda(a.ada);
    if (!n) fields.push({ field: `agenda.${i}.ada`, code: 'council.ada_invalid' });
    return n;
  });
  const seen = new Map<string, number>();
  adas.forEach((a, i) => {
    if (!a) return;
    if (seen.has(a)) fields.push({ field: `agenda.${i}.ada`, code: 'council.ada_taken' });
    seen.set(a, i);
  });
  const given = adas.filter((a): a is string => !!a);
  if (given.length) {
    const taken = await tx
      .select({ ada: councilAgendaItems.ada })
      .from(councilAgendaItems)
      .where(
        and(
          eq(councilAgendaItems.tenantId, tenantId),
          inArray(councilAgendaItems.ada, given),
          meetingId ? ne(councilAgendaItems.meetingId, meetingId) : undefined,
        ),
      );
    for (const t of taken) fields.push({ field: `agenda.${adas.indexOf(t.ada)}.ada`, code: 'council.ada_taken' });
  }
  for (const [i, fileId] of body.documents.entries()) {
    const f = await getFileMeta(tx, tenantId, fileId);
    if (!f) fields.push({ field: `documents.${i}`, code: 'council.document_invalid' });
  }
  if (fields.length) throw new AppError('validation.failed', 400, {}, fields);
  return adas;
}

async function writeAgenda(tx: DbOrTx, tenantId: string, meetingId: string, body: TMeetingBody, adas: (string | null)[]) {
  await tx.delete(councilAgendaItems).where(and(eq(councilAgendaItems.tenantId, tenantId), eq(councilAgendaItems.meetingId, meetingId)));
  if (!body.agenda.length) return;
  await tx.insert(councilAgendaItems).values(
    body.agenda.map((a, i) => ({
      tenantId,
      meetingId,
      position: i + 1,
      titleEl: a.titleEl,
      titleEn: a.titleEn,
      decisionNumber: a.decisionNumber,
      decisionEl: a.decisionEl,
      decisionEn: a.decisionEn,
      ada: adas[i] ?? null,
    })),
  );
}

export async function createMeeting(platform: Platform, ctx: ServiceContext, body: TMeetingBody) {
  return platform.db.transaction(async (tx) => {
    const adas = await check(tx, ctx.tenant.id, body, null);
    const { agenda: _a, ...m } = body;
    const [row] = await tx
      .insert(councilMeetings)
      .values({ tenantId: ctx.tenant.id, ...m, documents: [...new Set(m.documents)], createdBy: userIdOf(ctx) })
      .returning();
    const meeting = row as TMeeting;
    await writeAgenda(tx, ctx.tenant.id, meeting.id, body, adas);
    for (const f of meeting.documents) await markFilePublic(tx, ctx.tenant.id, f);
    await audit(tx, ctx, { action: 'council.meeting.create', entity: 'council_meeting', entityId: meeting.id });
    return meeting;
  });
}

export async function updateMeeting(platform: Platform, ctx: ServiceContext, id: string, body: TMeetingBody) {
  return platform.db.transaction(async (tx) => {
    const [cur] = await tx
      .select({ id: councilMeetings.id })
      .from(councilMeetings)
      .where(and(eq(councilMeetings.tenantId, ctx.tenant.id), eq(councilMeetings.id, id)))
      .for('update');
    if (!cur) throw new AppError('council.meeting_not_found', 404);
    const adas = await check(tx, ctx.tenant.id, body, id);
    const { agenda: _a, ...m } = body;
    const [row] = await tx
      .update(councilMeetings)
      .set({ ...m, documents: [...new Set(m.documents)], updatedAt: new Date() })
      .where(eq(councilMeetings.id, id))
      .returning();
    await writeAgenda(tx, ctx.tenant.id, id, body, adas);
    for (const f of m.documents) await markFilePublic(tx, ctx.tenant.id, f);
    await audit(tx, ctx, { action: 'council.meeting.update', entity: 'council_meeting', entityId: id });
    return row as TMeeting;
  });
}

export async function listMeetings(db: DbOrTx, tenantId: string, q: { scope: 'upcoming' | 'past'; limit: number; offset: number }) {
  const now = new Date();
  const where = and(
    eq(councilMeetings.tenantId, tenantId),
    q.scope === 'upcoming' ? gte(councilMeetings.startsAt, now) : lt(councilMeetings.startsAt, now),
  );
  const rows = await db
    .select()
    .from(councilMeetings)
    .where(where)
    .orderBy(q.scope === 'upcoming' ? asc(councilMeetings.startsAt) : desc(councilMeetings.startsAt))
    .limit(q.limit)
    .offset(q.offset);
  const counts = rows.length
    ? await db
        .select({ meetingId: councilAgendaItems.meetingId, n: count() })
        .from(councilAgendaItems)
        .where(
          and(
            eq(councilAgendaItems.tenantId, tenantId),
            inArray(
              councilAgendaItems.meetingId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .groupBy(councilAgendaItems.meetingId)
    : [];
  const byId = new Map(counts.map((c) => [c.meetingId, Number(c.n)]));
  return rows.map((r) => ({ ...r, agendaCount: byId.get(r.id) ?? 0 }));
}

export async function getMeeting(db: DbOrTx, tenantId: string, id: string) {
  const [m] = await db
    .select()
    .from(councilMeetings)
    .where(and(eq(councilMeetings.tenantId, tenantId), eq(councilMeetings.id, id)));
  if (!m) throw new AppError('council.meeting_not_found', 404);
  const agenda = await db
    .select()
    .from(councilAgendaItems)
    .where(and(eq(councilAgendaItems.tenantId, tenantId), eq(councilAgendaItems.meetingId, id)))
    .orderBy(asc(councilAgendaItems.position));
  const docs: TFileRow[] = [];
  for (const f of m.documents) {
    const meta = await getFileMeta(db, tenantId, f);
    if (meta) docs.push(meta);
  }
  return { meeting: m, agenda, documents: docs };
}
