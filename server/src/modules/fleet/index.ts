import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { onIngested } from '../../platform/telemetry/index.js';
import './messages.js';
import { PROCESS_QUEUE, processAll } from './process.service.js';
import { fleetRoutes } from './routes.js';
import { seedFleetDemo } from './seed.js';

/**
 * The municipal fleet: vehicles, drivers and shifts, papers with reminders, trips, stops, areas,
 * overspeed and fuel events derived from telemetry's positions, refuels, the δελτίο κίνησης,
 * maintenance and faults, reports. See README.md.
 */

export { processAll as processFleetPositions } from './process.service.js';
export { activeShift, getVehicle, listVehicles, shiftsOf, type TShiftRow, type TVehicleRow, vehicleOfDevice } from './vehicles.service.js';

const registered = new WeakSet<Platform>();

export const fleetApi: ApiPart = {
  name: 'fleet',
  plugin: async (app, { platform }) => {
    await fleetRoutes(app, platform);
  },
  async setup(platform: Platform) {
    platform.jobs.register(PROCESS_QUEUE, async () => {
      await processAll(platform);
    });
    // the durable walk runs every minute; new positions also ask for a run at once (best effort)
    await platform.jobs.schedule(PROCESS_QUEUE, '* * * * *', PROCESS_QUEUE);
    if (!registered.has(platform)) {
      registered.add(platform);
      onIngested(() => {
        const slot = Math.floor(Date.now() / 5000);
        platform.jobs
          .enqueue(platform.db, {
            queue: PROCESS_QUEUE,
            payload: {},
            dedupeKey: `fleet.process:${slot}`,
            runAt: new Date((slot + 1) * 5000),
          })
          .catch((err) => platform.log.error({ err }, 'fleet: could not queue processing'));
      });
    }
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedFleetDemo(platform, tenantId);
  },
};
