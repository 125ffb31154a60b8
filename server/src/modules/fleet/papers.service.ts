import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, fieldError } from '../../platform/http/errors.js';
import { roleAssignments, users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { closeObligation, upsertObligation } from '../notify/index.js';
import { fleetPapers, fleetVehicles, PAPER_KINDS, type TPaperKind } from './schema.js';

export const PAPER_SUBJECT = 'fleet.paper';

const PAPER_NAMES: Record<TPaperKind, [string, string]> = {
  kteo: ['ΚΤΕΟ', 'Roadworthiness test (KTEO)'],
  insurance: ['Ασφάλιση', 'Insurance'],
  emissions_card: ['Κάρτα ελέγχου καυσαερίων', 'Emissions check card'],
  road_tax: ['Τέλη κυκλοφορίας', 'Road tax'],
  licence: ['Δίπλωμα οδήγησης', 'Driving licence'],
  other: ['Έγγραφο', 'Document'],
};

export const ZPaperBody = z
  .object({
    vehicleId: z.uuid().nullish(),
    driverUserId: z.uuid().nullish(),
    kind: z.enum(PAPER_KINDS),
    number: z.string().trim().max(60).nullish(),
    validUntil: z.iso.date(),
    remindDays: z.array(z.number().int().min(-30).max(365)).min(1).max(6).default([30, 7, 0]),
    fileId: z.uuid().nullish(),
  })
  .refine((b) => !!b.vehicleId !== !!b.driverUserId, { message: 'fleet.paper_subject', path: ['vehicleId'] });

/** Who is told: the fleet's managers (heads and administrators), and the driver for their own licence. */
async function recipientsFor(tx: DbOrTx, tenantId: string, driverUserId: string | null) {
  const heads = await tx
    .selectDistinct({ userId: roleAssignments.userId, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(eq(users.tenantId, tenantId));
  const ids = new Set(heads.filter((h) => h.role === 'admin' || h.role === 'head').map((h) => h.userId));
  if (driverUserId) ids.add(driverUserId);
  return [...ids].map((userId) => ({ userId }));
}

async function syncObligation(tx: DbOrTx, tenantId: string, paper: typeof fleetPapers.$inferSelect) {
  const [nameEl, nameEn] = PAPER_NAMES[paper.kind];
  let whoEl = '';
  if (paper.vehicleId) {
    const [v] = await tx.select({ plate: fleetVehicles.plate }).from(fleetVehicles).where(eq(fleetVehicles.id, paper.vehicleId));
    whoEl = v?.plate ?? '';
  } else if (paper.driverUserId) {
    const [u] = await tx.select({ g: users.givenName, f: users.familyName }).from(users).where(eq(users.id, paper.driverUserId));
    whoEl = [u?.g, u?.f].filter(Boolean).join(' ');
  }
  await upsertObligation(tx, {
    tenantId,
    subjectKind: PAPER_SUBJECT,
    subjectId: paper.id,
    title: { el: `${nameEl} ${whoEl}`.trim(), en: `${nameEn} ${whoEl}`.trim() },
    dueDate: paper.validUntil,
    offsetsDays: paper.remindDays,
    recipients: await recipientsFor(tx, tenantId, paper.driverUserId),
    url: paper.vehicleId ? `/staff/fleet/vehicles/${paper.vehicleId}` : '/staff/fleet/papers',
  });
}

/** A paper with an expiry date; its reminders are a dated obligation in notify, kept in step here. */
export async function savePaper(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZPaperBody>, id?: string) {
  return db.transaction(async (tx) => {
    if (body.vehicleId) {
      const [v] = await tx
        .select({ id: fleetVehicles.id })
        .from(fleetVehicles)
        .where(and(eq(fleetVehicles.tenantId, ctx.tenant.id), eq(fleetVehicles.id, body.vehicleId)));
      if (!v) throw fieldError('vehicleId', 'fleet.vehicle_not_found');
    }
    if (body.driverUserId) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, ctx.tenant.id), eq(users.id, body.driverUserId), eq(users.kind, 'staff')));
      if (!u) throw fieldError('driverUserId', 'fleet.driver_not_staff');
    }
    const values = {
      tenantId: ctx.tenant.id,
      vehicleId: body.vehicleId ?? null,
      driverUserId: body.driverUserId ?? null,
      kind: body.kind,
      number: body.number ?? null,
      validUntil: body.validUntil,
      remindDays: body.remindDays,
      fileId: body.fileId ?? null,
    };
    const [row] = id
      ? await tx
          .update(fleetPapers)
          .set(values)
          .where(and(eq(fleetPapers.tenantId, ctx.tenant.id), eq(fleetPapers.id, id)))
          .returning()
      : await tx.insert(fleetPapers).values(values).returning();
    if (!row) throw new AppError('fleet.paper_not_found', 404);
    await syncObligation(tx, ctx.tenant.id, row);
    await audit(tx, ctx, { action: id ? 'fleet.paper.update' : 'fleet.paper.create', entity: 'fleet_paper', entityId: row.id });
    return row;
  });
}

export async function deletePaper(db: DbOrTx, ctx: ServiceContext, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(fleetPapers)
      .where(and(eq(fleetPapers.tenantId, ctx.tenant.id), eq(fleetPapers.id, id)))
      .returning();
    if (!row) throw new AppError('fleet.paper_not_found', 404);
    await closeObligation(tx, ctx.tenant.id, PAPER_SUBJECT, id, 'cancelled');
    await audit(tx, ctx, { action: 'fleet.paper.delete', entity: 'fleet_paper', entityId: id });
  });
}

export async function listPapers(db: DbOrTx, tenantId: string, vehicleId?: string) {
  return db
    .select({ p: fleetPapers, plate: fleetVehicles.plate, givenName: users.givenName, familyName: users.familyName })
    .from(fleetPapers)
    .leftJoin(fleetVehicles, eq(fleetVehicles.id, fleetPapers.vehicleId))
    .leftJoin(users, eq(users.id, fleetPapers.driverUserId))
    .where(and(eq(fleetPapers.tenantId, tenantId), vehicleId ? eq(fleetPapers.vehicleId, vehicleId) : undefined))
    .orderBy(asc(fleetPapers.validUntil))
    .then((rows) =>
      rows.map(({ p, plate, givenName, familyName }) => ({
        id: p.id,
        vehicleId: p.vehicleId,
        driverUserId: p.driverUserId,
        kind: p.kind,
        number: p.number,
        validUntil: p.validUntil,
        remindDays: p.remindDays,
        fileId: p.fileId,
        plate: plate ?? null,
        driverName: [givenName, familyName].filter(Boolean).join(' ') || null,
      })),
    );
}
