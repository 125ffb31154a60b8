import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import { athensDay, formatLocalDate, parseLocalDate } from '../../platform/calendar/index.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, fieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import type { TCaseTypeBody } from '../cases/index.js';
import { createCaseType, ensureDefaultWorkflows, getCaseType, updateCaseType } from '../cases/index.js';
import { round } from './detect.js';
import { fleetFaults, fleetServicePlans, fleetServiceRecords, fleetVehicles } from './schema.js';
import { activeShift, getVehicle } from './vehicles.service.js';

export const ZPlanBody = z
  .object({
    vehicleId: z.uuid(),
    name: z.string().trim().min(1).max(120),
    everyKm: z.number().positive().max(1_000_000).nullish(),
    everyHours: z.number().positive().max(100_000).nullish(),
    everyMonths: z.number().int().positive().max(120).nullish(),
    lastKm: z.number().min(0).optional(),
    lastHours: z.number().min(0).optional(),
    lastDate: z.iso.date().optional(),
  })
  .refine((b) => b.everyKm != null || b.everyHours != null || b.everyMonths != null, {
    message: 'fleet.plan_interval_required',
    path: ['everyKm'],
  });

export async function addPlan(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZPlanBody>) {
  return db.transaction(async (tx) => {
    const v = await getVehicle(tx, ctx.tenant.id, body.vehicleId);
    const [row] = await tx
      .insert(fleetServicePlans)
      .values({
        tenantId: ctx.tenant.id,
        vehicleId: v.id,
        name: body.name,
        everyKm: body.everyKm ?? null,
        everyHours: body.everyHours ?? null,
        everyMonths: body.everyMonths ?? null,
        lastKm: body.lastKm ?? v.odometerKm,
        lastHours: body.lastHours ?? v.engineHours,
        lastDate: body.lastDate ?? athensDay(),
      })
      .returning();
    await audit(tx, ctx, { action: 'fleet.plan.create', entity: 'fleet_vehicle', entityId: v.id, data: { name: body.name } });
    return row;
  });
}

const addMonths = (day: string, n: number) => {
  const d = parseLocalDate(day);
  const m0 = d.m - 1 + n;
  const y = d.y + Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatLocalDate({ y, m, d: Math.min(d.d, last) });
};

export type TDueItem = {
  planId: string;
  vehicleId: string;
  plate: string;
  name: string;
  status: 'ok' | 'due' | 'overdue';
  nextKm: number | null;
  nextHours: number | null;
  nextDate: string | null;
  kmLeft: number | null;
  hoursLeft: number | null;
  daysLeft: number | null;
};

/**
 * Each plan's next service: overdue once any of its km, hours or date is passed; due when within
 * 10% of the interval (or 30 days) of it.
 */
export async function maintenanceDue(db: DbOrTx, tenantId: string, opts: { today?: string; vehicleId?: string } = {}): Promise<TDueItem[]> {
  const today = opts.today ?? athensDay();
  const rows = await db
    .select({ p: fleetServicePlans, v: fleetVehicles })
    .from(fleetServicePlans)
    .innerJoin(fleetVehicles, eq(fleetVehicles.id, fleetServicePlans.vehicleId))
    .where(and(eq(fleetServicePlans.tenantId, tenantId), opts.vehicleId ? eq(fleetServicePlans.vehicleId, opts.vehicleId) : undefined))
    .orderBy(asc(fleetVehicles.plate), asc(fleetServicePlans.name));
  return rows
    .map(({ p, v }) => {
      const nextKm = p.everyKm != null ? p.lastKm + p.everyKm : null;
      const nextHours = p.everyHours != null ? p.lastHours + p.everyHours : null;
      const nextDate = p.everyMonths != null ? addMonths(p.lastDate, p.everyMonths) : null;
      const kmLeft = nextKm != null ? round(nextKm - v.odometerKm, 1) : null;
      const hoursLeft = nextHours != null ? round(nextHours - v.engineHours, 1) : null;
      const daysLeft = nextDate != null ? Math.round((Date.parse(nextDate) - Date.parse(today)) / 86_400_000) : null;
      const overdue = (kmLeft != null && kmLeft < 0) || (hoursLeft != null && hoursLeft < 0) || (daysLeft != null && daysLeft < 0);
      const due =
        (kmLeft != null && p.everyKm != null && kmLeft <= p.everyKm * 0.1) ||
        (hoursLeft != null && p.everyHours != null && hoursLeft <= p.everyHours * 0.1) ||
        (daysLeft != null && daysLeft <= 30);
      const status: TDueItem['status'] = overdue ? 'overdue' : due ? 'due' : 'ok';
      return {
        planId: p.id,
        vehicleId: v.id,
        plate: v.plate,
        name: p.name,
        status,
        nextKm,
        nextHours,
        nextDate,
        kmLeft,
        hoursLeft,
        daysLeft,
      };
    })
    .sort((a, b) => ['overdue', 'due', 'ok'].indexOf(a.status) - ['overdue', 'due', 'ok'].indexOf(b.status));
}

export const ZServiceBody = z.object({
  vehicleId: z.uuid(),
  planId: z.uuid().nullish(),
  doneOn: z.iso.date(),
  odometerKm: z.number().min(0).nullish(),
  engineHours: z.number().min(0).nullish(),
  description: z.string().trim().min(1).max(2000),
  parts: z
    .array(
      z.object({ name: z.string().trim().min(1).max(200), qty: z.number().positive().max(10_000), cost: z.number().min(0).max(1_000_000) }),
    )
    .max(100)
    .default([]),
  labourCost: z.number().min(0).max(1_000_000).default(0),
});

/** A service book entry; when it carries out a plan, the plan's clock starts again from it. */
export async function recordService(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZServiceBody>) {
  return db.transaction(async (tx) => {
    const v = await getVehicle(tx, ctx.tenant.id, body.vehicleId);
    if (body.planId) {
      const [p] = await tx
        .select()
        .from(fleetServicePlans)
        .where(
          and(eq(fleetServicePlans.tenantId, ctx.tenant.id), eq(fleetServicePlans.id, body.planId), eq(fleetServicePlans.vehicleId, v.id)),
        );
      if (!p) throw fieldError('planId', 'fleet.plan_not_found');
      await tx
        .update(fleetServicePlans)
        .set({ lastKm: body.odometerKm ?? v.odometerKm, lastHours: body.engineHours ?? v.engineHours, lastDate: body.doneOn })
        .where(eq(fleetServicePlans.id, p.id));
    }
    const totalCost = round(body.parts.reduce((s, p) => s + p.qty * p.cost, 0) + body.labourCost, 2);
    const [row] = await tx
      .insert(fleetServiceRecords)
      .values({
        tenantId: ctx.tenant.id,
        vehicleId: v.id,
        planId: body.planId ?? null,
        doneOn: body.doneOn,
        odometerKm: body.odometerKm ?? null,
        engineHours: body.engineHours ?? null,
        description: body.description,
        parts: body.parts,
        labourCost: body.labourCost,
        totalCost,
        createdBy: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
      })
      .returning();
    await audit(tx, ctx, { action: 'fleet.service.record', entity: 'fleet_vehicle', entityId: v.id, data: { totalCost } });
    return row;
  });
}

export async function serviceBook(db: DbOrTx, tenantId: string, opts: { vehicleId?: string; from?: string; to?: string } = {}) {
  return db
    .select({ r: fleetServiceRecords, plate: fleetVehicles.plate, category: fleetVehicles.category })
    .from(fleetServiceRecords)
    .innerJoin(fleetVehicles, eq(fleetVehicles.id, fleetServiceRecords.vehicleId))
    .where(
      and(
        eq(fleetServiceRecords.tenantId, tenantId),
        opts.vehicleId ? eq(fleetServiceRecords.vehicleId, opts.vehicleId) : undefined,
        opts.from ? gte(fleetServiceRecords.doneOn, opts.from) : undefined,
        opts.to ? lte(fleetServiceRecords.doneOn, opts.to) : undefined,
      ),
    )
    .orderBy(desc(fleetServiceRecords.doneOn))
    .then((rows) => rows.map(({ r, plate, category }) => ({ ...r, plate, category })));
}

// ---- faults: cases for the garage ----

export const FAULT_TYPE_KEY = 'fleet-fault';

export function faultTypeBody(garageUnitId: string | null): TCaseTypeBody {
  return {
    key: FAULT_TYPE_KEY,
    group: 'fleet',
    icon: 'truck',
    active: true,
    snapshot: {
      nameEl: 'Βλάβη οχήματος',
      nameEn: 'Vehicle fault',
      form: {
        fields: [
          { id: 'plate', kind: 'text', label: { el: 'Αριθμός κυκλοφορίας', en: 'Registration plate' }, required: true, maxLength: 20 },
          {
            id: 'canDrive',
            kind: 'yesNo',
            label: { el: 'Μπορεί να κινηθεί με ασφάλεια;', en: 'Can it be driven safely?' },
            required: true,
          },
        ],
      },
      requiredDocuments: [],
      defaultUnitId: garageUnitId,
      routing: [],
      workflowKey: 'problems',
      slaDays: 5,
      fee: null,
      issuedDocument: null,
      public: false,
      anonymousAllowed: false,
      locationRequired: false,
    },
  };
}

/** The case type faults are filed under, routed to the garage unit. Safe to call again (sets the unit). */
/** `garageUnitId` undefined: leave the unit as it is. */
export async function ensureFaultType(db: DbOrTx, tenantId: string, garageUnitId: string | null | undefined, userId: string | null) {
  await ensureDefaultWorkflows(db, tenantId);
  const body = faultTypeBody(garageUnitId ?? null);
  let existing = null;
  try {
    existing = await getCaseType(db, tenantId, FAULT_TYPE_KEY);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'case_type.not_found')) throw err;
  }
  if (!existing) return createCaseType(db, tenantId, body, userId as string);
  if (garageUnitId === undefined || existing.snapshot.defaultUnitId === garageUnitId) return existing;
  const { key: _k, ...update } = body;
  update.snapshot = { ...existing.snapshot, defaultUnitId: garageUnitId };
  return updateCaseType(db, tenantId, existing.id, update, userId as string);
}

export const ZFaultBody = z.object({
  vehicleId: z.uuid(),
  description: z.string().trim().min(5).max(4000),
  canDrive: z.boolean(),
  fileIds: z.array(z.uuid()).max(10).default([]),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  clientKey: z.string().trim().min(8).max(80).optional(),
});

/** What filing a case needs from the route (the case engine files with the caller's request). */
export type TFileCase = (input: {
  caseType: string;
  title: string;
  description: string;
  data: Record<string, unknown>;
  fileIds: string[];
  location?: { lat: number; lon: number };
  priority: 'normal' | 'urgent';
  idempotencyKey?: string;
  within: (tx: DbOrTx, caseId: string) => Promise<void>;
}) => Promise<{ id: string }>;

/**
 * A driver reports a fault of the vehicle they are on shift with (or fleet staff for any vehicle):
 * a case of the fault type, for the garage, with the photos; a fault that makes the vehicle unsafe is urgent.
 */
export async function reportFault(
  db: DbOrTx,
  ctx: ServiceContext,
  body: z.infer<typeof ZFaultBody>,
  fileCase: TFileCase,
  manager: boolean,
) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 403);
  const userId = ctx.actor.userId;
  const v = await getVehicle(db, ctx.tenant.id, body.vehicleId);
  if (!manager) {
    const shift = await activeShift(db, ctx.tenant.id, userId);
    if (shift?.vehicleId !== v.id) throw fieldError('vehicleId', 'fleet.not_your_vehicle');
  }
  await ensureFaultType(db, ctx.tenant.id, undefined, userId);
  let faultId = '';
  const c = await fileCase({
    caseType: FAULT_TYPE_KEY,
    title: `${v.plate}: ${body.description.slice(0, 80)}`,
    description: body.description,
    data: { plate: v.plate, canDrive: body.canDrive },
    fileIds: body.fileIds,
    location: body.location,
    priority: body.canDrive ? 'normal' : 'urgent',
    idempotencyKey: body.clientKey,
    within: async (tx, caseId) => {
      const [row] = await tx
        .insert(fleetFaults)
        .values({
          tenantId: ctx.tenant.id,
          vehicleId: v.id,
          reportedBy: userId,
          description: body.description,
          fileIds: body.fileIds,
          caseId,
          clientKey: body.clientKey ?? null,
        })
        .returning({ id: fleetFaults.id });
      faultId = row?.id ?? '';
      await audit(tx, ctx, { action: 'fleet.fault.report', entity: 'fleet_vehicle', entityId: v.id, data: { caseId } });
    },
  });
  return { faultId, caseId: c.id };
}

/** The fault a phone already filed under this key (its outbox item's Idempotency-Key), if any. */
export async function faultByKey(db: DbOrTx, tenantId: string, clientKey: string) {
  const [row] = await db
    .select({ faultId: fleetFaults.id, caseId: fleetFaults.caseId })
    .from(fleetFaults)
    .where(and(eq(fleetFaults.tenantId, tenantId), eq(fleetFaults.clientKey, clientKey)));
  return row ?? null;
}

export async function listFaults(db: DbOrTx, tenantId: string, vehicleId?: string) {
  return db
    .select()
    .from(fleetFaults)
    .where(and(eq(fleetFaults.tenantId, tenantId), vehicleId ? eq(fleetFaults.vehicleId, vehicleId) : undefined))
    .orderBy(desc(fleetFaults.createdAt));
}
