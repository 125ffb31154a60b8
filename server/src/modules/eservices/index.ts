import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { registerSubmitCheck } from '../cases/index.js';
import { civilRegistryFor } from './civil-registry.js';
import './messages.js';
import { noteRegistryRecords, onceOnlyCheck, setCivilRegistry } from './once-only.js';
import { eservicesRoutes } from './routes.js';
import { seedEservices } from './seed.js';

/**
 * E-services: the citizen catalogue of the municipality's certificates and applications (a view
 * of the case types, by life event, searched without accents), each service's page, the once-only
 * port to the Μητρώο Πολιτών (prefill, documents waived) and the submit check for authorisations
 * and supporting documents. The services themselves are seeded case types. See README.md.
 */

export { catalogue, catalogueType, fold, inCatalogue, servicePage } from './catalogue.js';
export {
  type CivilRegistryPort,
  civilRegistryFor,
  KedCivilRegistry,
  type TRegistryAnswer,
  type TRegistryAudit,
  type TRegistryPerson,
} from './civil-registry.js';
export { createCivilRegistryImitation, REGISTRY_FIXTURES } from './civil-registry-imitation.js';
export { currentCivilRegistry, noteRegistryRecords, onceOnlyCheck, setCivilRegistry, waivedBy } from './once-only.js';
export { caseTypeBodyOf, ESERVICE_KEYS, ESERVICES, RESIDENCE, seedEservices } from './seed.js';

export const REGISTRY_NOTE_HANDLER = 'eservices.registry-note';

export const eservicesApi: ApiPart = {
  name: 'eservices',
  plugin: async (app, { platform }) => {
    await eservicesRoutes(app, platform);
  },
  setup(platform: Platform) {
    setCivilRegistry(civilRegistryFor(platform.cfg));
    registerSubmitCheck(onceOnlyCheck);
    platform.jobs.on(
      'case.submitted',
      REGISTRY_NOTE_HANDLER,
      async (e) => {
        if (typeof e.payload.caseId !== 'string') return;
        await noteRegistryRecords(platform, e.tenantId, e.payload.caseId);
      },
      { maxAttempts: 10, backoffMs: 30_000, when: (p) => p.registryDocuments !== false },
    );
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedEservices(platform.db, tenantId);
  },
};
