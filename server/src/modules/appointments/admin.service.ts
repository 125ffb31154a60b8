import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { requireUnit } from './access.js';
import {
  createResource,
  createService,
  deleteException,
  getService,
  setException,
  setWeeklyHours,
  type TServiceBody,
  unitConfig,
  updateService,
  type ZExceptionBody,
  type ZResourceBody,
  type ZServicePatch,
} from './config.service.js';
import type { TWeekly } from './schema.js';

/** Administration of a unit's booking set-up; each change is audited in its transaction. */

export async function unitSetup(platform: Platform, ctx: ServiceContext, unitId: string) {
  await requireUnit(platform, ctx, 'appointments.manage', unitId, 'path');
  return unitConfig(platform.db, ctx.tenant.id, unitId);
}

export async function setUnitHours(platform: Platform, ctx: ServiceContext, unitId: string, weekly: TWeekly) {
  await requireUnit(platform, ctx, 'appointments.manage', unitId, 'path');
  await platform.db.transaction(async (tx) => {
    await setWeeklyHours(tx, ctx.tenant.id, unitId, weekly);
    await audit(tx, ctx, { action: 'appointment.hours', entity: 'org_unit', entityId: unitId, data: { weekly } });
  });
}

export async function setDateException(
  platform: Platform,
  ctx: ServiceContext,
  unitId: string,
  date: string,
  body: Omit<z.infer<typeof ZExceptionBody>, 'date'>,
) {
  await requireUnit(platform, ctx, 'appointments.manage', unitId, 'path');
  await platform.db.transaction(async (tx) => {
    await setException(tx, ctx.tenant.id, unitId, { ...body, date });
    await audit(tx, ctx, { action: 'appointment.exception', entity: 'org_unit', entityId: unitId, data: { date, ...body } });
  });
}

export async function removeDateException(platform: Platform, ctx: ServiceContext, unitId: string, date: string) {
  await requireUnit(platform, ctx, 'appointments.manage', unitId, 'path');
  await platform.db.transaction(async (tx) => {
    await deleteException(tx, ctx.tenant.id, unitId, date);
    await audit(tx, ctx, { action: 'appointment.exception_removed', entity: 'org_unit', entityId: unitId, data: { date } });
  });
}

export async function addService(platform: Platform, ctx: ServiceContext, body: TServiceBody) {
  await requireUnit(platform, ctx, 'appointments.manage', body.unitId);
  return platform.db.transaction(async (tx) => {
    const created = await createService(tx, ctx.tenant.id, body);
    await audit(tx, ctx, { action: 'appointment.service_created', entity: 'appt_service', entityId: created.id, data: body });
    return created;
  });
}

export async function changeService(platform: Platform, ctx: ServiceContext, id: string, patch: z.infer<typeof ZServicePatch>) {
  const cur = await getService(platform.db, ctx.tenant.id, id);
  await requireUnit(platform, ctx, 'appointments.manage', cur.unitId);
  return platform.db.transaction(async (tx) => {
    const updated = await updateService(tx, ctx.tenant.id, id, patch);
    await audit(tx, ctx, { action: 'appointment.service_updated', entity: 'appt_service', entityId: updated.id, data: patch });
    return updated;
  });
}

export async function addCounter(platform: Platform, ctx: ServiceContext, body: z.infer<typeof ZResourceBody>) {
  await requireUnit(platform, ctx, 'appointments.manage', body.unitId);
  return platform.db.transaction(async (tx) => {
    const created = await createResource(tx, ctx.tenant.id, body);
    await audit(tx, ctx, { action: 'appointment.resource_created', entity: 'appt_resource', entityId: created.id, data: body });
    return created;
  });
}
