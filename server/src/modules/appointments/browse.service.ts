import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { getService } from './config.service.js';
import { apptServices } from './schema.js';
import { freeDays, freeTimes } from './slots.service.js';
import { todayInAthens } from './time.js';

/** Citizens browse: the services one can book, and their free days and times. */

export async function listServices(platform: Platform, ctx: ServiceContext, unitId?: string) {
  return platform.db
    .select()
    .from(apptServices)
    .where(
      and(eq(apptServices.tenantId, ctx.tenant.id), eq(apptServices.active, true), unitId ? eq(apptServices.unitId, unitId) : undefined),
    );
}

async function activeService(platform: Platform, ctx: ServiceContext, id: string) {
  const s = await getService(platform.db, ctx.tenant.id, id);
  if (!s.active) throw new AppError('appointment.service_not_found', 404);
  return s;
}

export async function serviceDays(platform: Platform, ctx: ServiceContext, serviceId: string, q: { from?: string; days: number }) {
  const s = await activeService(platform, ctx, serviceId);
  return freeDays(platform.db, s, q.from ?? todayInAthens(), q.days);
}

export async function serviceTimes(platform: Platform, ctx: ServiceContext, serviceId: string, date: string) {
  return freeTimes(platform.db, await activeService(platform, ctx, serviceId), date);
}
