import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Platform } from '../../platform/context.js';
import { sizeOf } from './limits.js';
import { vrpProblems } from './schema.js';

/** The demo municipality's garbage round (the package's own example: two trucks, a landfill, multi-trip). */
export async function seedVrpDemo(platform: Platform, tenantId: string) {
  const pkg = createRequire(import.meta.url).resolve('@dimos/vrp/package.json');
  const example = JSON.parse(readFileSync(join(dirname(pkg), 'examples/nea-arkadia-waste.json'), 'utf8')) as Record<string, unknown> & {
    name?: string;
    jobs: unknown[];
    vehicles: unknown[];
  };
  const { name, ...problem } = example;
  const size = sizeOf(example);
  await platform.db.insert(vrpProblems).values({
    tenantId,
    name: name ?? 'Αποκομιδή απορριμμάτων',
    problem,
    jobCount: size.jobs,
    vehicleCount: size.vehicles,
  });
}
