import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { nurseryStations } from './schema.js';
import type { StationRow } from './shared.js';

/** Nursery stations (παιδικοί σταθμοί) and their places per age group. */

export const ZStationBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().max(300).nullable().optional(),
    location: z
      .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
      .nullable()
      .optional(),
    capacityInfant: z.number().int().min(0).max(500),
    capacityToddler: z.number().int().min(0).max(500),
    active: z.boolean().default(true),
  })
  .strict();
export const ZStationPatch = ZStationBody.partial().strict();

export const stationView = (s: StationRow) => ({
  id: s.id,
  name: s.name,
  address: s.address,
  location: s.lat != null && s.lon != null ? { lat: s.lat, lon: s.lon } : null,
  capacityInfant: s.capacityInfant,
  capacityToddler: s.capacityToddler,
  active: s.active,
});

export async function listStations(db: DbOrTx, tenantId: string, activeOnly: boolean) {
  return db
    .select()
    .from(nurseryStations)
    .where(and(eq(nurseryStations.tenantId, tenantId), activeOnly ? eq(nurseryStations.active, true) : undefined))
    .orderBy(asc(nurseryStations.name));
}

async function stationRow(db: DbOrTx, tenantId: string, id: string) {
  const [s] = await db
    .select()
    .from(nurseryStations)
    .where(and(eq(nurseryStations.tenantId, tenantId), eq(nurseryStations.id, id)));
  if (!s) throw new AppError('nursery.station_not_found', 404);
  return s;
}

export async function createStation(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZStationBody>) {
  return db.transaction(async (tx) => {
    const [s] = await tx
      .insert(nurseryStations)
      .values({
        tenantId: ctx.tenant.id,
        name: body.name,
        address: body.address ?? null,
        lat: body.location?.lat ?? null,
        lon: body.location?.lon ?? null,
        capacityInfant: body.capacityInfant,
        capacityToddler: body.capacityToddler,
        active: body.active,
      })
      .returning();
    if (!s) throw new Error('station insert');
    await audit(tx, ctx, { action: 'nursery.station_created', entity: 'nursery_station', entityId: s.id, data: { name: s.name } });
    return stationView(s);
  });
}

export async function updateStation(db: DbOrTx, ctx: ServiceContext, id: string, body: z.infer<typeof ZStationPatch>) {
  return db.transaction(async (tx) => {
    await stationRow(tx, ctx.tenant.id, id);
    const set: Partial<typeof nurseryStations.$inferInsert> = { updatedAt: new Date() };
    if (body.name !== undefined) set.name = body.name;
    if (body.address !== undefined) set.address = body.address;
    if (body.location !== undefined) {
      set.lat = body.location?.lat ?? null;
      set.lon = body.location?.lon ?? null;
    }
    if (body.capacityInfant !== undefined) set.capacityInfant = body.capacityInfant;
    if (body.capacityToddler !== undefined) set.capacityToddler = body.capacityToddler;
    if (body.active !== undefined) set.active = body.active;
    const [s] = await tx
      .update(nurseryStations)
      .set(set)
      .where(and(eq(nurseryStations.tenantId, ctx.tenant.id), eq(nurseryStations.id, id)))
      .returning();
    if (!s) throw new AppError('nursery.station_not_found', 404);
    await audit(tx, ctx, { action: 'nursery.station_updated', entity: 'nursery_station', entityId: id, data: body });
    return stationView(s);
  });
}
