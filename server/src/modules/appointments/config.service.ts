import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { apptExceptions, apptResources, apptServices, apptUnits, type TWeekly } from './schema.js';
import { materialiseService, materialiseUnit } from './slots.service.js';
import { validIntervals } from './time.js';

const ZHHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const ZInterval = z.object({ from: ZHHMM, to: ZHHMM });
export const ZWeekly = z.object({
  '0': z.array(ZInterval).max(8).optional(),
  '1': z.array(ZInterval).max(8).optional(),
  '2': z.array(ZInterval).max(8).optional(),
  '3': z.array(ZInterval).max(8).optional(),
  '4': z.array(ZInterval).max(8).optional(),
  '5': z.array(ZInterval).max(8).optional(),
  '6': z.array(ZInterval).max(8).optional(),
});
export const ZServiceBody = z.object({
  unitId: z.uuid(),
  nameEl: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200),
  durationMin: z.number().int().min(5).max(480),
  bufferMin: z.number().int().min(0).max(120).default(0),
  documentsEl: z.array(z.string().max(300)).max(30).default([]),
  documentsEn: z.array(z.string().max(300)).max(30).default([]),
  capOnline: z.number().int().min(0).max(100).default(1),
  capPhone: z.number().int().min(0).max(100).default(0),
  capCounter: z.number().int().min(0).max(100).default(0),
  minLeadHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(2),
  horizonDays: z.number().int().min(1).max(365).default(60),
  limitPerCitizen: z.number().int().min(1).max(100).default(1),
  limitPeriodDays: z.number().int().min(1).max(365).default(30),
  active: z.boolean().default(true),
});
export type TServiceBody = z.infer<typeof ZServiceBody>;
export const ZServicePatch = ZServiceBody.omit({ unitId: true }).partial();
export const ZResourceBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  serviceIds: z.array(z.uuid()).max(50).default([]),
  active: z.boolean().default(true),
});
export const ZExceptionBody = z.object({
  date: z.iso.date(),
  closed: z.boolean(),
  intervals: z.array(ZInterval).max(8).default([]),
  note: z.string().max(300).optional(),
});

export async function assertUnit(db: DbOrTx, tenantId: string, unitId: string) {
  const [u] = await db
    .select({ id: orgUnits.id, nameEl: orgUnits.nameEl, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, unitId)));
  if (!u) throw new AppError('appointment.unit_not_found', 404);
  return u;
}

export async function getService(db: DbOrTx, tenantId: string, id: string) {
  const [s] = await db
    .select()
    .from(apptServices)
    .where(and(eq(apptServices.tenantId, tenantId), eq(apptServices.id, id)));
  if (!s) throw new AppError('appointment.service_not_found', 404);
  return s;
}

export async function createService(tx: DbOrTx, tenantId: string, body: TServiceBody) {
  await assertUnit(tx, tenantId, body.unitId);
  const [s] = await tx
    .insert(apptServices)
    .values({ ...body, tenantId })
    .returning();
  if (!s) throw new Error('service insert');
  await materialiseService(tx, tenantId, s.id);
  return s;
}

export async function updateService(tx: DbOrTx, tenantId: string, id: string, patch: z.infer<typeof ZServicePatch>) {
  await getService(tx, tenantId, id);
  const [s] = await tx
    .update(apptServices)
    .set(patch)
    .where(and(eq(apptServices.tenantId, tenantId), eq(apptServices.id, id)))
    .returning();
  await materialiseService(tx, tenantId, id);
  return s as typeof apptServices.$inferSelect;
}

export async function setWeeklyHours(tx: DbOrTx, tenantId: string, unitId: string, weekly: TWeekly) {
  await assertUnit(tx, tenantId, unitId);
  for (const [day, list] of Object.entries(weekly)) {
    if (list && !validIntervals(list)) {
      throw new AppError('validation.failed', 400, {}, [{ field: `weekly.${day}`, code: 'appointment.bad_interval' }]);
    }
  }
  await tx
    .insert(apptUnits)
    .values({ tenantId, unitId, weekly })
    .onConflictDoUpdate({ target: [apptUnits.tenantId, apptUnits.unitId], set: { weekly } });
  await materialiseUnit(tx, tenantId, unitId);
}

export async function setException(tx: DbOrTx, tenantId: string, unitId: string, body: z.infer<typeof ZExceptionBody>) {
  await assertUnit(tx, tenantId, unitId);
  if (!body.closed && (!body.intervals.length || !validIntervals(body.intervals))) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'intervals', code: 'appointment.bad_interval' }]);
  }
  const values = { closed: body.closed, intervals: body.closed ? [] : body.intervals, note: body.note ?? null };
  const [row] = await tx
    .insert(apptExceptions)
    .values({ tenantId, unitId, date: body.date, ...values })
    .onConflictDoUpdate({ target: [apptExceptions.tenantId, apptExceptions.unitId, apptExceptions.date], set: values })
    .returning();
  await materialiseUnit(tx, tenantId, unitId);
  return row as typeof apptExceptions.$inferSelect;
}

export async function deleteException(tx: DbOrTx, tenantId: string, unitId: string, date: string) {
  await tx
    .delete(apptExceptions)
    .where(and(eq(apptExceptions.tenantId, tenantId), eq(apptExceptions.unitId, unitId), eq(apptExceptions.date, date)));
  await materialiseUnit(tx, tenantId, unitId);
}

export async function createResource(tx: DbOrTx, tenantId: string, body: z.infer<typeof ZResourceBody>) {
  await assertUnit(tx, tenantId, body.unitId);
  for (const sid of body.serviceIds) {
    const s = await getService(tx, tenantId, sid);
    if (s.unitId !== body.unitId)
      throw new AppError('validation.failed', 400, {}, [{ field: 'serviceIds', code: 'appointment.service_not_found' }]);
  }
  const [r] = await tx
    .insert(apptResources)
    .values({ ...body, tenantId })
    .returning();
  await materialiseUnit(tx, tenantId, body.unitId);
  return r as typeof apptResources.$inferSelect;
}

export async function unitConfig(db: DbOrTx, tenantId: string, unitId: string) {
  await assertUnit(db, tenantId, unitId);
  const [u] = await db
    .select()
    .from(apptUnits)
    .where(and(eq(apptUnits.tenantId, tenantId), eq(apptUnits.unitId, unitId)));
  const services = await db
    .select()
    .from(apptServices)
    .where(and(eq(apptServices.tenantId, tenantId), eq(apptServices.unitId, unitId)));
  const resources = await db
    .select()
    .from(apptResources)
    .where(and(eq(apptResources.tenantId, tenantId), eq(apptResources.unitId, unitId)));
  const exceptions = await db
    .select()
    .from(apptExceptions)
    .where(and(eq(apptExceptions.tenantId, tenantId), eq(apptExceptions.unitId, unitId)));
  return { weekly: u?.weekly ?? {}, services, resources, exceptions };
}
