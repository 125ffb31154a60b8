import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { expireHolds, MESSAGE_QUEUE, REMINDER_QUEUE } from './booking.service.js';
import './messages.js';
import { runMessageJob } from './notify.job.js';
import { appointmentsRoutes } from './routes.js';
import { apptServices } from './schema.js';
import { seedAppointmentsDemo } from './seed.js';
import { materialiseService } from './slots.service.js';

/**
 * Appointment booking: services per unit with hours and capacity per channel, slots
 * materialised for the booking horizon, holds, confirmation, manage links, waiting list,
 * the front desk and statistics. See README.md.
 */

export { materialiseService, seedAppointmentsDemo };

const EXPIRE_QUEUE = 'appointments.expire-holds';
const HORIZON_QUEUE = 'appointments.extend-horizon';

export const appointmentsApi: ApiPart = {
  name: 'appointments',
  plugin: async (app, { platform }) => {
    await appointmentsRoutes(app, platform);
  },
  async setup(platform: Platform) {
    platform.jobs.register(EXPIRE_QUEUE, async () => {
      await expireHolds(platform);
    });
    // Each night the horizon moves a day: add the new day's times for every active service.
    platform.jobs.register(HORIZON_QUEUE, async () => {
      const services = await platform.db
        .select({ id: apptServices.id, tenantId: apptServices.tenantId })
        .from(apptServices)
        .where(and(eq(apptServices.active, true)));
      for (const s of services) await platform.db.transaction((tx) => materialiseService(tx, s.tenantId, s.id));
    });
    platform.jobs.register(REMINDER_QUEUE, async (job) => runMessageJob(platform, job.tenantId as string, job.payload, 'reminder'));
    platform.jobs.register(MESSAGE_QUEUE, async (job) => runMessageJob(platform, job.tenantId as string, job.payload, 'offer'));
    await platform.jobs.schedule('appointments.expire-holds', '* * * * *', EXPIRE_QUEUE);
    await platform.jobs.schedule('appointments.extend-horizon', '15 2 * * *', HORIZON_QUEUE);
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await platform.db.transaction((tx) => seedAppointmentsDemo(tx, tenantId));
  },
};
