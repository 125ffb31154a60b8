import { appointmentsApi } from './modules/appointments/index.js';
import { casesApi } from './modules/cases/index.js';
import { contentApi } from './modules/content/index.js';
import { documentsApi } from './modules/documents/index.js';
import { eservicesApi } from './modules/eservices/index.js';
import { fleetApi } from './modules/fleet/index.js';
import { helpdeskApi } from './modules/helpdesk/index.js';
import { notifyApi } from './modules/notify/index.js';
import { nurseryApi } from './modules/nursery/index.js';
import { open311Api } from './modules/open311/index.js';
import { participationApi } from './modules/participation/index.js';
import { paymentsApi } from './modules/payments/index.js';
import { placesApi } from './modules/places/index.js';
import { reportsApi } from './modules/reports/index.js';
import { schoolsApi } from './modules/schools/index.js';
import { vrpApi } from './modules/vrp/index.js';
import { auditApi } from './platform/audit/audit.routes.js';
import type { Platform } from './platform/context.js';
import { filesApi } from './platform/files/files.routes.js';
import type { ApiPart } from './platform/http/app.js';
import { identityApi } from './platform/identity/identity.routes.js';
import { jobsApi } from './platform/jobs/jobs.routes.js';
import { mapApi } from './platform/map/map.routes.js';
import { seedDemo } from './platform/seed/demo.js';
import { telemetryApi } from './platform/telemetry/index.js';
import { orgApi } from './platform/tenancy/org.routes.js';

export type Part = ApiPart;

/** Everything the server serves, platform areas first, then the domain modules. */
export const parts: Part[] = [
  identityApi,
  orgApi,
  filesApi,
  auditApi,
  jobsApi,
  mapApi,
  telemetryApi,
  casesApi,
  documentsApi,
  notifyApi,
  participationApi,
  appointmentsApi,
  helpdeskApi,
  reportsApi,
  open311Api,
  contentApi,
  placesApi,
  schoolsApi,
  eservicesApi,
  nurseryApi,
  paymentsApi,
  fleetApi,
  vrpApi,
];

export async function setupParts(platform: Platform, list: Part[] = parts) {
  for (const p of list) await p.setup?.(platform);
}

/** The platform's own parts (everything outside src/modules), which every app needs. */
export const PLATFORM_PARTS = ['identity', 'org', 'files', 'audit', 'jobs', 'map', 'telemetry'];

/** The platform's parts and the named modules, in the order of `parts` (for tests that boot only what they test). */
export function partsNamed(names: string[]): Part[] {
  const unknown = names.filter((n) => !parts.some((p) => p.name === n));
  if (unknown.length) throw new Error(`unknown parts: ${unknown.join(', ')}`);
  return parts.filter((p) => PLATFORM_PARTS.includes(p.name) || names.includes(p.name));
}

/** Seeds the demo municipality (platform data, then each part's demo data) when it does not exist yet. */
export async function seedDemoAll(platform: Platform, opts: { printPasswords: boolean }) {
  const demo = await seedDemo(platform.db, opts);
  if (demo.created) for (const p of parts) await p.seedDemo?.(platform, demo.tenantId);
  return demo;
}
