import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './events.js';
import './messages.js';
import { vrpRoutes } from './routes.js';
import { SOLVE_QUEUE } from './runs.service.js';
import { seedVrpDemo } from './seed.js';
import { MAX_RUN_ATTEMPTS, recoverRuns, solveRun } from './solve.service.js';

/**
 * Route planning: stored vehicle-routing problems (@dimos/vrp's format) and their solve runs,
 * solved in worker threads with progress over Server-Sent Events. See README.md.
 */

export { DEFAULT_LIMITS, limitsOf, type VrpLimits } from './limits.js';

export const vrpApi: ApiPart = {
  name: 'vrp',
  plugin: async (app, { platform }) => {
    await vrpRoutes(app, platform);
  },
  async setup(platform: Platform) {
    // a process death mid-solve costs one job attempt; the run itself gives up after MAX_RUN_ATTEMPTS
    platform.jobs.register(SOLVE_QUEUE, (job) => solveRun(platform, String(job.payload.runId)), {
      maxAttempts: MAX_RUN_ATTEMPTS + 2,
      backoffMs: 2_000,
    });
    const recovered = await recoverRuns(platform);
    if (recovered) platform.log.warn({ recovered }, 'vrp: runs interrupted by a stopped process were queued again');
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedVrpDemo(platform, tenantId);
  },
};
